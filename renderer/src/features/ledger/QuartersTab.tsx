import { useCallback, useEffect, useState } from 'react';
import type { QuarterRecord } from '../../../../core/ledger/lists/contract-quarters.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { mayCall } from '../../access.ts';
import { Field, FormBanner } from '../../components/Field.tsx';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import type { LedgerScope } from './LedgerPage.tsx';

type QuarterForm = { year: string; quarter: string; summary: string; correctsId: string | null; editId: string | null };

/** 季度报告: a community drafts, confirms and seals; sealed is frozen, a correction is a new report. */
export function QuartersTab({ scope }: { scope: LedgerScope }) {
  const [rows, setRows] = useState<QuarterRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<QuarterForm | null>(null);
  // The form as opened: what it holds beyond this is unsaved work the leave question covers.
  const [formBase, setFormBase] = useState<QuarterForm | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unit = scope.orgs.find((o) => o.id === scope.orgId);
  const load = useCallback(async () => {
    try {
      setRows((await call('ledger.quarters.list', { orgId: scope.orgId })).rows);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.orgId]);
  useEffect(() => void load(), [load]);
  // A form belongs to the unit it was opened under; the picker asked about typed text already.
  useEffect(() => setForm(null), [scope.orgId]);

  // Runs an action and reloads; only save closes the form (sealing must not drop an open one).
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      setErrors({});
      await load();
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setError(errorText(e));
      return false;
    }
  };
  const save = async (): Promise<boolean> => {
    if (!form) return false;
    const ok = await run(() =>
      form.editId
        ? call('ledger.quarters.update', { id: form.editId, summary: form.summary })
        : call('ledger.quarters.create', { orgId: scope.orgId, year: Number(form.year), quarter: Number(form.quarter), summary: form.summary, correctsId: form.correctsId }),
    );
    if (ok) setForm(null);
    return ok;
  };
  const { leave } = useDirty(form && formBase ? countChanges(formBase, form) : 0, { label: '季度报告', save, discard: () => setForm(null) });
  // Opening another report's form, or 取消, asks first when the open one holds typed text.
  const open = (f: QuarterForm | null) => void leave().then((ok) => ok && (setForm(f), setFormBase(f), setErrors({})));
  // Sealing freezes the report: an open edit of it is saved or dropped first, then confirmed.
  const seal = (id: string) =>
    void leave().then(async (ok) => {
      if (!ok || !window.confirm('封存后不能再修改，确认封存？')) return;
      if (form?.editId === id) setForm(null);
      await run(() => call('ledger.quarters.seal', { id }));
    });

  return (
    <div className="pane order-detail">
      <div className="toolbar">
        <span className="pane-title">季度报告（{rows.length}）</span>
        <span className="spacer" />
        {unit?.level === 'community' && mayCall('ledger.quarters.create') && (
          <button type="button" className="primary" onClick={() => open({ year: String(scope.year), quarter: '1', summary: '', correctsId: null, editId: null })}>＋ 新建季度报告</button>
        )}
      </div>
      <FormBanner message={error} />
      {form && (
        <div className="step-form" aria-label="季度报告">
          <div className="grid-fields">
            {!form.editId && (
              <>
                <Field name="year" label="年度" error={errors.year} htmlFor="qf-year"><input id="qf-year" type="number" value={form.year} disabled={!!form.correctsId} onChange={(e) => setForm({ ...form, year: e.target.value })} /></Field>
                <Field name="quarter" label="季度" error={errors.quarter} htmlFor="qf-quarter">
                  <select id="qf-quarter" value={form.quarter} disabled={!!form.correctsId} onChange={(e) => setForm({ ...form, quarter: e.target.value })}>
                    {[1, 2, 3, 4].map((q) => <option key={q} value={q}>第 {q} 季度</option>)}
                  </select>
                </Field>
              </>
            )}
            <Field name="summary" label={form.correctsId ? '更正说明与小结' : '工作小结'} required error={errors.summary} wide htmlFor="qf-summary">
              <textarea id="qf-summary" rows={4} value={form.summary} onChange={(e) => setForm({ ...form, summary: e.target.value })} />
            </Field>
          </div>
          <button type="button" className="primary" onClick={() => void save()}>保存草稿</button>
          <button type="button" onClick={() => open(null)}>取消</button>
        </div>
      )}
      <table className="overview-table">
        <thead><tr><th>报告</th><th>状态</th><th>受理工单</th><th>已销号工单</th><th>上报清单</th><th>按时完成任务</th><th /></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.orgName} {r.year} 年第 {r.quarter} 季度{r.correctsId ? '（更正）' : ''}</td>
              <td>{r.sealedAt ? `已封存 ${r.sealedAt.slice(0, 10)}（${r.sealedBy ?? ''}）` : '草稿'}{r.received ? ' · 报送（只读）' : ''}</td>
              <td>{r.figures.ordersReceived ?? 0}</td>
              <td>{r.figures.ordersClosed ?? 0}</td>
              <td>{r.figures.itemsReported ?? 0}</td>
              <td>{r.figures.tasksOnTime ?? 0}</td>
              <td>
                {!r.received && !r.sealedAt && mayCall('ledger.quarters.update') && <button type="button" onClick={() => open({ year: String(r.year), quarter: String(r.quarter), summary: r.summary, correctsId: null, editId: r.id })}>修改</button>}
                {!r.received && !r.sealedAt && mayCall('ledger.quarters.seal') && (
                  <button type="button" onClick={() => seal(r.id)}>确认封存</button>
                )}
                {!r.received && r.sealedAt && mayCall('ledger.quarters.create') && (
                  <button type="button" onClick={() => open({ year: String(r.year), quarter: String(r.quarter), summary: '', correctsId: r.id, editId: null })}>更正</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
