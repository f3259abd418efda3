import { useEffect, useState } from 'react';
import type { SheetRow } from '../../../../core/assessment/contract.ts';
import type { SheetSummary } from '../../../../core/assessment/contract-sheet-page.ts';
import { call, errorText } from '../../api/client.ts';
import { RegisterForm } from './RegisterForm.tsx';
import { Can } from '../../components/RoleGate.tsx';

interface Props {
  sheet: SheetSummary;
  onChanged: () => Promise<void>;
}

const PAGE_ROWS = 100;

/**
 * The ranking with proposals; a person sets each final grade, then confirms and locks. The
 * ranked rows come a page at a time from the server (assessment.sheetPage, by rank then
 * name); the counts above them come from the summary.
 */
export function ResultsPanel({ sheet, onChanged }: Props) {
  const locked = sheet.cycle.status === 'locked';
  const labels = sheet.scheme.config.gradeLabels;
  const [drafts, setDrafts] = useState<Record<string, { grade: string; reason: string }>>({});
  const [error, setError] = useState<string | null>(null);
  const [reopenReason, setReopenReason] = useState('');
  const [printing, setPrinting] = useState<SheetRow | null>(null);
  const [start, setStart] = useState(0);
  const [ranked, setRanked] = useState<SheetRow[]>([]);
  useEffect(() => setStart(0), [sheet.cycle.id]);
  useEffect(() => {
    let live = true;
    call('assessment.sheetPage', {
      cycleId: sheet.cycle.id, startRow: start, endRow: start + PAGE_ROWS,
      sort: [{ column: 'rank', dir: 'asc' }, { column: 'name', dir: 'asc' }], filters: [],
    }).then(
      (r) => live && setRanked(r.rows),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [sheet, start]);

  const run = async (f: () => Promise<unknown>) => {
    try {
      await f();
      setError(null);
      await onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const draft = (r: SheetRow) => drafts[r.entryId] ?? { grade: r.finalGrade ?? '', reason: r.finalReason ?? '' };
  const setDraft = (r: SheetRow, v: Partial<{ grade: string; reason: string }>) => setDrafts({ ...drafts, [r.entryId]: { ...draft(r), ...v } });
  const top = sheet.finalCounts[labels[0] ?? ''] ?? 0;
  const pages = Math.max(1, Math.ceil(sheet.rowCount / PAGE_ROWS));

  return (
    <div className="results-panel">
      <div className="toolbar">
        <span>
          {labels[0]}名额 <b>{sheet.quota}</b> 人（{sheet.scheme.config.quota.percent}%，
          {{ floor: '向下取整', round: '四舍五入', ceil: '向上取整' }[sheet.scheme.config.quota.rounding]}），已确定 {top} 人
        </span>
        <span className="spacer" />
        {!locked && (
          <>
            <Can op="assessment.acceptProposals">
              <button type="button" onClick={() => void run(() => call('assessment.acceptProposals', { cycleId: sheet.cycle.id }))}>按拟定等次填写</button>
            </Can>
            <Can op="assessment.confirm" note="确认">
              <button type="button" className="primary" onClick={() => void run(() => call('assessment.confirm', { cycleId: sheet.cycle.id }))}>确认并锁定</button>
            </Can>
          </>
        )}
        {locked && (
          <>
            <Can op="assessment.reopen" note="重新开启">
              <input className="search" placeholder="重新开启原因（必填）" value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} />
              <button type="button" className="danger primary" onClick={() => void run(() => call('assessment.reopen', { cycleId: sheet.cycle.id, reason: reopenReason }))}>重新开启</button>
            </Can>
          </>
        )}
      </div>
      {sheet.tie && (
        <div className="form-banner tie" role="status">
          {labels[0]}名额边界出现并列：总分 {sheet.tie.total} 的 {sheet.tie.ids.length} 人争 {sheet.tie.slots} 个名额，系统不自动取舍，请研究决定并写明理由。
        </div>
      )}
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="table-scroll">
        <table className="plain assessment-results">
          <thead>
            <tr>
              <th>排名</th><th>姓名</th><th>单位</th><th>总分</th><th>否决</th><th>拟定等次</th><th>最终等次</th><th>理由</th><th />
            </tr>
          </thead>
          <tbody>
            {ranked.map((r) => (
              <tr key={r.entryId} className={r.tie ? 'tie' : undefined}>
                <td>{r.rank}</td>
                <td>{r.name}</td>
                <td>{r.orgName}</td>
                <td>{r.complete ? r.total : <span title={r.missing.join('、')}>{r.total}（未评完）</span>}</td>
                <td className="small-text">{r.vetoes.map((v) => v.reason).join('；')}</td>
                <td>{r.tie ? <b className="tie-label">并列待定</b> : `${r.proposedGrade}${r.overQuota ? '（超名额）' : ''}`}</td>
                <td>
                  {locked ? (
                    r.finalGrade
                  ) : (
                    <select aria-label={`${r.name}最终等次`} value={draft(r).grade} onChange={(e) => setDraft(r, { grade: e.target.value })}>
                      <option value="">（未定）</option>
                      {labels.map((l) => <option key={l} value={l}>{l}</option>)}
                    </select>
                  )}
                </td>
                <td>
                  {locked ? (
                    r.finalReason
                  ) : (
                    <input aria-label={`${r.name}调整理由`} value={draft(r).reason} placeholder={r.tie ? '并列，须写明理由' : ''} onChange={(e) => setDraft(r, { reason: e.target.value })} />
                  )}
                </td>
                <td>
                  {!locked && (
                    <button type="button" className="small" onClick={() => void run(() => call('assessment.setFinalGrade', { entryId: r.entryId, grade: draft(r).grade || null, reason: draft(r).reason || null }))}>
                      设定
                    </button>
                  )}
                  <button type="button" className="link" onClick={() => setPrinting(r)}>登记表</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div className="toolbar pager">
          <button type="button" disabled={start === 0} onClick={() => setStart(start - PAGE_ROWS)}>上一页</button>
          <span className="muted small-text">第 {start / PAGE_ROWS + 1} / {pages} 页，共 {sheet.rowCount} 人</span>
          <button type="button" disabled={start + PAGE_ROWS >= sheet.rowCount} onClick={() => setStart(start + PAGE_ROWS)}>下一页</button>
        </div>
      )}
      {printing && <RegisterForm sheet={sheet} row={printing} onClose={() => setPrinting(null)} />}
    </div>
  );
}
