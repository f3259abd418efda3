import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { orgUnits, salaryPromotionRuns } from '../../db/schema/index.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { Ctx } from '../context.ts';
import { getOrgUnit, subtreeIds } from '../org/handlers.ts';
import type { ProposalRow, salaryContract } from './contract.ts';
import { rowInEffect } from './effective.ts';
import { gradesByPerson } from './grades.ts';
import { appendLevel } from './level-handlers.ts';
import { proposePromotion } from './promotion.ts';
import type { SchemeRecord } from './scheme-schema.ts';
import { assertInBand, groupByPerson, historyRows, peopleInOrgs, schemeOn } from './store.ts';

type PromotionOps = Pick<typeof salaryContract, 'salary.promotionPreview' | 'salary.approvePromotion'>;

// How far back grades are read: longer than any step interval a scheme allows.
const GRADE_LOOKBACK_YEARS = 15;

interface Computed {
  effectiveDate: string;
  scheme: SchemeRecord;
  approvedRunId: string | null;
  /** People whose decision for the year another approved run holds. */
  held: Set<string>;
  proposals: (ProposalRow & { orgId: string })[];
}

export function computeProposals(ctx: Ctx, orgId: string, year: number, effectiveDate?: string): Computed {
  getOrgUnit(ctx, orgId);
  const date = effectiveDate ?? `${year + 1}-01-01`;
  const scheme = schemeOn(ctx, date, 'effectiveDate', '晋级生效日期');
  const approved = ctx.db.select({ id: salaryPromotionRuns.id }).from(salaryPromotionRuns)
    .where(and(eq(salaryPromotionRuns.orgId, orgId), eq(salaryPromotionRuns.year, year), isNull(salaryPromotionRuns.deletedAt))).get();
  const held = heldDecisions(ctx, year);
  const heldIds = new Set<string>();
  const persons = peopleInOrgs(ctx, subtreeIds(ctx, orgId)).filter((p) => p.status === '在岗');
  const history = groupByPerson(historyRows(ctx, null));
  const grades = gradesByPerson(ctx, null, { from: year - GRADE_LOOKBACK_YEARS, to: year });
  const proposals = persons.map((p) => {
    const rows = history.get(p.id) ?? [];
    const g = grades.get(p.id) ?? new Map<number, string>();
    const cur = rowInEffect(rows, date);
    const base = { personId: p.id, name: p.name, orgId: p.orgId, orgName: p.orgName, grade: g.get(year) ?? null };
    const written = rows.find((r) => r.runId && held.runs.has(r.runId));
    const decision = held.people.get(p.id) ?? (written ? { run: held.runs.get(written.runId!)!, text: `调整为 ${written.post} ${written.level} 级` } : null);
    if (decision) heldIds.add(p.id);
    if (decision)
      return { ...base, action: 'skip' as const, post: cur?.post ?? null, fromLevel: cur?.level ?? null, toLevel: cur?.level ?? null, reason: null,
        explanation: `已在${runName(decision.run)}中${decision.text}，本批次不能改变` };
    return { ...base, ...proposePromotion(scheme.config, year, { current: cur, grades: g, history: rows }) };
  });
  return { effectiveDate: date, scheme, approvedRunId: approved?.id ?? null, held: heldIds, proposals };
}

interface HeldRun {
  id: string;
  orgName: string;
  year: number;
  approver: string;
  createdAt: string;
}
const runName = (r: HeldRun) => `“${r.orgName} ${r.year} 年度晋级”（${r.createdAt.slice(0, 10)} ${r.approver}审批）`;

// One decision per person and year (issue 12): an exclusion or an adjustment made in any
// approved run of the year holds against every other run, whichever unit runs it. The
// approved preview is stored with each run; its explanations carry the decision.
function heldDecisions(ctx: Ctx, year: number): { runs: Map<string, HeldRun>; people: Map<string, { run: HeldRun; text: string }> } {
  const rows = ctx.db.select({ r: salaryPromotionRuns, orgName: orgUnits.name }).from(salaryPromotionRuns)
    .innerJoin(orgUnits, eq(orgUnits.id, salaryPromotionRuns.orgId))
    .where(and(eq(salaryPromotionRuns.year, year), isNull(salaryPromotionRuns.deletedAt))).orderBy(asc(salaryPromotionRuns.createdAt)).all();
  const runs = new Map<string, HeldRun>();
  const people = new Map<string, { run: HeldRun; text: string }>();
  for (const { r, orgName } of rows) {
    const run = { id: r.id, orgName, year: r.year, approver: r.approver, createdAt: r.createdAt };
    runs.set(r.id, run);
    for (const d of r.decisions as ProposalRow[]) {
      if (people.has(d.personId)) continue;
      if (d.explanation.startsWith(EXCLUDED)) people.set(d.personId, { run, text: d.explanation.replace(/（原建议：.*$/, '') });
      else if (d.explanation.startsWith(ADJUSTED)) people.set(d.personId, { run, text: `${d.explanation.replace(/（原建议：.*$/, '')}（${d.toLevel} 级）` });
    }
  }
  return { runs, people };
}
const EXCLUDED = '已排除：';
const ADJUSTED = '人工调整：';

const strip = ({ orgId: _o, ...p }: ProposalRow & { orgId: string }): ProposalRow => p;

export const promotionHandlers: HandlersFor<PromotionOps> = {
  'salary.promotionPreview': (ctx, input) => {
    const c = computeProposals(ctx, input.orgId, input.year, input.effectiveDate);
    return { year: input.year, effectiveDate: c.effectiveDate, scheme: { id: c.scheme.id, name: c.scheme.name }, approvedRunId: c.approvedRunId, proposals: c.proposals.map(strip) };
  },

  'salary.approvePromotion': (tx, input) => {
    const c = computeProposals(tx, input.orgId, input.year, input.effectiveDate);
    if (c.approvedRunId) throw new AppError('conflict', `该单位 ${input.year} 年度晋级已审批，不能重复审批`);
    const byId = new Map(c.proposals.map((p) => [p.personId, p]));
    const issues: { path: string; message: string }[] = [];
    input.excluded.forEach((e, i) => {
      const p = byId.get(e.personId);
      if (!p) issues.push({ path: `excluded.${i}.personId`, message: `「排除人员」第 ${i + 1} 项不在本次晋级范围内` });
      else if (c.held.has(p.personId)) issues.push({ path: `excluded.${i}.personId`, message: `「排除人员」“${p.name}”${p.explanation}，不能排除` });
    });
    input.adjusted.forEach((a, i) => {
      const p = byId.get(a.personId);
      if (!p) return issues.push({ path: `adjusted.${i}.personId`, message: `「调整人员」第 ${i + 1} 项不在本次晋级范围内` });
      if (p.action === 'skip' || !p.post) return issues.push({ path: `adjusted.${i}.personId`, message: `「调整人员」“${p.name}”${p.explanation}，不能调整` });
      try {
        assertInBand(c.scheme.config, p.post, a.toLevel, c.scheme.name);
      } catch {
        const band = c.scheme.config.posts.find((x) => x.name === p.post)!;
        issues.push({ path: `adjusted.${i}.toLevel`, message: `「调整后级别」${a.toLevel} 超出“${p.name}”岗位${p.post}的级段 ${band.minLevel}–${band.maxLevel} 级` });
      }
    });
    if (issues.length) throw validationError(issues);
    const runId = randomUUID();
    const approver = input.approver ?? tx.actor.name;
    for (const e of input.excluded) {
      const p = byId.get(e.personId)!;
      Object.assign(p, { action: 'none', toLevel: p.fromLevel, reason: null, explanation: `${EXCLUDED}${e.note}（原建议：${p.explanation}）` });
    }
    for (const a of input.adjusted) {
      const p = byId.get(a.personId)!;
      const action = a.toLevel > p.fromLevel! ? 'advance' : a.toLevel < p.fromLevel! ? 'demote' : 'none';
      Object.assign(p, { action, toLevel: a.toLevel, reason: '人工调整', explanation: `${ADJUSTED}${a.note}（原建议：${p.explanation}）` });
    }
    let written = 0;
    for (const p of c.proposals) {
      if (p.action === 'skip' || p.toLevel === null || p.toLevel === p.fromLevel || !p.post) continue;
      appendLevel(tx, {
        personId: p.personId, orgId: p.orgId, schemeId: c.scheme.id, post: p.post, level: p.toLevel, effectiveDate: c.effectiveDate,
        reason: p.reason ?? '人工调整', approver, note: p.explanation, runId,
      });
      written++;
    }
    const proposals = c.proposals.map(strip);
    tx.db.insert(salaryPromotionRuns).values({
      id: runId, orgId: input.orgId, year: input.year, schemeId: c.scheme.id, effectiveDate: c.effectiveDate, approver, note: input.note,
      decisions: proposals, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
    }).run();
    tx.audit({ entity: 'salary_promotion_run', entityId: runId, after: { orgId: input.orgId, year: input.year, written, excluded: input.excluded, adjusted: input.adjusted } });
    return { runId, written, proposals };
  },
};
