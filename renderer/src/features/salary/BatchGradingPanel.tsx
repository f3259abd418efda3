import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { PostProposals } from './PostProposals.tsx';

type Preview = OpOutput<'salary.batchGradingPreview'>;
const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
const STATUS: Record<string, string> = { grade: '待定级', graded: '已定级', error: '不能定级' };

/** 批量定级: everyone in post in the unit, on one chosen date, previewed with each explanation and written at once. */
export function BatchGradingPanel({ orgId }: { orgId: string }) {
  // Empty until the server says the default (first of the month or the scheme's start): never today.
  const [date, setDate] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [skip, setSkip] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    call('salary.gradingDefaults', {}).then((d) => setDate((cur) => cur || d.effectiveDate)).catch((e) => setError(message(e)));
  }, []);

  const load = useCallback(async () => {
    if (!date) return;
    try {
      setPreview(await call('salary.batchGradingPreview', { orgId, effectiveDate: date }));
      setSkip(new Set());
      setError(null);
    } catch (e) {
      setPreview(null);
      setError(message(e));
    }
  }, [orgId, date]);
  useEffect(() => void load(), [load]);

  const chosen = (preview?.rows ?? []).filter((r) => r.status === 'grade' && !skip.has(r.personId));
  const commit = async () => {
    if (!preview || !chosen.length) return;
    if (!window.confirm(`按 ${preview.effectiveDate} 为 ${chosen.length} 人办理初次定级？`)) return;
    try {
      const r = await call('salary.batchGrade', {
        orgId, effectiveDate: preview.effectiveDate, people: chosen.map((x) => ({ personId: x.personId, post: x.post!, level: x.level! })),
      });
      setNotice(`已为 ${r.written} 人办理初次定级（${preview.effectiveDate} 起）。`);
      await load();
    } catch (e) {
      setError(message(e));
    }
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(skip);
    if (on) next.delete(id);
    else next.add(id);
    setSkip(next);
  };

  return (
    <div className="salary-main">
      <PostProposals orgId={orgId} />
      <div className="salary-form">
        <label>定级日期<input type="date" aria-label="批量定级日期" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} /></label>
        {preview && <span>方案：{preview.schemeName} · {Object.entries(STATUS).map(([k, t]) => `${t} ${preview.rows.filter((r) => r.status === k).length} 人`).join('，')}</span>}
        <span className="spacer" />
        <button type="button" className="primary" disabled={!chosen.length} onClick={() => void commit()}>确认定级（{chosen.length} 人）</button>
      </div>
      <div className="muted small-text">定级日期默认为本月 1 日（或方案生效日期）：月度工资表按每月 1 日的薪级计算，晚于 1 日定级的人员从下月起列入。</div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {notice && <div className="muted small-text" role="status">{notice}</div>}
      {preview && (
        <div className="table-scroll">
          <table className="plain batch-grading" aria-label="批量定级测算">
            <thead><tr><th>定级</th><th>姓名</th><th>单位</th><th>岗位类别</th><th>状态</th><th>岗位</th><th>级别</th><th>说明</th></tr></thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.personId} className={r.status === 'error' ? 'row-error' : undefined}>
                  <td><input type="checkbox" aria-label={`定级${r.name}`} disabled={r.status !== 'grade'} checked={r.status === 'grade' && !skip.has(r.personId)} onChange={(e) => toggle(r.personId, e.target.checked)} /></td>
                  <td>{r.name}</td><td>{r.orgName}</td><td>{r.postCategory}</td><td>{STATUS[r.status]}</td>
                  <td>{r.post ?? '—'}</td><td>{r.level ?? '—'}</td>
                  <td>{r.status === 'grade' ? r.steps.map((s) => s.text).join('；') : r.message}</td>
                </tr>
              ))}
              {!preview.rows.length && <tr><td colSpan={8} className="muted">该单位没有在岗人员</td></tr>}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
