import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { sharedColumns } from './common.ts';

// The annual assessment grade (年度考核结果) per person and year, as the pay grid reads it:
// promotion gating and performance pay. Written by `salary.setGrades`; the assessment
// module's confirmed results (assessment_results) take precedence; see core/salary/grades.ts.
export const salaryGradeInputs = sqliteTable(
  'salary_grade_inputs',
  {
    ...sharedColumns(),
    personId: text().notNull(),
    year: integer().notNull(),
    grade: text().notNull(),
    source: text().notNull(),
    note: text(),
  },
  (t) => [
    uniqueIndex('salary_grade_inputs_person_year_uq').on(t.personId, t.year).where(sql`deleted_at IS NULL`),
    index('salary_grade_inputs_year_idx').on(t.year),
    index('salary_grade_inputs_seq_idx').on(t.changeSeq),
  ],
);

export type SalaryGradeRow = typeof salaryGradeInputs.$inferSelect;
