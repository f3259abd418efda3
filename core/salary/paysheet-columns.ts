import type { PayLine } from './contract.ts';
import { fenToYuan } from './money.ts';
import { itemFen } from './sheet-layout.ts';

// The pay sheet grid's columns as the grid shows them, shared by the grid (renderer) and the
// server's sort and filter (core/salary/paysheet-page.ts), so a sorted block is in the order
// the user expects from what is on screen.

export const PAY_TEXT_COLUMNS = ['orgName', 'name', 'post', 'grade', 'sealed', 'note'] as const;
export const PAY_NUMBER_COLUMNS = ['level', 'correctionFen', 'totalFen', 'deductionsFen', 'netFen'] as const;
export type PayStaticColumn = (typeof PAY_TEXT_COLUMNS)[number] | (typeof PAY_NUMBER_COLUMNS)[number];
/** An item or deduction column: `item:<key>` / `deduction:<key>` (keys as in PayItem, e.g. allowance.<name>). */
export type PayItemColumn = `item:${string}` | `deduction:${string}`;
export type PayColumn = PayStaticColumn | PayItemColumn;
// Item keys carry a Chinese allowance or deduction name: anything printable, bounded in length.
export const PAY_ITEM_COLUMN = /^(item|deduction):[^\u0000-\u001f\u007f]{1,100}$/u;

/** 确认 as the grid shows it. */
export const sealedText = (l: PayLine): string => (l.sealed ? `已由${l.sealed.orgName}确认（${l.sealed.confirmedAt.slice(0, 10)}）` : '');
/** 备注 as the grid shows it: each correction, then the line's note. */
export const noteText = (l: PayLine): string =>
  [...l.corrections.map((c) => `${c.kind} ${c.month} ${fenToYuan(Math.abs(c.amountFen))} 元（${c.reason}）`), l.note ?? ''].filter(Boolean).join('；');

/** The fen of one item or deduction key on a line (0 when the line has none), as the grid shows it. */
export function lineItemFen(l: PayLine, column: PayItemColumn): number {
  const i = column.indexOf(':');
  const kind = column.slice(0, i);
  return itemFen([l], (x) => (kind === 'item' ? x.items : x.deductions), column.slice(i + 1));
}

export const PAY_STATIC: Record<PayStaticColumn, (l: PayLine) => string | number | null> = {
  orgName: (l) => l.orgName,
  name: (l) => l.name,
  post: (l) => l.post,
  grade: (l) => l.grade,
  sealed: sealedText,
  note: noteText,
  level: (l) => l.level,
  correctionFen: (l) => l.correctionFen,
  totalFen: (l) => l.totalFen,
  deductionsFen: (l) => l.deductionsFen,
  netFen: (l) => l.netFen,
};
