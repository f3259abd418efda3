import { useEffect, useState } from 'react';
import type { SheetSummary } from '../../../../core/assessment/contract-sheet-page.ts';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { call, errorText } from '../../api/client.ts';

type Distribution = OpOutput<'assessment.distribution'>;

function download(fileName: string, base64: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** Grade distribution per community (confirmed results) and the .xlsx ranking list. */
export function ReportsPanel({ sheet }: { sheet: SheetSummary }) {
  const [dist, setDist] = useState<Distribution | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('assessment.distribution', { year: sheet.cycle.year, orgId: sheet.cycle.orgId }).then(setDist, (e: unknown) => setError(errorText(e)));
  }, [sheet]);
  const exportXlsx = async () => {
    try {
      const r = await call('assessment.exportXlsx', { cycleId: sheet.cycle.id });
      download(r.fileName, r.base64);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div className="reports-panel">
      <div className="toolbar">
        <h2>各社区等次分布（{sheet.cycle.year}年度，已确认结果）</h2>
        <span className="spacer" />
        <button type="button" onClick={() => void exportXlsx()}>导出排名表 Excel</button>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {dist && dist.rows.length === 0 && <p className="muted">尚无已确认的考核结果。</p>}
      {dist && dist.rows.length > 0 && (
        <table className="plain distribution">
          <thead>
            <tr><th>社区</th>{dist.labels.map((l) => <th key={l}>{l}</th>)}<th>合计</th></tr>
          </thead>
          <tbody>
            {dist.rows.map((r) => (
              <tr key={r.orgId}>
                <td>{r.orgName}</td>
                {dist.labels.map((l) => <td key={l}>{r.counts[l] ?? 0}{r.total ? `（${(((r.counts[l] ?? 0) / r.total) * 100).toFixed(1)}%）` : ''}</td>)}
                <td>{r.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
