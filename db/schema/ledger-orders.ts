import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// One resident order (点单 → … → 销号) kept by a community. No resident personal data: the
// need is described, not the person. The status is the state machine's (core/ledger/orders/machine.ts);
// each step is also appended to ledger_order_steps with actor, time and note.
export const ledgerOrders = sqliteTable(
  'ledger_orders',
  {
    ...sharedColumns(),
    source: text({ enum: ['网格员', '热线', '走访', '其他'] }).notNull(),
    title: text().notNull(),
    content: text(),
    category: text().notNull(),
    registeredOn: text().notNull(),
    status: text({ enum: ['已登记', '已建单', '已派单', '已接单', '已办理', '已评单', '已销号'] }).notNull(),
    assigneeKind: text({ enum: ['志愿服务队', '党员', '共建单位'] }),
    /** A roster person id for 党员; null for free-text kinds until part B's tables exist. */
    assigneeId: text(),
    assigneeName: text(),
    dueDate: text(),
    takenBy: text(),
    feedback: text(),
    rating: text({ enum: ['满意', '基本满意', '不满意'] }),
    closedOn: text(),
  },
  (t) => [
    index('ledger_orders_org_idx').on(t.orgId, t.status),
    index('ledger_orders_seq_idx').on(t.changeSeq),
    index('ledger_orders_registered_idx').on(t.registeredOn),
  ],
);

export type LedgerOrderRow = typeof ledgerOrders.$inferSelect;
