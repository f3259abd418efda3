import { useEffect, useState } from 'react';
import { call, errorText } from '../../api/client.ts';
import type { OpOutput } from '../../../../core/contract/index.ts';

type Overview = OpOutput<'ledger.coopOverview'>;

/** The figures per org (the chosen one and each unit directly below it), printable. */
export function OverviewTab({ orgId, from, to }: { orgId: string; from: string; to: string }) {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('ledger.coopOverview', { orgId, from, to }).then(setData, (e: unknown) => setError(errorText(e)));
  }, [orgId, from, to]);
  if (error) return <div className="form-banner" role="alert">{error}</div>;
  if (!data) return null;
  return (
    <div className="pane coop-overview">
      <div className="toolbar no-print">
        <span className="pane-title">共建与网格汇总（{from} 至 {to}）</span>
        <span className="spacer" />
        <button type="button" onClick={() => window.print()}>打印</button>
      </div>
      <table className="coop-figures" aria-label="共建与网格汇总">
        <thead>
          <tr>
            <th>组织</th>
            {data.keys.map((k) => <th key={k}>{data.labels[k]}</th>)}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r, i) => (
            <tr key={r.orgId} className={i === 0 ? 'total' : undefined}>
              <th scope="row">{i === 0 ? `${r.orgName}（合计）` : r.orgName}</th>
              {data.keys.map((k) => <td key={k}>{r.figures[k]}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
