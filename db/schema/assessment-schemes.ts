import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sharedColumns } from './common.ts';

// 考核方案: one version per year and population. The components, indicator tree, grade
// labels, thresholds, quota and veto rules are one validated JSON document
// (core/assessment/scheme-schema.ts), because they are always read and written together.
export const assessmentSchemes = sqliteTable(
  'assessment_schemes',
  {
    ...sharedColumns(),
    year: integer().notNull(),
    population: text().notNull(),
    name: text().notNull(),
    isSample: integer({ mode: 'boolean' }).notNull().default(false),
    config: text({ mode: 'json' }).$type<unknown>().notNull(),
  },
  (t) => [index('assessment_schemes_year_idx').on(t.year, t.population), index('assessment_schemes_seq_idx').on(t.changeSeq)],
);

export type AssessmentSchemeRow = typeof assessmentSchemes.$inferSelect;
