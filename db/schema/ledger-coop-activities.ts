import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A 共建活动: who took part (units, volunteer teams, a head count), what it solved, and
// the ids of orders it answered, kept as free references (orders live in another module).
export const coopActivities = sqliteTable(
  'coop_activities',
  {
    ...sharedColumns(),
    date: text().notNull(),
    title: text().notNull(),
    unitIds: text({ mode: 'json' }).$type<string[]>().notNull(),
    teamIds: text({ mode: 'json' }).$type<string[]>().notNull(),
    participants: integer().notNull(),
    problemsSolved: integer().notNull(),
    orderRefs: text({ mode: 'json' }).$type<string[]>().notNull(),
    content: text(),
  },
  (t) => [index('coop_activities_org_date_idx').on(t.orgId, t.date), index('coop_activities_seq_idx').on(t.changeSeq)],
);

export type CoopActivityRow = typeof coopActivities.$inferSelect;
