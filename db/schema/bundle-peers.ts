import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Other installations whose keys we know: at a community the county (from its signed
// profile), at the county each enrolled community (from its enrollment request). A peer
// is trusted only after a person confirmed its fingerprint out of band.
export const bundlePeers = sqliteTable(
  'bundle_peers',
  {
    id: text().primaryKey(),
    role: text({ enum: ['county', 'community'] }).notNull(),
    orgCode: text().notNull(),
    orgName: text().notNull(),
    orgId: text().notNull(),
    /** JSON array of `age1…` recipients. */
    ageRecipients: text({ mode: 'json' }).$type<string[]>().notNull(),
    signPublic: text().notNull(),
    fingerprint: text().notNull(),
    status: text({ enum: ['pending', 'trusted', 'revoked', 'replaced'] }).notNull(),
    createdAt: text().notNull(),
    confirmedAt: text(),
    revokedAt: text(),
    /**
     * A county profile imported without its fingerprint (status pending): the whole file, kept
     * until enroll.confirmProfile applies its org units; null once applied and for other peers.
     */
    profile: text(),
  },
  (t) => [index('bundle_peers_code_idx').on(t.orgCode, t.status)],
);

export type BundlePeerRow = typeof bundlePeers.$inferSelect;
