import type { PayLine, PaySheet } from './contract.ts';
import { fenToYuan } from './money.ts';

// The pay sheet as a document (issue 15 §7), laid out once for both the .xlsx and the print
// view: one column per 应发 item and per deduction that occurs on the sheet, a line per person,
// a subtotal per community and a total. Money stays in integer fen here; each renderer
// writes 元 with two decimals.

export type Cell = string | number | null;
export interface LayoutColumn {
  label: string;
  /** Money in fen (written as 元, two decimals). */
  money: boolean;
  /** Widest text in the column, in character cells (a CJK character counts two). */
  chars: number;
}
export interface LayoutRow { kind: 'line' | 'subtotal' | 'total'; cells: Cell[] }
export interface SheetLayout { title: string; subtitle: string; columns: LayoutColumn[]; rows: LayoutRow[]; signatures: string[] }

export const SIGNATURES = ['制表人', '审核人', '单位负责人'] as const;

/** 元 with two decimals and thousands separators, as the .xlsx format #,##0.00 shows it. */
export function yuanText(fen: number): string {
  const [int, dec] = fenToYuan(fen).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec ?? '00'}`;
}

/** How wide `s` prints in character cells: CJK and full-width forms take two. */
export function textCells(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return n;
}

// The printout says what the screen says: who sealed a copied line, and each correction's month and reason.
export function lineNote(l: PayLine): string {
  const parts = l.sealed ? [`已由${l.sealed.orgName}于 ${l.sealed.confirmedAt.slice(0, 10)} 确认`] : [];
  for (const c of l.corrections) parts.push(`${c.kind} ${c.month} ${fenToYuan(Math.abs(c.amountFen))} 元：${c.reason}`);
  if (l.note) parts.push(l.note);
  return parts.join('；');
}

function keysOf(lines: PayLine[], pick: (l: PayLine) => { key: string; label: string }[]): { key: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const l of lines) for (const i of pick(l)) if (!seen.has(i.key)) seen.set(i.key, i.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

/** The 应发 item and deduction columns a sheet has, in first-seen order: the grid, print and .xlsx share them. */
export function sheetItemColumns(lines: PayLine[]): { items: { key: string; label: string }[]; deductions: { key: string; label: string }[] } {
  return { items: keysOf(lines, (l) => l.items), deductions: keysOf(lines, (l) => l.deductions) };
}

/** The fen of one item key over `lines`. */
export function itemFen(lines: PayLine[], pick: (l: PayLine) => { key: string; fen: number }[], key: string): number {
  return lines.reduce((t, l) => t + pick(l).filter((x) => x.key === key).reduce((a, x) => a + x.fen, 0), 0);
}

export function paySheetLayout(s: PaySheet): SheetLayout {
  const { items, deductions } = sheetItemColumns(s.lines);
  const hasDeductions = deductions.length > 0;
  const money = (label: string) => ({ label, money: true });
  const text = (label: string) => ({ label, money: false });
  const cols = [
    text('序号'), text('社区'), text('姓名'), text('岗位'), text('级别'), text('上年度考核'),
    ...items.map((i) => money(i.label)), money('补发扣回'), money('应发合计'),
    ...deductions.map((d) => money(d.label)), ...(hasDeductions ? [money('扣款合计')] : []), money('实发'), text('备注'),
  ];
  // Per-column sums of one block of lines (a community, or the whole sheet).
  const sums = (lines: PayLine[]): number[] => {
    const byKey = (pick: (l: PayLine) => { key: string; fen: number }[], key: string) => itemFen(lines, pick, key);
    const sum = (f: (l: PayLine) => number) => lines.reduce((t, l) => t + f(l), 0);
    return [
      ...items.map((i) => byKey((l) => l.items, i.key)), sum((l) => l.correctionFen), sum((l) => l.totalFen),
      ...deductions.map((d) => byKey((l) => l.deductions, d.key)), ...(hasDeductions ? [sum((l) => l.deductionsFen)] : []), sum((l) => l.netFen),
    ];
  };
  const rows: LayoutRow[] = [];
  let n = 0;
  for (const c of s.communities) {
    const lines = s.lines.filter((l) => l.orgId === c.orgId);
    for (const l of lines) rows.push({ kind: 'line', cells: [++n, l.orgName, l.name, l.post, l.level, l.grade ?? '', ...sums([l]), lineNote(l)] });
    rows.push({ kind: 'subtotal', cells: ['', c.orgName, `小计 ${c.count} 人`, '', '', '', ...sums(lines), ''] });
  }
  rows.push({ kind: 'total', cells: ['', '合计', `${s.totals.count} 人`, '', '', '', ...sums(s.lines), ''] });

  const shown = (v: Cell, isMoney: boolean) => (v === null ? '' : isMoney && typeof v === 'number' ? yuanText(v) : String(v));
  const columns = cols.map((c, i) => ({
    ...c,
    chars: Math.max(textCells(c.label), ...rows.map((r) => textCells(shown(r.cells[i] ?? null, c.money)))),
  }));
  return {
    title: `${s.orgName} ${s.month} 社区工作者工资表`,
    subtitle: `薪酬方案：${s.scheme.name}${s.scheme.sample ? '（示例方案）' : ''} · ${s.status === 'confirmed' ? `已确认（${s.confirmedAt?.slice(0, 10) ?? ''} ${s.confirmedBy ?? ''}）` : '草稿，未确认'} · 金额单位：元`,
    columns, rows, signatures: [...SIGNATURES],
  };
}
