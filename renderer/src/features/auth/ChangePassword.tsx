import { useState, type FormEvent } from 'react';
import { ApiError, call, errorText } from '../../api/client.ts';
import { PASSWORD_POLICY } from '../../api/session.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { FormBanner } from '../../components/Field.tsx';
import { AuthCard, issuesByFullPath, TextInput } from './AuthCard.tsx';

function useChangePassword(onDone: () => void) {
  const [f, setF] = useState({ oldPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF((p) => ({ ...p, [k]: v }));
  async function submit(e?: FormEvent) {
    e?.preventDefault();
    setBanner(null);
    if (f.newPassword !== f.confirm) return setErrors({ confirm: '「确认新密码」与新密码不一致' });
    setErrors({});
    setBusy(true);
    try {
      await call('auth.changePassword', { oldPassword: f.oldPassword, newPassword: f.newPassword });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(issuesByFullPath(err.issues));
      else setBanner(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const fields = (
    <>
      <TextInput id="cp-old" label="原密码" type="password" autoComplete="current-password" value={f.oldPassword} onChange={set('oldPassword')} error={errors.oldPassword} />
      <TextInput id="cp-new" label="新密码" type="password" autoComplete="new-password" value={f.newPassword} onChange={set('newPassword')} error={errors.newPassword} />
      <TextInput id="cp-confirm" label="确认新密码" type="password" autoComplete="new-password" value={f.confirm} onChange={set('confirm')} error={errors.confirm} />
      <p className="hint">{PASSWORD_POLICY}</p>
    </>
  );
  return { fields, banner, busy, submit };
}

/** First login or a password reset by the administrator: nothing else is usable until it is changed. */
export function ForcedPasswordChange({ name, onDone, onLogout }: { name: string; onDone: () => void; onLogout: () => void }) {
  const cp = useChangePassword(onDone);
  return (
    <AuthCard title="请修改密码">
      <p className="muted">{name}，这是您首次登录或密码刚被系统管理员重设，请先设置自己的新密码。</p>
      <form onSubmit={cp.submit} noValidate>
        <FormBanner message={cp.banner} />
        {cp.fields}
        <div className="auth-actions">
          <button type="button" onClick={onLogout}>
            退出登录
          </button>
          <button type="submit" className="primary" disabled={cp.busy}>
            修改密码
          </button>
        </div>
      </form>
    </AuthCard>
  );
}

export function ChangePasswordDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const cp = useChangePassword(onDone);
  return (
    <Dialog
      title="修改密码"
      onClose={onClose}
      banner={<FormBanner message={cp.banner} />}
      footer={
        <>
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="primary" disabled={cp.busy} onClick={() => void cp.submit()}>
            保存
          </button>
        </>
      }
    >
      <div className="grid-fields one">{cp.fields}</div>
    </Dialog>
  );
}
