import type { ReportResult } from '../../../../core/report/contract.ts';
import { cellDelta, formatCell } from './format.ts';

type Column = ReportResult['columns'][number];

/** Runs of the same header group, for the upper header row (两级表头). */
function groupRuns(columns: readonly Column[]): { label: string; span: number }[] {
  const out: { label: string; span: number }[] = [];
  for (const c of columns) {
    const last = out.at(-1);
    const label = c.group ?? '';
    if (last && last.label === label) last.span++;
    else out.push({ label, span: 1 });
  }
  return out;
}

interface Props {
  report: ReportResult;
  onDrill: (rowKey: string, column: string) => void;
}

/** The report table: one row per street subtotal, community and 合计; a figure opens its people. */
export function ReportTable({ report, onDrill }: Props) {
  const runs = groupRuns(report.columns);
  return (
    <table className="report-table" aria-label={report.title}>
      <thead>
        <tr>
          <th rowSpan={2} scope="col" className="unit-col">单位</th>
          {runs.map((g, i) => <th key={i} colSpan={g.span} scope="colgroup">{g.label}</th>)}
        </tr>
        <tr>
          {report.columns.map((c) => <th key={c.key} scope="col" data-col={c.key}>{c.label}{c.money ? '（元）' : ''}</th>)}
        </tr>
      </thead>
      <tbody>
        {report.rows.map((row) => (
          <tr key={row.key} className={`lvl-${row.level}`} data-row={row.key}>
            <th scope="row" className="unit-col">{row.label}</th>
            {report.columns.map((c) => {
              const v = row.cells[c.key];
              const delta = cellDelta(report, row, c);
              const text = formatCell(c, v);
              const drillable = c.drillable && typeof v === 'number' && v !== 0;
              return (
                <td key={c.key} data-col={c.key} className={c.kind === 'text' ? 'text' : 'num'}>
                  {drillable ? (
                    <button type="button" className="cell-link" title="查看明细" onClick={() => onDrill(row.key, c.key)}>{text}</button>
                  ) : text}
                  {delta && <span className="delta">{delta}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
