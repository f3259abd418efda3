import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// The frozen lines of a confirmed pay sheet, one per person, money in integer fen.
// `orgId` is the person's community; `allowances` holds the named items behind
// `allowancesFen`; `note` the warnings shown with the line when it was confirmed.
export const salaryPayLines = sqliteTable(
  'salary_pay_lines',
  {
    ...sharedColumns(),
    sheetId: text().notNull(),
    lineNo: integer().notNull(),
    personId: text().notNull(),
    personName: text().notNull(),
    orgName: text().notNull(),
    post: text().notNull(),
    level: integer().notNull(),
    grade: text(),
    baseFen: integer().notNull(),
    allowancesFen: integer().notNull(),
    allowances: text({ mode: 'json' }).notNull(),
    performanceFen: integer().notNull(),
    totalFen: integer().notNull(),
    note: text(),
    // 补发 / 扣回 for earlier sealed months whose figures a later change would have altered:
    // [{ month, kind, amountFen (signed), reason }]; `correctionFen` is their sum, inside totalFen.
    corrections: text({ mode: 'json' }).notNull().default([]),
    correctionFen: integer().notNull().default(0),
    // 应发 items per component and deductions, [{ key, label, fen }] (issue 15). Lines frozen
    // before these columns hold [] and are read back with items rebuilt from the three totals.
    items: text({ mode: 'json' }).notNull().default([]),
    deductions: text({ mode: 'json' }).notNull().default([]),
    deductionsFen: integer().notNull().default(0),
    // The share withheld this month for the year-end 绩效 settlement (not part of totalFen).
    withheldFen: integer().notNull().default(0),
  },
  (t) => [index('salary_pay_lines_sheet_idx').on(t.sheetId, t.lineNo), index('salary_pay_lines_seq_idx').on(t.changeSeq)],
);

export type SalaryPayLineRow = typeof salaryPayLines.$inferSelect;
