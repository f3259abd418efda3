import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// One session (第N期) of a lecture series. The speaker is often on the roster
// (speakerPersonId), but guests are not, so the name is always stored too.
export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    ...sharedColumns(),
    seriesId: text().notNull(),
    phase: integer().notNull(),
    topic: text().notNull(),
    speakerPersonId: text(),
    speakerName: text().notNull(),
    date: text().notNull(),
    hours: real().notNull(),
    location: text(),
    remarks: text(),
  },
  (t) => [
    index('training_sessions_series_idx').on(t.seriesId),
    index('training_sessions_date_idx').on(t.date),
    index('training_sessions_seq_idx').on(t.changeSeq),
  ],
);

export type TrainingSessionRow = typeof trainingSessions.$inferSelect;
