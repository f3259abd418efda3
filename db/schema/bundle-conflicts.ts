import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Records from a bundle that clash with a record of another org, e.g. an ID number active
// in two communities (the roster's unique index). They are kept whole for the county to
// resolve instead of failing the whole bundle.
export const bundleConflicts = sqliteTable(
  'bundle_conflicts',
  {
    id: text().primaryKey(),
    tableName: text().notNull(),
    recordId: text().notNull(),
    senderCode: text().notNull(),
    orgId: text().notNull(),
    /** The record as received (JSON). */
    record: text().notNull(),
    reason: text().notNull(),
    detectedAt: text().notNull(),
    resolvedAt: text(),
    /** How it was resolved: keep_local, take_received, or different (two people; the sender must correct its record). */
    resolution: text({ enum: ['keep_local', 'take_received', 'different'] }),
    /** The user who resolved it. */
    resolvedBy: text(),
  },
  (t) => [index('bundle_conflicts_open_idx').on(t.resolvedAt, t.tableName)],
);

export type BundleConflictRow = typeof bundleConflicts.$inferSelect;
