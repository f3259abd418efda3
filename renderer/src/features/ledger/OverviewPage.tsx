import { useCallback, useEffect, useState } from 'react';
import type { Overview } from '../../../../core/ledger/overview.ts';
import { call, errorText } from '../../api/client.ts';
import { downloadBase64 } from '../../api/files.ts';
import './ledger.css';

/** 台账总览: the county's figures per street and community, printable and exportable to .xlsx. */
export function OverviewPage() {
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await call('ledger.overview', { from, to }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [from, to]);
  useEffect(() => void load(), [load]);
  const exportXlsx = async () => {
    try {
      const out = await call('ledger.overview.export', { from, to });
      downloadBase64(out.fileName, out.base64);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="page ledger-overview">
      <div className="toolbar">
        <h1>台账总览</h1>
        <label className="inline-label">从<input aria-label="开始日期" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
        <label className="inline-label">至<input aria-label="结束日期" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
        <span className="spacer" />
        <button type="button" onClick={() => window.print()}>打印</button>
        <button type="button" onClick={() => void exportXlsx()}>导出 Excel</button>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="overview-scroll">
        {data && (
          <table className="overview-table" aria-label="台账总览表">
            <caption>台账总览 {data.from} 至 {data.to}</caption>
            <thead>
              <tr>
                <th>单位</th>
                {data.columns.map((c) => <th key={c.key}>{c.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.orgId} data-level={r.level} data-org={r.orgName}>
                  <td>{'　'.repeat(r.depth)}<a href={`#/ledger/${r.orgId}`} title="查看该单位的台账记录">{r.orgName}</a></td>
                  {data.columns.map((c) => <td key={c.key} data-key={c.key}>{r.figures[c.key] ?? 0}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
