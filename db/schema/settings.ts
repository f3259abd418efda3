import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Installation-wide key/value settings (installation id, bound org unit, preferences).
export const settings = sqliteTable('settings', {
  key: text().primaryKey(),
  value: text({ mode: 'json' }).notNull(),
});

// Named monotonic counters; `change` feeds the shared `changeSeq` column.
export const counters = sqliteTable('counters', {
  name: text().primaryKey(),
  value: integer().notNull(),
});
