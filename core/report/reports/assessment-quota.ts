import { inArray } from 'drizzle-orm';
import { assessmentCycles, assessmentSchemes } from '../../../db/schema/index.ts';
import type { ResultRecord } from '../../assessment/contract.ts';
import type { Ctx } from '../../context.ts';

/** The 优秀 quota percent of each cycle's scheme, by cycle id. */
export function quotaPercents(ctx: Ctx, results: readonly ResultRecord[]): Map<string, number> {
  const cycleIds = [...new Set(results.map((r) => r.cycleId))];
  if (!cycleIds.length) return new Map();
  const cycles = ctx.db.select({ id: assessmentCycles.id, schemeId: assessmentCycles.schemeId }).from(assessmentCycles).where(inArray(assessmentCycles.id, cycleIds)).all();
  const schemes = ctx.db.select().from(assessmentSchemes).where(inArray(assessmentSchemes.id, [...new Set(cycles.map((c) => c.schemeId))])).all();
  const pct = new Map(schemes.map((s) => [s.id, (s.config as { quota?: { percent?: number } }).quota?.percent]));
  const out = new Map<string, number>();
  for (const c of cycles) {
    const v = pct.get(c.schemeId);
    if (typeof v === 'number') out.set(c.id, v);
  }
  return out;
}
