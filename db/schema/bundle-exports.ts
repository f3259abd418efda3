import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Bundles this installation produced. A chain is one sender → recipient stream (`data` to
// the county, or `policy` to one community); its head is the newest `written` row. A
// `pending` row reserves the next sequence number until the file is verified on disk;
// a failed write marks it `failed`, so the number is reused by the next export.
export const bundleExports = sqliteTable(
  'bundle_exports',
  {
    id: text().primaryKey(),
    kind: text({ enum: ['data', 'policy'] }).notNull(),
    chain: text().notNull(),
    seq: integer().notNull(),
    full: integer({ mode: 'boolean' }).notNull(),
    bundleId: text().notNull(),
    fileName: text().notNull(),
    sha256: text().notNull(),
    prevSha256: text().notNull(),
    /** Highest change_seq included; the next incremental export starts after it. */
    toChangeSeq: integer().notNull(),
    signKeyId: text().notNull(),
    counts: text({ mode: 'json' }).$type<Record<string, number>>().notNull(),
    status: text({ enum: ['pending', 'written', 'failed'] }).notNull(),
    error: text(),
    createdAt: text().notNull(),
    finishedAt: text(),
    /** The sender's audit head carried in this bundle; the next one carries the rows after it. */
    auditSeq: integer(),
  },
  (t) => [index('bundle_exports_chain_idx').on(t.chain, t.status, t.seq)],
);

export type BundleExportRow = typeof bundleExports.$inferSelect;
