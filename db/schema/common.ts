import { integer, text } from 'drizzle-orm/sqlite-core';

// Every table of shared records carries these columns. `changeSeq` is allocated once per
// mutation from the `counters` table, so "everything changed since the last export" is a
// single indexed range query for the bundle exporter. Rows are never hard-deleted:
// `deletedAt` + `deleteReason` mark a soft deletion that travels in bundles like any change.
// `origin` is where the stored row came from: null when it was written here, else the org code
// of the installation whose bundle delivered it. It is a property of the row, set only by the
// bundle merge and never sent in a bundle, so the record guard (core/guard) can refuse local
// writes to received records whatever an operation's input claims.
export function sharedColumns() {
  return {
    id: text().primaryKey(),
    orgId: text().notNull(),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
    changeSeq: integer().notNull(),
    deletedAt: text(),
    deleteReason: text(),
    origin: text(),
  };
}
