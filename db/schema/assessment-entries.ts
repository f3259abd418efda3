import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// One person in one cycle: the entered indicator points (keyed by indicator key), the
// 自评 and 述职 texts, and the final grade a user set. Totals, ranks and proposals are
// computed from these on read, so they never go stale.
export const assessmentEntries = sqliteTable(
  'assessment_entries',
  {
    ...sharedColumns(),
    cycleId: text().notNull(),
    personId: text().notNull(),
    personName: text().notNull(),
    posts: text({ mode: 'json' }).$type<string[]>().notNull(),
    status: text({ enum: ['未评', '评分中', '已评', '已确认'] }).notNull(),
    scores: text({ mode: 'json' }).$type<Record<string, number>>().notNull(),
    selfAssessment: text(),
    reportNotes: text(),
    finalGrade: text(),
    finalReason: text(),
  },
  (t) => [
    index('assessment_entries_cycle_idx').on(t.cycleId),
    index('assessment_entries_seq_idx').on(t.changeSeq),
    uniqueIndex('assessment_entries_person_uq').on(t.cycleId, t.personId).where(sql`deleted_at IS NULL`),
  ],
);

export type AssessmentEntryRow = typeof assessmentEntries.$inferSelect;
