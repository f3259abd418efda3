import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// One approved annual promotion run (年度晋级) per org unit and year. `orgId` is the unit
// the run covered (with its subtree); the decisions it wrote are level-history rows
// carrying this run's id, and `decisions` keeps the approved preview for the record.
export const salaryPromotionRuns = sqliteTable(
  'salary_promotion_runs',
  {
    ...sharedColumns(),
    year: integer().notNull(),
    schemeId: text().notNull(),
    effectiveDate: text().notNull(),
    approver: text().notNull(),
    note: text(),
    decisions: text({ mode: 'json' }).notNull(),
  },
  (t) => [
    uniqueIndex('salary_promotion_runs_org_year_uq').on(t.orgId, t.year).where(sql`deleted_at IS NULL`),
    index('salary_promotion_runs_seq_idx').on(t.changeSeq),
  ],
);

export type SalaryPromotionRunRow = typeof salaryPromotionRuns.$inferSelect;
