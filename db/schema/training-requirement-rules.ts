import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// Annual training requirement: people matching `post` / `postCategory` (null = anyone)
// must reach `amount` 学时 or 天 per year, counting only training at `minLevel` or above.
// `isSample` marks the shipped defaults, which no official document confirms.
export const trainingRequirementRules = sqliteTable(
  'training_requirement_rules',
  {
    ...sharedColumns(),
    year: integer(),
    post: text(),
    postCategory: text(),
    unit: text().notNull(),
    amount: real().notNull(),
    minLevel: text(),
    isSample: integer({ mode: 'boolean' }).notNull().default(false),
    sortOrder: integer().notNull(),
    remarks: text(),
  },
  (t) => [index('training_rules_seq_idx').on(t.changeSeq)],
);

export type TrainingRequirementRuleRow = typeof trainingRequirementRules.$inferSelect;
