import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The county's copy of each sender's audit trail head, taken from the signed manifest of the
// last bundle it accepted. A later bundle must carry audit rows that extend this head hash by
// hash; otherwise the sender's history was rewritten (outcome AUDIT_REWRITTEN).
export const bundleAuditAnchors = sqliteTable('bundle_audit_anchors', {
  /** `<kind>:<sender org code>`, as in bundle_sender_state. */
  chain: text().primaryKey(),
  senderCode: text().notNull(),
  seq: integer().notNull(),
  hash: text().notNull(),
  bundleId: text().notNull(),
  anchoredAt: text().notNull(),
});

// Bundles whose audit rows do not extend the anchor: kept encrypted, not merged, until a
// reviewer accepts them (the anchor then moves on, audited) or keeps refusing them.
export const bundleAuditHolds = sqliteTable('bundle_audit_holds', {
  sha256: text().primaryKey(),
  chain: text().notNull(),
  senderCode: text().notNull(),
  bundleSeq: integer().notNull(),
  fileName: text().notNull(),
  /** The encrypted file, base64, as on the USB stick. */
  file: text().notNull(),
  /** Chinese description of what did not match. */
  finding: text().notNull(),
  receivedAt: text().notNull(),
  status: text({ enum: ['held', 'accepted', 'refused'] }).notNull().default('held'),
  decidedAt: text(),
  decidedBy: text(),
  note: text(),
});
