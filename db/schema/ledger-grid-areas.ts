import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A 网格 of a community: its 网格长 and 网格员 from the roster, and the number of
// households only — the app holds no personal data of residents.
export const gridAreas = sqliteTable(
  'grid_areas',
  {
    ...sharedColumns(),
    name: text().notNull(),
    households: integer().notNull(),
    leaderPersonId: text(),
    workerPersonIds: text({ mode: 'json' }).$type<string[]>().notNull(),
    remarks: text(),
  },
  (t) => [index('grid_areas_org_idx').on(t.orgId), index('grid_areas_seq_idx').on(t.changeSeq)],
);

export type GridAreaRow = typeof gridAreas.$inferSelect;
