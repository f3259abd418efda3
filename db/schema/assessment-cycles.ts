import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// 考核周期: one scheme applied to one org unit for one year. `orgId` is the org unit
// assessed. A locked cycle is read-only until an audited re-open.
export const assessmentCycles = sqliteTable(
  'assessment_cycles',
  {
    ...sharedColumns(),
    schemeId: text().notNull(),
    year: integer().notNull(),
    name: text().notNull(),
    status: text({ enum: ['open', 'locked'] }).notNull(),
    lockedAt: text(),
    lockedBy: text(),
    reopenCount: integer().notNull().default(0),
    // The whole sheet as it stood at confirmation (rows with totals, ranks, proposed and final
    // grades, the training hours read then, leaves, quota, scheme), so everything shown for a
    // locked cycle is what was confirmed; null while open. Re-open clears it.
    frozen: text({ mode: 'json' }).$type<unknown>(),
  },
  (t) => [index('assessment_cycles_org_idx').on(t.orgId, t.year), index('assessment_cycles_seq_idx').on(t.changeSeq)],
);

export type AssessmentCycleRow = typeof assessmentCycles.$inferSelect;
