import { integer, text } from 'drizzle-orm/sqlite-core';

// Every table of shared records carries these columns. `changeSeq` is allocated once per
// mutation from the `counters` table, so "everything changed since the last export" is a
// single indexed range query for the bundle exporter. Rows are never hard-deleted:
// `deletedAt` + `deleteReason` mark a soft deletion that travels in bundles like any change.
export function sharedColumns() {
  return {
    id: text().primaryKey(),
    orgId: text().notNull(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
    changeSeq: integer().notNull(),
    deletedAt: text(),
    deleteReason: text(),
  };
}
