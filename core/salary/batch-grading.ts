import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { orgUnits, people } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { Ctx } from '../context.ts';
import { subtreeIds } from '../org/handlers.ts';
import { localIsoDate } from '../roster/dates.ts';
import type { BatchGradingRow, salaryGradingContract } from './grading-contract.ts';
import { gradeInitial } from './grading.ts';
import { defaultGradingDate } from './grading-dates.ts';
import { assertDateKeepsSeals } from './seal-dates.ts';
import { appendLevel } from './level-handlers.ts';
import { groupByPerson, historyRows, loadSchemes, schemeOn } from './store.ts';

type BatchOps = Pick<typeof salaryGradingContract, 'salary.gradingDefaults' | 'salary.batchGradingPreview' | 'salary.batchGrade'>;

/** Everyone in post in the unit's subtree, each with what 初次定级 on `date` would give. */
export function batchPreview(ctx: Ctx, orgId: string, date: string) {
  const scheme = schemeOn(ctx, date, 'effectiveDate', '定级日期');
  const persons = ctx.db
    .select({ p: people, orgName: orgUnits.name })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgId))
    .where(and(inArray(people.orgId, subtreeIds(ctx, orgId)), isNull(people.deletedAt), eq(people.status, '在岗')))
    .orderBy(asc(orgUnits.code), asc(people.name))
    .all();
  const history = groupByPerson(historyRows(ctx, persons.length === 1 ? [persons[0]!.p.id] : null));
  const rows: BatchGradingRow[] = persons.map(({ p, orgName }) => {
    const base = { personId: p.id, name: p.name, orgId: p.orgId, orgName, postCategory: p.postCategory };
    const last = history.get(p.id)?.at(-1);
    if (last)
      return { ...base, status: 'graded', post: last.post, level: last.level, steps: [], message: `已于 ${last.effectiveDate} 定级（${last.reason}），不再重复定级` };
    const r = gradeInitial(scheme.config, p, date);
    if (!r.ok) return { ...base, status: 'error', post: null, level: null, steps: [], message: r.message };
    return { ...base, status: 'grade', post: r.post, level: r.level, steps: r.steps, message: null };
  });
  return { schemeId: scheme.id, schemeName: scheme.name, effectiveDate: date, rows };
}

export const batchGradingHandlers: HandlersFor<BatchOps> = {
  'salary.gradingDefaults': (ctx) => ({ effectiveDate: defaultGradingDate(loadSchemes(ctx), localIsoDate(ctx.now())) }),

  'salary.batchGradingPreview': (ctx, input) => batchPreview(ctx, input.orgId, input.effectiveDate),

  'salary.batchGrade': (tx, input) => {
    const pre = batchPreview(tx, input.orgId, input.effectiveDate);
    const byId = new Map(pre.rows.map((r) => [r.personId, r]));
    const seen = new Set<string>();
    // What the user confirmed must be what gets written: any difference refuses the whole batch.
    for (const want of input.people) {
      const r = byId.get(want.personId);
      if (!r) throw new AppError('validation', `「定级人员」${want.personId} 不是该单位的在岗人员，请刷新测算后再办理`);
      if (seen.has(r.personId)) throw new AppError('validation', `「定级人员」“${r.name}”重复出现`);
      seen.add(r.personId);
      if (r.status !== 'grade') throw new AppError('conflict', `「${r.name}」${r.message ?? '不能定级'}，请刷新测算后再办理`);
      if (r.post !== want.post || r.level !== want.level)
        throw new AppError('conflict', `「${r.name}」的测算已变为 ${r.post ?? ''} ${String(r.level)} 级（确认时显示 ${want.post} ${want.level} 级），请刷新测算后再办理`);
    }
    // A confirmed month that listed someone as 尚未定级 stays as paid: the date cannot reach back into it.
    for (const want of input.people) assertDateKeepsSeals(tx, want.personId, byId.get(want.personId)!.name, null, input.effectiveDate);
    const approver = input.approver ?? tx.actor.name;
    const written: { personId: string; id: string; post: string; level: number }[] = [];
    for (const want of input.people) {
      const r = byId.get(want.personId)!;
      const id = appendLevel(tx, {
        personId: r.personId, orgId: r.orgId, schemeId: pre.schemeId, post: want.post, level: want.level, effectiveDate: input.effectiveDate,
        reason: '初次定级', approver, note: [input.note, ...r.steps.map((s) => s.text)].filter(Boolean).join('；'),
      });
      written.push({ personId: r.personId, id, post: want.post, level: want.level });
    }
    tx.audit({ entity: 'salary_level_batch', entityId: input.orgId, after: { orgId: input.orgId, effectiveDate: input.effectiveDate, schemeId: pre.schemeId, approver, written } });
    return { written: written.length };
  },
};
