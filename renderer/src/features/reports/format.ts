import type { ReportResult } from '../../../../core/report/contract.ts';
import { deltaText } from '../../../../core/report/delta.ts';

type Column = ReportResult['columns'][number];
type Row = ReportResult['rows'][number];
type Chart = ReportResult['charts'][number];

/** A cell as printed: money in yuan with two decimals, rates with %, empty as —. */
export function formatCell(c: Column, v: unknown): string {
  if (v === null || v === undefined || v === '') return c.kind === 'text' ? '' : '—';
  if (typeof v !== 'number') return String(v);
  if (c.money) return (v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (c.kind === 'rate') return `${v}%`;
  return String(v);
}

/** "+3 人 / +2.1 %" against the earlier reference date, for numeric cells. */
export function cellDelta(r: ReportResult, row: Row, c: Column): string | null {
  if (!r.previous || c.kind === 'text') return null;
  const now = row.cells[c.key];
  if (typeof now !== 'number') return null;
  const before = r.previous.cells[row.key]?.[c.key] ?? null;
  return deltaText(c.money ? now / 100 : now, before === null ? null : c.money ? before / 100 : before, c.kind === 'rate' ? '%' : (c.unit ?? ''));
}

export interface ChartData {
  categories: string[];
  series: { key: string; name: string; values: number[] }[];
  money: boolean;
}

/** The rows and columns a chart plots; the same numbers the table beside it shows. */
export function chartData(r: ReportResult, spec: Chart): ChartData {
  const cols = spec.columns.map((k) => r.columns.find((c) => c.key === k)).filter((c): c is Column => !!c);
  const money = cols.some((c) => c.money);
  const num = (row: Row, c: Column) => {
    const v = row.cells[c.key];
    return typeof v === 'number' ? (c.money ? v / 100 : v) : 0;
  };
  if (spec.type === 'pie') {
    const total = r.rows.find((x) => x.key === 'total');
    return { categories: cols.map((c) => c.label), series: [{ key: 'total', name: '合计', values: total ? cols.map((c) => num(total, c)) : [] }], money };
  }
  const rows = r.rows.filter((x) => (spec.rows === 'period' ? x.level === 'period' : x.level === 'community' || x.level === 'self'));
  return { categories: rows.map((x) => x.label), series: cols.map((c) => ({ key: c.key, name: c.label, values: rows.map((x) => num(x, c)) })), money };
}
