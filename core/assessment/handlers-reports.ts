import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { assessmentResults, orgUnits, people } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { Ctx } from '../context.ts';
import { subtreeIds } from '../org/handlers.ts';
import type { assessmentContract, ResultRecord } from './contract.ts';
import { buildSheet } from './sheet.ts';
import { sheetToXlsx } from './xlsx.ts';
import { scopeCondition } from '../guard/scope.ts';

type ReportHandlers = Pick<HandlersFor<typeof assessmentContract>, 'assessment.results' | 'assessment.distribution' | 'assessment.exportXlsx'>;

/** Confirmed results for a year; the read side other modules (the pay grid) use. */
export function confirmedResults(ctx: Ctx, q: { year: number; orgId?: string | undefined; personId?: string | undefined }): ResultRecord[] {
  return ctx.db
    .select({ r: assessmentResults, personName: people.name, orgName: orgUnits.name })
    .from(assessmentResults)
    .innerJoin(people, eq(people.id, assessmentResults.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, assessmentResults.orgId))
    .where(and(
      eq(assessmentResults.year, q.year),
      isNull(assessmentResults.deletedAt),
      scopeCondition(ctx, assessmentResults.orgId),
      q.orgId ? inArray(assessmentResults.orgId, subtreeIds(ctx, q.orgId)) : undefined,
      q.personId ? eq(assessmentResults.personId, q.personId) : undefined,
    ))
    .orderBy(asc(orgUnits.code), asc(assessmentResults.rank))
    .all()
    .map(({ r, personName, orgName }) => ({
      personId: r.personId, personName, orgId: r.orgId, orgName, year: r.year, cycleId: r.cycleId,
      grade: r.grade, total: r.total, rank: r.rank, rankOf: r.rankOf, confirmedAt: r.confirmedAt,
    }));
}

export const reportHandlers: ReportHandlers = {
  'assessment.results': (ctx, input) => ({ rows: confirmedResults(ctx, input) }),

  'assessment.distribution': (ctx, input) => {
    const rows = confirmedResults(ctx, input);
    const labels: string[] = [];
    const byOrg = new Map<string, { orgId: string; orgName: string; counts: Record<string, number>; total: number }>();
    for (const r of rows) {
      if (!labels.includes(r.grade)) labels.push(r.grade);
      const o = byOrg.get(r.orgId) ?? { orgId: r.orgId, orgName: r.orgName, counts: {}, total: 0 };
      o.counts[r.grade] = (o.counts[r.grade] ?? 0) + 1;
      o.total++;
      byOrg.set(r.orgId, o);
    }
    // Label order follows the usual best-to-worst sets; unknown labels keep first-seen order.
    const order = ['优秀', '称职', '合格', '基本称职', '基本合格', '不称职', '不合格'];
    labels.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
    return { labels, rows: [...byOrg.values()] };
  },

  'assessment.exportXlsx': async (ctx, input) => {
    const s = buildSheet(ctx, input.cycleId);
    const buf = await sheetToXlsx(s);
    return { fileName: `${s.cycle.name}.xlsx`, base64: buf.toString('base64') };
  },
};
