import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// 民主测评 session: ballot counts and, per assessed entry, the raw tally per option
// (`tallies[entryId][option]`). Rates are computed, never stored.
export const assessmentSessions = sqliteTable(
  'assessment_sessions',
  {
    ...sharedColumns(),
    cycleId: text().notNull(),
    date: text().notNull(),
    raterGroup: text().notNull(),
    issued: integer().notNull(),
    returned: integer().notNull(),
    valid: integer().notNull(),
    invalid: integer().notNull(),
    counter: text(),
    supervisor: text(),
    announced: integer({ mode: 'boolean' }).notNull().default(false),
    tallies: text({ mode: 'json' }).$type<Record<string, Record<string, number>>>().notNull(),
  },
  (t) => [index('assessment_sessions_cycle_idx').on(t.cycleId), index('assessment_sessions_seq_idx').on(t.changeSeq)],
);

export type AssessmentSessionRow = typeof assessmentSessions.$inferSelect;
