import { useState } from 'react';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { ROLE_LABEL, ROLES, type Role } from '../../../../core/security/roles.ts';
import type { UserInfo } from '../../../../core/security/contract.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { PASSWORD_POLICY } from '../../api/session.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { orgOptionLabel } from '../roster/orgTree.ts';

interface Props {
  /** null: a new account. */
  user: UserInfo | null;
  orgs: OrgUnit[];
  onClose: () => void;
  onSaved: (u: UserInfo) => void;
}

/** Create an account (with an initial password the user must change) or edit name, role, scope, 停用. */
export function UserDialog({ user, orgs, onClose, onSaved }: Props) {
  const [start] = useState({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: (user?.role ?? 'clerk') as Role,
    orgScopeId: user?.orgScopeId ?? '',
    disabled: user?.disabled ?? false,
    password: '',
  });
  const [f, setF] = useState(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const changes = countChanges(start, f);
  const { leave } = useDirty(changes, { label: `${user ? `账号 ${user.username}` : '新建账号'}（${changes} 处修改）`, save });
  const close = () => void leave().then((ok) => ok && onClose());

  async function save(): Promise<boolean> {
    setBusy(true);
    setBanner(null);
    try {
      const scope = f.orgScopeId || null;
      const saved = user
        ? await call('users.update', { id: user.id, displayName: f.displayName, role: f.role, orgScopeId: scope, disabled: f.disabled })
        : await call('users.create', { username: f.username, displayName: f.displayName, role: f.role, orgScopeId: scope, initialPassword: f.password });
      onSaved(saved);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setErrors(issuesByPath(e.issues));
      setBanner(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={user ? `修改账号：${user.username}` : '新建账号'}
      onClose={close}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            保存
          </button>
        </>
      }
    >
      <div className="grid-fields one">
        <Field name="username" label="用户名" required={!user} error={errors.username} htmlFor="ud-username">
          <input id="ud-username" type="text" value={f.username} disabled={!!user} onChange={(e) => setF({ ...f, username: e.target.value })} />
        </Field>
        <Field name="displayName" label="姓名" required error={errors.displayName} htmlFor="ud-name">
          <input id="ud-name" type="text" value={f.displayName} onChange={(e) => setF({ ...f, displayName: e.target.value })} />
        </Field>
        <Field name="role" label="角色" required error={errors.role} htmlFor="ud-role">
          <select id="ud-role" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field name="orgScopeId" label="管辖范围" error={errors.orgScopeId} htmlFor="ud-scope">
          <select id="ud-scope" value={f.orgScopeId} onChange={(e) => setF({ ...f, orgScopeId: e.target.value })}>
            <option value="">全部单位（不限）</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {orgOptionLabel(o)}
              </option>
            ))}
          </select>
        </Field>
        {user ? (
          <label className="check">
            <input type="checkbox" checked={f.disabled} onChange={(e) => setF({ ...f, disabled: e.target.checked })} />
            停用此账号（停用后无法登录，已登录的会话立即失效）
          </label>
        ) : (
          <Field name="initialPassword" label="初始密码" required error={errors.initialPassword} htmlFor="ud-password">
            <input id="ud-password" type="text" className="mono" autoComplete="off" value={f.password} onChange={(e) => setF({ ...f, password: e.target.value })} />
            <span className="hint">{PASSWORD_POLICY} 用户首次登录时须修改。</span>
          </Field>
        )}
      </div>
    </Dialog>
  );
}

/** An administrator sets a new password; the user must change it at the next login. */
export function ResetPasswordDialog({ user, onClose, onDone }: { user: UserInfo; onClose: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const { leave } = useDirty(password !== '', { label: `重设密码：${user.displayName}`, save });
  const close = () => void leave().then((ok) => ok && onClose());
  async function save(): Promise<boolean> {
    setBusy(true);
    try {
      await call('users.resetPassword', { id: user.id, newPassword: password });
      onDone();
      return true;
    } catch (e) {
      setError(e instanceof ApiError && e.issues.length ? issuesByPath(e.issues).newPassword : errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return (
    <Dialog
      title={`重设密码：${user.displayName}（${user.username}）`}
      onClose={close}
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" disabled={busy || !password} onClick={() => void save()}>
            重设
          </button>
        </>
      }
    >
      <Field name="newPassword" label="新密码" required error={error} htmlFor="rp-password">
        <input id="rp-password" type="text" className="mono" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        <span className="hint">{PASSWORD_POLICY} 该账号已登录的会话将失效，下次登录时须修改密码。</span>
      </Field>
    </Dialog>
  );
}
