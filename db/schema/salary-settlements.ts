import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// A confirmed year-end 绩效 settlement (年终绩效结算) of an org unit and its subtree: the
// withheld share of the year's months (or the yearly amount) paid by the year's confirmed
// grade. Confirming freezes it like a month; `lines` holds the figures as confirmed.
export const salarySettlements = sqliteTable(
  'salary_settlements',
  {
    ...sharedColumns(),
    year: integer().notNull(),
    schemeId: text().notNull(),
    schemeName: text().notNull(),
    confirmedAt: text().notNull(),
    confirmedBy: text().notNull(),
    totalFen: integer().notNull(),
    lines: text({ mode: 'json' }).notNull(),
  },
  (t) => [
    uniqueIndex('salary_settlements_org_year_uq').on(t.orgId, t.year).where(sql`deleted_at IS NULL`),
    index('salary_settlements_seq_idx').on(t.changeSeq),
  ],
);

export type SalarySettlementRow = typeof salarySettlements.$inferSelect;
