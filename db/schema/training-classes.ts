import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// One training class (班次). Coded fields hold display names (see core/training/codes.ts);
// the category comes from the editable list in training_categories.
export const trainingClasses = sqliteTable(
  'training_classes',
  {
    ...sharedColumns(),
    name: text().notNull(),
    category: text().notNull(),
    level: text().notNull(),
    host: text(),
    organizer: text(),
    form: text().notNull(),
    location: text(),
    startDate: text().notNull(),
    endDate: text().notNull(),
    days: real().notNull(),
    hours: real().notNull(),
    compulsory: integer({ mode: 'boolean' }).notNull().default(true),
    assessmentMethod: text(),
    remarks: text(),
  },
  (t) => [index('training_classes_start_idx').on(t.startDate), index('training_classes_seq_idx').on(t.changeSeq)],
);

export type TrainingClassRow = typeof trainingClasses.$inferSelect;
