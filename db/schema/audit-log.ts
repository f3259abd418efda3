import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// One row per mutation, written in the mutation's own transaction by the dispatcher.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    actor: text().notNull(),
    operation: text().notNull(),
    entity: text(),
    entityId: text(),
    before: text({ mode: 'json' }),
    after: text({ mode: 'json' }),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entity, t.entityId)],
);

export type AuditRow = typeof auditLog.$inferSelect;
