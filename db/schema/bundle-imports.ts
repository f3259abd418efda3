import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Every import attempt, accepted or not, with its stable outcome code.
export const bundleImports = sqliteTable(
  'bundle_imports',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    fileName: text().notNull(),
    sha256: text().notNull(),
    size: integer().notNull(),
    outcome: text().notNull(),
    message: text().notNull(),
    kind: text(),
    senderCode: text(),
    seq: integer(),
    bundleId: text(),
    /** Per table: { created, updated, retired, conflicts }. */
    report: text({ mode: 'json' }).$type<Record<string, { created: number; updated: number; retired: number; conflicts: number }>>(),
  },
  (t) => [index('bundle_imports_sender_idx').on(t.senderCode, t.at)],
);

export type BundleImportRow = typeof bundleImports.$inferSelect;
