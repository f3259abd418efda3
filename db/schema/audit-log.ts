import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// One row per mutation and per security event (login, failed login, unmask, export, backup …),
// written in the same transaction as the change it describes. Rows are hash-chained: `hash`
// covers the row and `prevHash`, so editing or deleting a row breaks the chain
// (core/security/audit-chain.ts). `before`/`after` hold JSON text exactly as hashed, with
// personal data replaced by keyed digests (core/security/audit-redact.ts). Triggers in the
// migration refuse UPDATE and DELETE on this table.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    actor: text().notNull(),
    actorName: text(),
    operation: text().notNull(),
    entity: text(),
    entityId: text(),
    before: text(),
    after: text(),
    outcome: text({ enum: ['ok', 'denied', 'failed'] }).notNull().default('ok'),
    /** Whom the row is about, for people to read: a person's name and masked ID number. */
    subject: text(),
    /** The org unit the change belongs to (filter by unit). */
    orgId: text(),
    prevHash: text(),
    hash: text(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_op_idx').on(t.operation),
    index('audit_log_org_idx').on(t.orgId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
