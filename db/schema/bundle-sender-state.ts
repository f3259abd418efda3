import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Replay protection: the newest bundle accepted per sender chain, updated in the same
// transaction as the merge and only after every check passed.
export const bundleSenderState = sqliteTable('bundle_sender_state', {
  /** `<kind>:<sender org code>` */
  chain: text().primaryKey(),
  senderCode: text().notNull(),
  signFingerprint: text().notNull(),
  lastSeq: integer().notNull(),
  lastSha256: text().notNull(),
  lastBundleId: text().notNull(),
  lastImportedAt: text().notNull(),
  lastCreatedAt: text().notNull(),
  records: integer().notNull(),
});

export type BundleSenderStateRow = typeof bundleSenderState.$inferSelect;
