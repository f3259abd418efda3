import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Verified bundles that arrived ahead of a missing sequence number (outcome GAP). They
// are re-verified and applied when the missing one arrives, or dropped by a full export.
export const bundleHeld = sqliteTable('bundle_held', {
  sha256: text().primaryKey(),
  chain: text().notNull(),
  seq: integer().notNull(),
  fileName: text().notNull(),
  /** The encrypted file, base64: it stays encrypted at rest like on the USB stick. */
  file: text().notNull(),
  receivedAt: text().notNull(),
});
