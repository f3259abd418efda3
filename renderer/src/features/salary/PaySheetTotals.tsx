import type { OpOutput } from '../../../../core/contract/index.ts';
import { fenToYuan } from '../../../../core/salary/money.ts';

type Summary = OpOutput<'salary.paySheetSummary'>;

/** The per-community and total sums under the pay sheet grid, summed on the server (salary.paySheetSummary). */
export function PaySheetTotals({ summary: s }: { summary: Summary }) {
  const items = s.columns.items;
  return (
    <table className="plain community-totals">
      <thead><tr><th>社区</th><th>人数</th>{items.map((i) => <th key={i.key}>{i.label}</th>)}<th>补发/扣回</th><th>应发合计</th></tr></thead>
      <tbody>
        {s.communities.map((c, n) => (
          <tr key={c.orgId}><td>{c.orgName}</td><td>{c.count}</td>
            {items.map((i, k) => <td key={i.key} className="money">{fenToYuan(s.communityItems[n]?.items[k] ?? 0)}</td>)}
            <td className="money">{fenToYuan(c.correctionFen)}</td><td className="money">{fenToYuan(c.totalFen)}</td></tr>
        ))}
        <tr className="total-row"><th>合计</th><th>{s.totals.count}</th>
          {items.map((i, k) => <th key={i.key} className="money">{fenToYuan(s.totalItems.items[k] ?? 0)}</th>)}
          <th className="money">{fenToYuan(s.totals.correctionFen)}</th><th className="money" data-testid="sheet-total">{fenToYuan(s.totals.totalFen)}</th></tr>
      </tbody>
    </table>
  );
}
