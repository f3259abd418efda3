import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// A confirmed (确认) monthly pay sheet for an org unit and its subtree. Confirming freezes
// the month: its computed lines are stored in salary_pay_lines and read back as they were,
// whatever later happens to schemes, levels or grades.
export const salaryPaySheets = sqliteTable(
  'salary_pay_sheets',
  {
    ...sharedColumns(),
    month: text().notNull(),
    schemeId: text().notNull(),
    schemeName: text().notNull(),
    confirmedAt: text().notNull(),
    confirmedBy: text().notNull(),
    totalFen: integer().notNull(),
    missing: text({ mode: 'json' }).notNull(),
  },
  (t) => [
    uniqueIndex('salary_pay_sheets_org_month_uq').on(t.orgId, t.month).where(sql`deleted_at IS NULL`),
    index('salary_pay_sheets_seq_idx').on(t.changeSeq),
  ],
);

export type SalaryPaySheetRow = typeof salaryPaySheets.$inferSelect;
