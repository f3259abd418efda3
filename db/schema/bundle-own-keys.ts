import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

// This installation's key pairs (an age X25519 identity for receiving, an Ed25519 key for
// signing). One row is `active`; rotated rows stay `retired` so that bundles still in
// transit to the old recipient can be opened. Private halves never leave the database
// except through the audited `bundle.keysBackup` operation.
export const bundleOwnKeys = sqliteTable('bundle_own_keys', {
  id: text().primaryKey(),
  status: text({ enum: ['active', 'retired'] }).notNull(),
  /** `AGE-SECRET-KEY-1…` */
  ageIdentity: text().notNull(),
  /** `age1…` */
  ageRecipient: text().notNull(),
  /** Where the age identity came from: generated here, or imported from an `age-keygen` file. */
  ageSource: text({ enum: ['generated', 'age-keygen'] }).notNull(),
  /** Ed25519 private key, PKCS#8 DER, base64. */
  signPrivate: text().notNull(),
  /** Ed25519 public key, the raw 32 bytes, base64. */
  signPublic: text().notNull(),
  fingerprint: text().notNull(),
  createdAt: text().notNull(),
  retiredAt: text(),
});

export type BundleOwnKeyRow = typeof bundleOwnKeys.$inferSelect;
