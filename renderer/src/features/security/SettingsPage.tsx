import { useCallback, useEffect, useState } from 'react';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { UserInfo } from '../../../../core/security/contract.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { Field, FormBanner } from '../../components/Field.tsx';
import { getRowId, GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';
import { ResetPasswordDialog, UserDialog } from './UserDialog.tsx';
import { MaintenancePanel } from './MaintenancePanel.tsx';
import './security.css';

const COLUMNS: ColDef<UserInfo>[] = [
  { field: 'username', headerName: '用户名', colId: 'username', width: 130 },
  { field: 'displayName', headerName: '姓名', colId: 'displayName', width: 120 },
  { field: 'roleLabel', headerName: '角色', colId: 'role', width: 110 },
  { field: 'orgScopeName', headerName: '管辖范围', colId: 'scope', width: 160, valueFormatter: (p) => p.value ?? '全部单位' },
  { headerName: '状态', colId: 'status', width: 130, valueGetter: (p) => (p.data?.disabled ? '已停用' : p.data?.mustChangePassword ? '待修改初始密码' : '正常') },
  { field: 'lastLoginAt', headerName: '最近登录', colId: 'lastLoginAt', flex: 1, valueFormatter: (p) => (p.value ? new Date(p.value as string).toLocaleString('zh-CN') : '从未登录') },
];

/** 设置 (系统管理员): accounts, the security policy, backups and upgrades. */
export function SettingsPage() {
  return (
    <div className="page settings-page">
      <UsersPanel />
      <PolicyPanel />
      <MaintenancePanel />
    </div>
  );
}

function UsersPanel() {
  const [users, setUsers] = useState<UserInfo[]>([]);
  const [orgs, setOrgs] = useState<OrgUnit[]>([]);
  const [selected, setSelected] = useState<UserInfo | null>(null);
  const [dialog, setDialog] = useState<'create' | 'edit' | 'reset' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [u, o] = await Promise.all([call('users.list', {}), call('org.tree', {})]);
      setUsers(u);
      setOrgs(o);
      setSelected((s) => (s ? (u.find((x) => x.id === s.id) ?? null) : null));
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const done = (text: string) => {
    setDialog(null);
    setMessage(text);
    setError(null);
    void load();
  };

  return (
    <section className="settings-section grow" aria-labelledby="users-title">
      <div className="toolbar">
        <h1 id="users-title">账号管理</h1>
        <button type="button" className="primary" onClick={() => setDialog('create')}>
          ＋ 新建账号
        </button>
        <button type="button" disabled={!selected} onClick={() => setDialog('edit')}>
          修改
        </button>
        <button type="button" disabled={!selected} onClick={() => setDialog('reset')}>
          重设密码
        </button>
        <span className="spacer" />
        {message && (
          <span className="ok-text" role="status">
            {message}
          </span>
        )}
      </div>
      <FormBanner message={error} />
      <div className="grid-host">
        <AgGridReact<UserInfo>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          overlayNoRowsTemplate={emptyGrid('还没有账号')}
          rowData={users}
          columnDefs={COLUMNS}
          defaultColDef={{ sortable: true, resizable: true }}
          getRowId={getRowId}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          onRowDoubleClicked={(e) => {
            if (!e.data) return;
            setSelected(e.data);
            setDialog('edit');
          }}
        />
      </div>
      {dialog === 'create' && <UserDialog user={null} orgs={orgs} onClose={() => setDialog(null)} onSaved={(u) => done(`已新建账号 ${u.username}，首次登录时须修改初始密码`)} />}
      {dialog === 'edit' && selected && <UserDialog user={selected} orgs={orgs} onClose={() => setDialog(null)} onSaved={(u) => done(`已保存账号 ${u.username}`)} />}
      {dialog === 'reset' && selected && <ResetPasswordDialog user={selected} onClose={() => setDialog(null)} onDone={() => done(`已重设 ${selected.username} 的密码`)} />}
    </section>
  );
}

type Policy = { maxFailures: number; lockMinutes: number; idleMinutes: number };
const POLICY_FIELDS: { key: keyof Policy; label: string; hint: string }[] = [
  { key: 'maxFailures', label: '失败次数上限', hint: '连续输错密码达到此次数后锁定账号（3–10）' },
  { key: 'lockMinutes', label: '锁定时长（分钟）', hint: '账号锁定的时长（5–1440）' },
  { key: 'idleMinutes', label: '闲置锁定（分钟）', hint: '无操作达到此时长后锁定界面，须重新输入密码（1–60）' },
];

function PolicyPanel() {
  const [form, setForm] = useState<Record<keyof Policy, string> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // The policy as stored: typed figures that differ from it are unsaved work.
  const [stored, setStored] = useState<Record<keyof Policy, string> | null>(null);
  const changes = form && stored ? countChanges(stored, form) : 0;
  useDirty(changes, { label: `安全策略（${changes} 处修改）`, save: () => save(), discard: () => setForm(stored) });

  useEffect(() => {
    call('settings.getSecurity', {}).then(
      (p) => {
        const loaded = { maxFailures: String(p.maxFailures), lockMinutes: String(p.lockMinutes), idleMinutes: String(p.idleMinutes) };
        setForm(loaded);
        setStored(loaded);
      },
      (e) => setBanner(errorText(e)),
    );
  }, []);

  async function save(): Promise<boolean> {
    if (!form) return true;
    setSaved(false);
    setBanner(null);
    try {
      const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
      await call('settings.updateSecurity', { maxFailures: num(form.maxFailures), lockMinutes: num(form.lockMinutes), idleMinutes: num(form.idleMinutes) });
      setErrors({});
      setSaved(true);
      setStored(form);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setErrors(issuesByPath(e.issues));
      else setBanner(errorText(e));
      return false;
    }
  }

  return (
    <section className="settings-section" aria-labelledby="policy-title">
      <div className="toolbar">
        <h1 id="policy-title">安全策略</h1>
      </div>
      <FormBanner message={banner} />
      {form && (
        <div className="policy-form">
          {POLICY_FIELDS.map(({ key, label, hint }) => (
            <Field key={key} name={key} label={label} error={errors[key]} htmlFor={`sp-${key}`}>
              <input id={`sp-${key}`} type="text" inputMode="numeric" value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
              <span className="hint">{hint}</span>
            </Field>
          ))}
          <div className="policy-actions">
            <button type="button" className="primary" onClick={() => void save()}>
              保存安全策略
            </button>
            {saved && (
              <span className="ok-text" role="status">
                已保存；闲置锁定时长在下次登录时生效
              </span>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
