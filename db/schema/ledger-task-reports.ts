import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A receiving community's completion report on a task: a separate record owned by the
// community (`orgId`), appended each time it reports; the latest one is the task's state there.
export const ledgerTaskReports = sqliteTable(
  'ledger_task_reports',
  {
    ...sharedColumns(),
    taskId: text().notNull(),
    /** 0–100. */
    progress: integer().notNull(),
    done: integer({ mode: 'boolean' }).notNull(),
    content: text().notNull(),
    reportedOn: text().notNull(),
    reportedBy: text().notNull(),
  },
  (t) => [index('ledger_task_reports_task_idx').on(t.taskId, t.orgId), index('ledger_task_reports_seq_idx').on(t.changeSeq)],
);

export type LedgerTaskReportRow = typeof ledgerTaskReports.$inferSelect;
