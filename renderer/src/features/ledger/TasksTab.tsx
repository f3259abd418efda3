import { useCallback, useEffect, useState } from 'react';
import type { TaskRecord } from '../../../../core/ledger/lists/contract-tasks.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { mayCall } from '../../access.ts';
import { Field, FormBanner } from '../../components/Field.tsx';
import { countChanges, leaveAll, useDirty } from '../../components/useDirty.ts';
import { ColourChip, type LedgerScope } from './LedgerPage.tsx';

/** Tasks sent down, each with its receiving communities' states; a community reports on its own line. */
export function TasksTab({ scope }: { scope: LedgerScope }) {
  const [rows, setRows] = useState<TaskRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [reporting, setReporting] = useState<{ task: TaskRecord; orgId: string } | null>(null);
  const load = useCallback(async () => {
    try {
      setRows((await call('ledger.tasks.list', { orgId: scope.orgId, year: scope.year })).rows);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.orgId, scope.year]);
  useEffect(() => void load(), [load]);
  const unit = scope.orgs.find((o) => o.id === scope.orgId);

  return (
    <div className="pane order-detail">
      <div className="toolbar">
        <span className="pane-title">{scope.year} 年任务清单（{rows.length}）</span>
        <span className="spacer" />
        {unit && unit.level !== 'community' && mayCall('ledger.tasks.create') && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>＋ 下达任务</button>
        )}
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {creating && unit && <TaskForm scope={scope} onDone={() => { setCreating(false); void load(); }} />}
      {rows.map((t) => (
        <section key={t.id} className="task-card">
          <h3>{t.title} <span className="meta">{t.orgName} 下达 · {t.issuedOn} · 时限 {t.deadline} · 完成 {t.doneCount}/{t.targets.length}</span></h3>
          {t.content && <p>{t.content}</p>}
          <table className="overview-table">
            <thead><tr><th>社区</th><th>状态</th><th>进度</th><th>完成日期</th><th /></tr></thead>
            <tbody>
              {t.targets.filter((x) => scope.orgs.some((o) => o.id === x.orgId)).map((x) => (
                <tr key={x.orgId}>
                  <td>{x.orgName}</td>
                  <td><ColourChip colour={x.colour} /> {x.state}</td>
                  <td>{x.progress}%</td>
                  <td>{x.doneOn ?? ''}</td>
                  <td>{!x.doneOn && mayCall('ledger.tasks.report') && <button type="button" onClick={() => void leaveAll().then((ok) => ok && setReporting({ task: t, orgId: x.orgId }))}>报送完成情况</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {reporting?.task.id === t.id && <ReportForm key={reporting.orgId} taskId={t.id} orgId={reporting.orgId} onDone={() => { setReporting(null); void load(); }} />}
        </section>
      ))}
    </div>
  );
}

function TaskForm({ scope, onDone }: { scope: LedgerScope; onDone: () => void }) {
  const targets = scope.orgs.filter((o) => o.level === 'community');
  const [f, setF] = useState({ title: '', category: '', deadline: '', content: '' });
  const [picked, setPicked] = useState<string[]>(targets.map((t) => t.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((c) => ({ ...c, [k]: e.target.value }));
  const save = async (): Promise<boolean> => {
    try {
      await call('ledger.tasks.create', { orgId: scope.orgId, ...f, content: f.content || null, targetOrgIds: picked });
      onDone();
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setBanner(errorText(e));
      return false;
    }
  };
  const typed = Object.values(f).filter(Boolean).length + (picked.length !== targets.length ? 1 : 0);
  // 放弃修改 closes the form: it must not stay open under another unit or year with its text gone.
  const { leave } = useDirty(typed, { label: '下达任务（未下达）', save, discard: onDone });
  // Typed text: leave() asks, and its 保存/放弃 both close the form; nothing typed: just close.
  const cancel = () => void leave().then((ok) => ok && !typed && onDone());
  return (
    <div className="step-form" aria-label="下达任务">
      <FormBanner message={banner} />
      <div className="grid-fields">
        <Field name="title" label="任务标题" required error={errors.title} wide htmlFor="tf-title"><input id="tf-title" value={f.title} onChange={set('title')} /></Field>
        <Field name="category" label="类别" required error={errors.category} htmlFor="tf-category"><input id="tf-category" value={f.category} onChange={set('category')} /></Field>
        <Field name="deadline" label="时限" required error={errors.deadline} htmlFor="tf-deadline"><input id="tf-deadline" type="date" value={f.deadline} onChange={set('deadline')} /></Field>
        <Field name="content" label="任务内容" error={errors.content} wide htmlFor="tf-content"><textarea id="tf-content" rows={2} value={f.content} onChange={set('content')} /></Field>
        <Field name="targetOrgIds" label="接收社区" required error={errors.targetOrgIds} wide>
          <div>
            {targets.map((t) => (
              <label key={t.id} className="inline-label">
                <input type="checkbox" checked={picked.includes(t.id)} onChange={(e) => setPicked((p) => (e.target.checked ? [...p, t.id] : p.filter((x) => x !== t.id)))} />
                {t.name}
              </label>
            ))}
          </div>
        </Field>
      </div>
      <button type="button" className="primary" onClick={() => void save()}>下达</button>
      <button type="button" onClick={cancel}>取消</button>
    </div>
  );
}

function ReportForm({ taskId, orgId, onDone }: { taskId: string; orgId: string; onDone: () => void }) {
  const [f, setF] = useState({ progress: '100', done: true, content: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const save = async (): Promise<boolean> => {
    try {
      await call('ledger.tasks.report', { taskId, orgId, progress: Number(f.progress), done: f.done, content: f.content });
      onDone();
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setBanner(errorText(e));
      return false;
    }
  };
  useDirty(countChanges({ progress: '100', done: true, content: '' }, f), { label: '任务完成情况（未报送）', save });
  return (
    <div className="step-form" aria-label="报送完成情况">
      <FormBanner message={banner} />
      <div className="grid-fields">
        <Field name="progress" label="进度（%）" error={errors.progress} htmlFor="rf-progress"><input id="rf-progress" type="number" value={f.progress} onChange={(e) => setF((c) => ({ ...c, progress: e.target.value }))} /></Field>
        <Field name="done" label="已完成" htmlFor="rf-done"><input id="rf-done" type="checkbox" checked={f.done} onChange={(e) => setF((c) => ({ ...c, done: e.target.checked }))} /></Field>
        <Field name="content" label="完成情况" required error={errors.content} wide htmlFor="rf-content"><textarea id="rf-content" rows={2} value={f.content} onChange={(e) => setF((c) => ({ ...c, content: e.target.value }))} /></Field>
      </div>
      <button type="button" className="primary" onClick={() => void save()}>报送</button>
    </div>
  );
}
