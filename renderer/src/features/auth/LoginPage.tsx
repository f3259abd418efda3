import { useState, type FormEvent } from 'react';
import { ApiError, call, errorText } from '../../api/client.ts';
import { PASSWORD_POLICY, saveLogin, type Login } from '../../api/session.ts';
import { FormBanner } from '../../components/Field.tsx';
import { AuthCard, issuesByFullPath, TextInput } from './AuthCard.tsx';
import { endWarmUp, warmUpGrid } from '../../nav.tsx';

interface Props {
  orgName: string | null;
  notice: string | null;
  onLogin: (login: Login) => void;
}

/** The login page; its link leads to the recovery-key form for a forgotten admin password. */
export function LoginPage({ orgName, notice, onLogin }: Props) {
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  const [info, setInfo] = useState<string | null>(notice);
  if (mode === 'recover')
    return (
      <RecoverForm
        orgName={orgName}
        onCancel={() => setMode('login')}
        onDone={() => {
          setInfo('系统管理员密码已重设，请用新密码登录。');
          setMode('login');
        }}
      />
    );
  return <LoginForm orgName={orgName} info={info} onLogin={onLogin} onForgot={() => setMode('recover')} />;
}

function LoginForm({ orgName, info, onLogin, onForgot }: { orgName: string | null; info: string | null; onLogin: (l: Login) => void; onForgot: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [banner, setBanner] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setBanner(null);
    setErrors({});
    try {
      const answer = call('auth.login', { username, password });
      // The page only waits for the server now: the grid code gets its first run meanwhile.
      warmUpGrid();
      const r = await answer.finally(endWarmUp);
      const login = { user: r.user, idleMinutes: r.idleMinutes };
      saveLogin(r.sessionId, login);
      onLogin(login);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(issuesByFullPath(err.issues));
      else setBanner(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="登录" subtitle={orgName}>
      {info && !banner && (
        <p className="auth-info" role="status">
          {info}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <FormBanner message={banner} />
        <TextInput id="login-username" label="用户名" value={username} onChange={setUsername} autoComplete="username" error={errors.username} />
        <TextInput id="login-password" label="密码" type="password" value={password} onChange={setPassword} autoComplete="current-password" error={errors.password} />
        <div className="auth-actions">
          <button type="submit" className="primary" disabled={busy || !username || !password}>
            {busy ? '正在登录…' : '登录'}
          </button>
        </div>
      </form>
      <button type="button" className="link auth-link" onClick={onForgot}>
        忘记密码？用恢复密钥重设管理员密码
      </button>
    </AuthCard>
  );
}

function RecoverForm({ orgName, onCancel, onDone }: { orgName: string | null; onCancel: () => void; onDone: () => void }) {
  const [f, setF] = useState({ recoveryKey: '', username: '', newPassword: '', confirm: '' });
  const [banner, setBanner] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF((p) => ({ ...p, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBanner(null);
    if (f.newPassword !== f.confirm) return setErrors({ confirm: '「确认新密码」与新密码不一致' });
    setErrors({});
    setBusy(true);
    try {
      await call('auth.recover', { recoveryKey: f.recoveryKey, username: f.username, newPassword: f.newPassword });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(issuesByFullPath(err.issues));
      setBanner(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="用恢复密钥重设管理员密码" subtitle={orgName}>
      <p className="muted small-text">恢复密钥是首次设置时显示并要求抄写保管的那一串字符。重设后，该管理员的其他登录会话将失效。</p>
      <form onSubmit={submit} noValidate>
        <FormBanner message={banner} />
        <TextInput id="rc-key" label="恢复密钥" mono value={f.recoveryKey} onChange={set('recoveryKey')} error={errors.recoveryKey} />
        <TextInput id="rc-username" label="系统管理员用户名" value={f.username} onChange={set('username')} error={errors.username} />
        <TextInput id="rc-password" label="新密码" type="password" autoComplete="new-password" value={f.newPassword} onChange={set('newPassword')} error={errors.newPassword} />
        <TextInput id="rc-confirm" label="确认新密码" type="password" autoComplete="new-password" value={f.confirm} onChange={set('confirm')} error={errors.confirm} />
        <p className="hint">{PASSWORD_POLICY}</p>
        <div className="auth-actions">
          <button type="button" onClick={onCancel}>
            返回登录
          </button>
          <button type="submit" className="primary" disabled={busy}>
            重设密码
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
