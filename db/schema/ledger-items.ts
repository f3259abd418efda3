import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// One list item (清单) of the upward or local kinds: 工作动态, 需求, 资源, 问题, 整改. `orgId`
// is the owner unit (who keeps and closes it); `sourceUnitName` says who raised it.
export const ledgerItems = sqliteTable(
  'ledger_items',
  {
    ...sharedColumns(),
    kind: text({ enum: ['工作动态', '需求', '资源', '问题', '整改'] }).notNull(),
    sourceUnitName: text().notNull(),
    title: text().notNull(),
    content: text(),
    category: text().notNull(),
    /** The day the item was registered; the deadline may not precede it. */
    registeredOn: text().notNull(),
    deadline: text(),
    /** 0–100, the basis of the 五色 colour. */
    progress: integer().notNull(),
    /** For 整改 items: the measures (整改措施). */
    measures: text(),
    /** For 整改 items: the 问题 item it rectifies. */
    fromItemId: text(),
    closedOn: text(),
    closedBy: text(),
    closeNote: text(),
    createdBy: text().notNull(),
  },
  (t) => [
    index('ledger_items_org_idx').on(t.orgId, t.kind),
    index('ledger_items_seq_idx').on(t.changeSeq),
    index('ledger_items_registered_idx').on(t.registeredOn),
  ],
);

export type LedgerItemRow = typeof ledgerItems.$inferSelect;
