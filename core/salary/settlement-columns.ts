import type { Columns } from '../paging/computed.ts';
import type { SettlementLine } from './contract-settlement.ts';

// The settlement grid's columns as the grid shows them, shared by the grid (renderer) and the
// server's sort and filter (core/salary/settlement-page.ts), as paysheet-columns.ts does for
// the pay sheet.

export const SETTLEMENT_TEXT_COLUMNS = ['orgName', 'name', 'post', 'grade', 'note'] as const;
export const SETTLEMENT_NUMBER_COLUMNS = ['months', 'withheldFen', 'yearlyFen', 'gradeCoefficient', 'postCoefficient', 'amountFen'] as const;
export type SettlementColumn = (typeof SETTLEMENT_TEXT_COLUMNS)[number] | (typeof SETTLEMENT_NUMBER_COLUMNS)[number];

/** 备注 as the panel shows it: who settled the person first, then the line's note. */
export const settlementNoteText = (l: SettlementLine): string =>
  [l.sealed ? `已由${l.sealed.orgName}确认` : '', l.note ?? ''].filter(Boolean).join('；');

export const SETTLEMENT_COLUMNS: Columns<SettlementLine, SettlementColumn> = {
  orgName: (l) => l.orgName,
  name: (l) => l.name,
  post: (l) => l.post,
  grade: (l) => l.grade,
  note: settlementNoteText,
  months: (l) => l.months,
  withheldFen: (l) => l.withheldFen,
  yearlyFen: (l) => l.yearlyFen,
  gradeCoefficient: (l) => l.gradeCoefficient,
  postCoefficient: (l) => l.postCoefficient,
  amountFen: (l) => l.amountFen,
};
