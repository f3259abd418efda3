import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// One row per pay scheme version (薪酬方案). The rules (posts, bands, amounts, credits,
// allowances, per-grade consequences) live in `config` as one JSON document, validated by
// core/salary/scheme-schema.ts, because the whole version is edited and copied as a unit.
// `orgId` is the issuing unit. Versions are chosen by effective date, so two live versions
// may not share one.
export const salarySchemes = sqliteTable(
  'salary_schemes',
  {
    ...sharedColumns(),
    name: text().notNull(),
    docNo: text(),
    effectiveDate: text().notNull(),
    sample: integer({ mode: 'boolean' }).notNull().default(false),
    config: text({ mode: 'json' }).notNull(),
  },
  (t) => [
    uniqueIndex('salary_schemes_effective_uq').on(t.effectiveDate).where(sql`deleted_at IS NULL`),
    index('salary_schemes_seq_idx').on(t.changeSeq),
  ],
);

export type SalarySchemeRow = typeof salarySchemes.$inferSelect;
