import { randomUUID } from 'node:crypto';
import { validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';

// The pay grid's view of annual assessment results: one grade per person and year.
// `recordGrades` writes hand-entered grades (`salary.setGrades`); results the assessment
// module confirms are read from its own assessment_results table and take precedence.

export interface GradeEntry {
  personId: string;
  grade: string;
  note?: string | null;
}

export function recordGrades(tx: TxCtx, year: number, entries: GradeEntry[], source: string): number {
  // Whole-table reads and prepared statements: a county sends 15,000 grades in one call,
  // more than SQLite's bound-parameter limit for an IN list.
  const found = new Map(
    (tx.sqlite.prepare('SELECT id, org_id AS orgId FROM people WHERE deleted_at IS NULL').all() as { id: string; orgId: string }[]).map((p) => [p.id, p.orgId]),
  );
  const issues = entries.flatMap((e, i) => (found.has(e.personId) ? [] : [{ path: `grades.${i}.personId`, message: `「人员」第 ${i + 1} 行的人员不存在或已删除` }]));
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (seen.has(e.personId)) issues.push({ path: `grades.${i}.personId`, message: `「人员」第 ${i + 1} 行与前面的行重复` });
    seen.add(e.personId);
  });
  if (issues.length) throw validationError(issues);
  const existing = new Map(
    (tx.sqlite.prepare('SELECT id, person_id AS personId FROM salary_grade_inputs WHERE year = ? AND deleted_at IS NULL').all(year) as { id: string; personId: string }[])
      .map((r) => [r.personId, r.id]),
  );
  const update = tx.sqlite.prepare('UPDATE salary_grade_inputs SET grade = ?, source = ?, note = ?, updated_at = ?, change_seq = ? WHERE id = ?');
  const insert = tx.sqlite.prepare(`INSERT INTO salary_grade_inputs (id, org_id, created_at, updated_at, change_seq, person_id, year, grade, source, note)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const e of entries) {
    const old = existing.get(e.personId);
    if (old) update.run(e.grade, source, e.note ?? null, tx.nowIso, tx.seq(), old);
    else insert.run(randomUUID(), found.get(e.personId)!, tx.nowIso, tx.nowIso, tx.seq(), e.personId, year, e.grade, source, e.note ?? null);
  }
  return entries.length;
}

// Where a grade comes from, first match wins: a result the assessment module confirmed
// (assessment_results, withdrawn rows carry deleted_at), then a grade recorded here for
// the pay grid (years before the app, or a county that assesses on paper).
const GRADES_SQL = `SELECT person_id AS personId, year, grade, 1 AS rank FROM salary_grade_inputs
    WHERE deleted_at IS NULL AND year BETWEEN ? AND ?
  UNION ALL
  SELECT person_id AS personId, year, grade, 0 AS rank FROM assessment_results
    WHERE deleted_at IS NULL AND year BETWEEN ? AND ?
  ORDER BY rank DESC`;

/** Grades by person and year, for the years in range (null persons: everybody). */
export function gradesByPerson(ctx: Ctx, personIds: string[] | null, years: { from: number; to: number }): Map<string, Map<number, string>> {
  const rows = ctx.sqlite.prepare(GRADES_SQL).all(years.from, years.to, years.from, years.to) as { personId: string; year: number; grade: string }[];
  const wanted = personIds ? new Set(personIds) : null;
  const out = new Map<string, Map<number, string>>();
  // Rows arrive lowest precedence first, so a later row overwrites an earlier one.
  for (const r of rows) {
    if (wanted && !wanted.has(r.personId)) continue;
    let m = out.get(r.personId);
    if (!m) out.set(r.personId, (m = new Map()));
    m.set(r.year, r.grade);
  }
  return out;
}
