import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// The editable list of training categories (类别). Empty until first edited: until then
// the built-in defaults in core/training/codes.ts apply.
export const trainingCategories = sqliteTable(
  'training_categories',
  {
    ...sharedColumns(),
    name: text().notNull(),
    sortOrder: integer().notNull(),
  },
  (t) => [index('training_categories_seq_idx').on(t.changeSeq)],
);

export type TrainingCategoryRow = typeof trainingCategories.$inferSelect;
