import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// A community's quarterly report package (季度报告): figures frozen at sealing and a written
// summary. Sealed means frozen; a correction is a new row whose `correctsId` points back.
export const ledgerQuarterReports = sqliteTable(
  'ledger_quarter_reports',
  {
    ...sharedColumns(),
    year: integer().notNull(),
    quarter: integer().notNull(),
    summary: text().notNull(),
    figures: text({ mode: 'json' }).$type<Record<string, number>>().notNull(),
    sealedAt: text(),
    sealedBy: text(),
    correctsId: text(),
  },
  (t) => [index('ledger_quarter_reports_org_idx').on(t.orgId, t.year, t.quarter), index('ledger_quarter_reports_seq_idx').on(t.changeSeq)],
);

export type LedgerQuarterReportRow = typeof ledgerQuarterReports.$inferSelect;
