import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A person's post and level over time (薪级记录). Append-only: a correction is a new row
// with a later or equal effective date, never an update, so past pay sheets can be
// recomputed and audited. The row in effect on a date is the one with the greatest
// `effectiveDate` ≤ that date, ties broken by the later `changeSeq`
// (one mutation writes at most one row per person).
export const salaryLevelHistory = sqliteTable(
  'salary_level_history',
  {
    ...sharedColumns(),
    personId: text().notNull(),
    schemeId: text().notNull(),
    post: text().notNull(),
    level: integer().notNull(),
    effectiveDate: text().notNull(),
    reason: text().notNull(),
    approver: text().notNull(),
    note: text(),
    runId: text(),
  },
  (t) => [
    index('salary_level_history_person_idx').on(t.personId, t.effectiveDate),
    index('salary_level_history_seq_idx').on(t.changeSeq),
  ],
);

export type SalaryLevelRow = typeof salaryLevelHistory.$inferSelect;
