import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { orgUnits, people, salaryGradeInputs } from '../../db/schema/index.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { scopeCondition } from '../guard/scope.ts';
import { subtreeIds } from '../org/handlers.ts';
import { loadPersonRow } from '../roster/records.ts';
import type { salaryContract } from './contract.ts';
import { recordGrades } from './grades.ts';
import { gradeInitial } from './grading.ts';
import { assertInBand, historyRows, schemeNameMap, schemeOn, toLevelEntry } from './store.ts';
import { assertDateKeepsSeals } from './seal-dates.ts';

type LevelOps = Pick<typeof salaryContract,
  'salary.setGrades' | 'salary.grades' | 'salary.gradingPreview' | 'salary.gradeInitial' | 'salary.setLevel' | 'salary.history'>;

function preview(ctx: Ctx, personId: string, date: string, post: string | null) {
  const { row } = loadPersonRow(ctx, personId);
  const scheme = schemeOn(ctx, date, 'effectiveDate', '定级日期');
  const r = gradeInitial(scheme.config, row, date, post);
  if (!r.ok) throw validationError([{ path: r.field, message: r.message }]);
  return { row, scheme, result: r };
}

// A prepared statement, not the query builder: an approved county-wide promotion run
// appends thousands of rows in one transaction, and building each insert costs more than
// running it.
const INSERT_LEVEL = `INSERT INTO salary_level_history (id, org_id, created_at, updated_at, change_seq, person_id, scheme_id, post, level,
  effective_date, reason, approver, note, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function appendLevel(
  tx: TxCtx,
  v: { personId: string; orgId: string; schemeId: string; post: string; level: number; effectiveDate: string; reason: string; approver: string; note: string | null; runId?: string | null },
): string {
  const id = randomUUID();
  tx.sqlite.prepare(INSERT_LEVEL).run(id, v.orgId, tx.nowIso, tx.nowIso, tx.seq(), v.personId, v.schemeId, v.post, v.level,
    v.effectiveDate, v.reason, v.approver, v.note, v.runId ?? null);
  return id;
}

function entryById(tx: Ctx, personId: string, id: string) {
  const row = historyRows(tx, [personId]).find((r) => r.id === id)!;
  return toLevelEntry(row, schemeNameMap(tx));
}

export const levelHandlers: HandlersFor<LevelOps> = {
  'salary.setGrades': (tx, input) => {
    const count = recordGrades(tx, input.year, input.grades, input.source ?? '手工录入');
    tx.audit({ entity: 'salary_grade_inputs', entityId: String(input.year), after: input });
    return { count };
  },

  'salary.grades': (ctx, input) => {
    const where = [eq(salaryGradeInputs.year, input.year), isNull(salaryGradeInputs.deletedAt)];
    if (input.orgId) where.push(inArray(people.orgId, subtreeIds(ctx, input.orgId)));
    // Without an orgId the list still stays inside the caller's scope.
    const scope = scopeCondition(ctx, people.orgId);
    if (scope) where.push(scope);
    return ctx.db
      .select({ g: salaryGradeInputs, name: people.name, orgName: orgUnits.name })
      .from(salaryGradeInputs)
      .innerJoin(people, eq(people.id, salaryGradeInputs.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, people.orgId))
      .where(and(...where))
      .orderBy(asc(orgUnits.code), asc(people.name))
      .all()
      .map(({ g, name, orgName }) => ({ personId: g.personId, name, orgName, year: g.year, grade: g.grade, source: g.source, note: g.note }));
  },

  'salary.gradingPreview': (ctx, input) => {
    const { scheme, result } = preview(ctx, input.personId, input.effectiveDate, input.post);
    return { schemeId: scheme.id, schemeName: scheme.name, post: result.post, level: result.level, steps: result.steps };
  },

  'salary.gradeInitial': (tx, input) => {
    const { row, scheme, result } = preview(tx, input.personId, input.effectiveDate, input.post);
    if (historyRows(tx, [input.personId]).length)
      throw new AppError('conflict', `“${row.name}”已有薪级记录，不能再次初次定级；如需变更请用“调整薪级”`);
    assertDateKeepsSeals(tx, row.id, row.name, null, input.effectiveDate);
    const id = appendLevel(tx, {
      personId: row.id, orgId: row.orgId, schemeId: scheme.id, post: result.post, level: result.level, effectiveDate: input.effectiveDate,
      reason: '初次定级', approver: input.approver ?? tx.actor.name, note: input.note ?? result.steps.map((s) => s.text).join('；'),
    });
    const entry = entryById(tx, row.id, id);
    tx.audit({ entity: 'salary_level', entityId: id, after: entry });
    return { ...entry, steps: result.steps };
  },

  'salary.setLevel': (tx, input) => {
    const { row } = loadPersonRow(tx, input.personId);
    const scheme = schemeOn(tx, input.effectiveDate, 'effectiveDate', '生效日期');
    assertInBand(scheme.config, input.post, input.level, scheme.name);
    // A person's first level, whatever its reason, is a first grading: same seal rule as gradeInitial.
    if (!historyRows(tx, [row.id]).length) assertDateKeepsSeals(tx, row.id, row.name, null, input.effectiveDate);
    const id = appendLevel(tx, {
      personId: row.id, orgId: row.orgId, schemeId: scheme.id, post: input.post, level: input.level, effectiveDate: input.effectiveDate,
      reason: input.reason, approver: input.approver ?? tx.actor.name, note: input.note,
    });
    const entry = entryById(tx, row.id, id);
    tx.audit({ entity: 'salary_level', entityId: id, after: entry });
    return entry;
  },

  'salary.history': (ctx, input) => {
    loadPersonRow(ctx, input.personId);
    const names = schemeNameMap(ctx);
    return historyRows(ctx, [input.personId]).map((r) => toLevelEntry(r, names));
  },
};
