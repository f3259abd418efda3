import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// The order's timeline: one row per step taken, never edited.
export const ledgerOrderSteps = sqliteTable(
  'ledger_order_steps',
  {
    ...sharedColumns(),
    orderId: text().notNull(),
    step: text({ enum: ['点单', '建单', '派单', '接单', '办理', '评单', '销号'] }).notNull(),
    actorName: text().notNull(),
    at: text().notNull(),
    note: text(),
  },
  (t) => [index('ledger_order_steps_order_idx').on(t.orderId), index('ledger_order_steps_seq_idx').on(t.changeSeq)],
);

export type LedgerOrderStepRow = typeof ledgerOrderSteps.$inferSelect;
