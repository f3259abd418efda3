import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { Can } from '../../components/RoleGate.tsx';

type Preview = OpOutput<'salary.promotionPreview'>;
interface Override { exclude: boolean; toLevel: string; note: string }

const ACTION: Record<string, string> = { advance: '晋级', demote: '降级', none: '不变', skip: '不参与' };
const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));

/** 年度晋级: proposals with their reasons; exclude or adjust with a note; approve writes them all at once. */
export function PromotionPanel({ orgId }: { orgId: string }) {
  const [year, setYear] = useState(() => new Date().getFullYear() - 1);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [over, setOver] = useState<Record<string, Override>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPreview(await call('salary.promotionPreview', { orgId, year }));
      setOver({});
      setError(null);
    } catch (e) {
      setPreview(null);
      setError(message(e));
    }
  }, [orgId, year]);
  useEffect(() => void load(), [load]);

  const set = (id: string, patch: Partial<Override>) => setOver({ ...over, [id]: { exclude: false, toLevel: '', note: '', ...over[id], ...patch } });

  const approve = async () => {
    if (!preview) return;
    const entries = Object.entries(over);
    try {
      const r = await call('salary.approvePromotion', {
        orgId, year, effectiveDate: preview.effectiveDate,
        excluded: entries.filter(([, o]) => o.exclude).map(([personId, o]) => ({ personId, note: o.note })),
        adjusted: entries.filter(([, o]) => !o.exclude && o.toLevel !== '').map(([personId, o]) => ({ personId, toLevel: Number(o.toLevel), note: o.note })),
      });
      setNotice(`已审批，写入 ${r.written} 条薪级记录。`);
      await load();
    } catch (e) {
      setError(message(e));
    }
  };

  const counts = (preview?.proposals ?? []).reduce<Record<string, number>>((m, p) => ({ ...m, [p.action]: (m[p.action] ?? 0) + 1 }), {});
  return (
    <div className="salary-main">
      <div className="salary-form">
        <label>考核年度<input type="number" aria-label="考核年度" value={year} onChange={(e) => setYear(Number(e.target.value) || year)} /></label>
        {preview && <span>生效日期 {preview.effectiveDate} · 方案 {preview.scheme.name} · {Object.entries(counts).map(([a, n]) => `${ACTION[a]} ${n} 人`).join('，')}</span>}
        <span className="spacer" />
        {preview?.approvedRunId ? <span className="badge frozen">本年度已审批</span> : (
          <Can op="salary.approvePromotion" note="审批晋级">
            <button type="button" className="primary" disabled={!preview} onClick={() => void approve()}>审批晋级</button>
          </Can>
        )}
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {notice && <div className="muted small-text" role="status">{notice}</div>}
      {preview && (
        <div className="table-scroll">
          <table className="plain promotion-table">
            <thead><tr><th>姓名</th><th>单位</th><th>岗位</th><th>考核</th><th>建议</th><th>现级</th><th>拟定级</th><th>理由</th><th>排除</th><th>调整为</th><th>说明</th></tr></thead>
            <tbody>
              {preview.proposals.map((p) => {
                const o = over[p.personId];
                return (
                  <tr key={p.personId}>
                    <td>{p.name}</td><td>{p.orgName}</td><td>{p.post ?? '—'}</td><td>{p.grade ?? '—'}</td><td>{ACTION[p.action]}</td>
                    <td>{p.fromLevel ?? '—'}</td><td>{p.toLevel ?? '—'}</td><td>{p.explanation}</td>
                    <td><input type="checkbox" aria-label={`排除${p.name}`} disabled={p.action === 'skip' || !!preview.approvedRunId} checked={!!o?.exclude} onChange={(e) => set(p.personId, { exclude: e.target.checked })} /></td>
                    <td><input type="number" aria-label={`调整${p.name}`} disabled={p.action === 'skip' || !!preview.approvedRunId || !!o?.exclude} value={o?.toLevel ?? ''} onChange={(e) => set(p.personId, { toLevel: e.target.value })} /></td>
                    <td><input type="text" aria-label={`说明${p.name}`} disabled={!o} value={o?.note ?? ''} onChange={(e) => set(p.personId, { note: e.target.value })} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
