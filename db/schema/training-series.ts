import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A lecture series such as 书记讲堂: the sessions (第N期) live in training_sessions.
export const trainingSeries = sqliteTable(
  'training_series',
  {
    ...sharedColumns(),
    name: text().notNull(),
    category: text().notNull(),
    level: text().notNull(),
    host: text(),
    remarks: text(),
  },
  (t) => [index('training_series_seq_idx').on(t.changeSeq)],
);

export type TrainingSeriesRow = typeof trainingSeries.$inferSelect;
