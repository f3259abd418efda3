import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Local accounts. Not a table of shared records: accounts never travel in bundles.
// The password verifier is the first half of an scrypt derivation whose second half wraps the
// database master key in the keyring file beside the database (core/security/keyring.ts).
export const users = sqliteTable(
  'users',
  {
    id: text().primaryKey(),
    username: text().notNull(),
    displayName: text().notNull(),
    role: text({ enum: ['admin', 'clerk', 'reviewer', 'auditor'] }).notNull(),
    /** The org unit whose subtree this account may see and change; null = the whole installation. */
    orgScopeId: text(),
    passwordSalt: text().notNull(),
    passwordHash: text().notNull(),
    /** The previous verifiers ({salt, hash}), newest first, to refuse reusing the last five. */
    passwordHistory: text({ mode: 'json' }).$type<{ salt: string; hash: string }[]>().notNull(),
    mustChangePassword: integer({ mode: 'boolean' }).notNull(),
    disabled: integer({ mode: 'boolean' }).notNull().default(false),
    createdAt: text().notNull(),
    updatedAt: text().notNull(),
    passwordChangedAt: text().notNull(),
    lastLoginAt: text(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

export type UserRow = typeof users.$inferSelect;
