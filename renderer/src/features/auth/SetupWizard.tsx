import { useState, type FormEvent } from 'react';
import { ApiError, call, errorText } from '../../api/client.ts';
import { PASSWORD_POLICY } from '../../api/session.ts';
import { FormBanner } from '../../components/Field.tsx';
import { AuthCard, issuesByFullPath, TextInput } from './AuthCard.tsx';

type OrgStep = { level: 'county' | 'street' | 'community'; name: string; code: string };

const EMPTY = { countyName: '', countyCode: '', streetName: '', streetCode: '', communityName: '', communityCode: '', username: '', displayName: '', password: '', confirm: '' };

/** First run: bind this installation to an org unit and create the 系统管理员 (there is no default account). */
export function SetupWizard({ onDone }: { onDone: (recoveryKey: string) => void }) {
  const [f, setF] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof EMPTY) => (v: string) => setF((p) => ({ ...p, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const orgs: OrgStep[] = [{ level: 'county', name: f.countyName, code: f.countyCode }];
    const street = f.streetName.trim() || f.streetCode.trim();
    const community = f.communityName.trim() || f.communityCode.trim();
    if (community && !street) local['orgs.1.name'] = '「街道（乡镇）」填写社区时须先填写所属街道';
    if (street) orgs.push({ level: 'street', name: f.streetName, code: f.streetCode });
    if (street && community) orgs.push({ level: 'community', name: f.communityName, code: f.communityCode });
    if (f.password !== f.confirm) local['admin.confirm'] = '「确认密码」与密码不一致';
    setErrors(local);
    setBanner(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const r = await call('setup.init', { orgs, admin: { username: f.username, displayName: f.displayName, password: f.password } });
      onDone(r.recoveryKey);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) setErrors(issuesByFullPath(err.issues));
      setBanner(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthCard title="首次设置" wide>
      <p className="muted">本机尚未设置。请绑定本机所属的组织单位，并创建系统管理员账号（系统没有默认账号）。</p>
      <form onSubmit={submit} noValidate>
        <FormBanner message={banner} />
        <fieldset>
          <legend>所属组织单位</legend>
          <div className="auth-grid">
            <TextInput id="su-county-name" label="县（区）名称" required value={f.countyName} onChange={set('countyName')} error={errors['orgs.0.name']} />
            <TextInput id="su-county-code" label="县（区）区划代码" required mono placeholder="12 位数字" value={f.countyCode} onChange={set('countyCode')} error={errors['orgs.0.code'] ?? errors.orgs} />
            <TextInput id="su-street-name" label="街道（乡镇）名称（可选）" value={f.streetName} onChange={set('streetName')} error={errors['orgs.1.name']} />
            <TextInput id="su-street-code" label="街道（乡镇）区划代码" mono value={f.streetCode} onChange={set('streetCode')} error={errors['orgs.1.code']} />
            <TextInput id="su-community-name" label="社区名称（可选）" value={f.communityName} onChange={set('communityName')} error={errors['orgs.2.name']} />
            <TextInput id="su-community-code" label="社区区划代码" mono value={f.communityCode} onChange={set('communityCode')} error={errors['orgs.2.code']} />
          </div>
          <p className="hint">本机绑定到填写的最下一级单位。区划代码为国家统计局统计用区划代码（12 位）。</p>
        </fieldset>
        <fieldset>
          <legend>系统管理员</legend>
          <div className="auth-grid">
            <TextInput id="su-username" label="用户名" required value={f.username} onChange={set('username')} error={errors['admin.username']} placeholder="字母开头，3–32 位" />
            <TextInput id="su-display" label="姓名" required value={f.displayName} onChange={set('displayName')} error={errors['admin.displayName']} />
            <TextInput id="su-password" label="密码" type="password" required autoComplete="new-password" value={f.password} onChange={set('password')} error={errors['admin.password']} />
            <TextInput id="su-confirm" label="确认密码" type="password" required autoComplete="new-password" value={f.confirm} onChange={set('confirm')} error={errors['admin.confirm']} />
          </div>
          <p className="hint">{PASSWORD_POLICY}</p>
        </fieldset>
        <div className="auth-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? '正在设置…' : '完成设置'}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}

/** Shown once after setup: the recovery key is the only way back in if the admin password is lost. */
export function RecoveryKeyScreen({ recoveryKey, onContinue }: { recoveryKey: string; onContinue: () => void }) {
  const [kept, setKept] = useState(false);
  const now = new Date();
  const printedOn = `${now.getFullYear()}年${now.getMonth() + 1}月${now.getDate()}日`;
  return (
    <AuthCard title="请抄写恢复密钥" wide>
      {/* A document of its own on paper (print.css .print-doc): the key and what it is for, nothing of the screen around it. */}
      <article className="print-doc recovery-doc" aria-label="恢复密钥单">
        <h2 className="print-only">基层党建台账　系统管理员恢复密钥</h2>
        <p className="auth-warning" role="note">
          恢复密钥只显示这一次。系统管理员忘记密码时，只能用它重设密码并打开加密的数据库；遗失后数据将无法找回。请立即抄写或打印，并交由专人妥善保管（不要存放在本机上）。
        </p>
        <div className="recovery-key mono" aria-label="恢复密钥" data-testid="recovery-key">
          {recoveryKey}
        </div>
        <p className="print-only">
          打印日期：{printedOn}　　保管人（签字）：＿＿＿＿＿＿
        </p>
      </article>
      <div className="auth-actions spread">
        <button type="button" onClick={() => window.print()}>
          打印恢复密钥
        </button>
        <label className="check">
          <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
          我已抄写并妥善保管恢复密钥
        </label>
        <button type="button" className="primary" disabled={!kept} onClick={onContinue}>
          继续，前往登录
        </button>
      </div>
    </AuthCard>
  );
}
