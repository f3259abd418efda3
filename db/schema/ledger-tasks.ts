import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A task (任务清单 item) sent down by a county or street to its communities. Owned by the
// issuing unit (`orgId`); the county's own tasks travel in policy bundles. A community never
// edits it: its progress travels up as ledger_task_reports rows.
export const ledgerTasks = sqliteTable(
  'ledger_tasks',
  {
    ...sharedColumns(),
    title: text().notNull(),
    content: text(),
    category: text().notNull(),
    /** The day the task was issued (YYYY-MM-DD); the deadline may not precede it. */
    issuedOn: text().notNull(),
    deadline: text().notNull(),
    /** Receiving community unit ids. */
    targetOrgIds: text({ mode: 'json' }).$type<string[]>().notNull(),
    createdBy: text().notNull(),
  },
  (t) => [index('ledger_tasks_seq_idx').on(t.changeSeq), index('ledger_tasks_deadline_idx').on(t.deadline)],
);

export type LedgerTaskRow = typeof ledgerTasks.$inferSelect;
