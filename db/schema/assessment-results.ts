import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// The confirmed outcome per person and year, written when a cycle is locked and
// soft-deleted when it is re-opened. Other modules (the pay grid) read this table only.
export const assessmentResults = sqliteTable(
  'assessment_results',
  {
    ...sharedColumns(),
    personId: text().notNull(),
    year: integer().notNull(),
    cycleId: text().notNull(),
    grade: text().notNull(),
    total: real().notNull(),
    rank: integer().notNull(),
    rankOf: integer().notNull(),
    confirmedAt: text().notNull(),
  },
  (t) => [
    index('assessment_results_seq_idx').on(t.changeSeq),
    index('assessment_results_cycle_idx').on(t.cycleId),
    uniqueIndex('assessment_results_person_year_uq').on(t.personId, t.year).where(sql`deleted_at IS NULL`),
  ],
);

export type AssessmentResultRow = typeof assessmentResults.$inferSelect;
