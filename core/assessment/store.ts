import { and, asc, eq, getTableColumns, inArray, isNull } from 'drizzle-orm';
import {
  assessmentCycles, assessmentEntries, assessmentSchemes, assessmentSessions, orgUnits,
  type AssessmentCycleRow, type AssessmentSchemeRow, type AssessmentSessionRow,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { assertInScope } from '../security/scope.ts';
import type { CycleSummary, SchemeRecord, SessionRecord } from './contract.ts';
import { schemeConfigSchema } from './scheme-schema.ts';

export function toSchemeRecord(ctx: Ctx, r: AssessmentSchemeRow): SchemeRecord {
  const locked = ctx.db
    .select({ id: assessmentCycles.id })
    .from(assessmentCycles)
    .where(and(eq(assessmentCycles.schemeId, r.id), eq(assessmentCycles.status, 'locked'), isNull(assessmentCycles.deletedAt)))
    .get();
  return {
    id: r.id, orgId: r.orgId, year: r.year, population: r.population as SchemeRecord['population'], name: r.name,
    isSample: r.isSample, config: schemeConfigSchema.parse(r.config), usedByLockedCycle: !!locked, updatedAt: r.updatedAt,
  };
}

export function loadSchemeRow(ctx: Ctx, id: string): AssessmentSchemeRow {
  const row = ctx.db.select().from(assessmentSchemes).where(and(eq(assessmentSchemes.id, id), isNull(assessmentSchemes.deletedAt))).get();
  if (!row) throw notFound('考核方案', id);
  return row;
}

// The stored sheet of a locked cycle can run to megabytes: read only where it is shown.
const { frozen: _frozen, ...cycleFields } = getTableColumns(assessmentCycles);
export const cycleColumns = cycleFields;
export type CycleRow = Omit<AssessmentCycleRow, 'frozen'>;

/** The sheet stored when the cycle was confirmed, or null (open, or locked before copies were kept). */
export function loadFrozenSheet(ctx: Ctx, id: string): unknown {
  return ctx.db.select({ frozen: assessmentCycles.frozen }).from(assessmentCycles).where(eq(assessmentCycles.id, id)).get()?.frozen ?? null;
}

export function loadCycleRow(ctx: Ctx, id: string): CycleRow {
  const row = ctx.db.select(cycleColumns).from(assessmentCycles).where(and(eq(assessmentCycles.id, id), isNull(assessmentCycles.deletedAt))).get();
  if (!row) throw notFound('考核周期', id);
  assertInScope(ctx, row.orgId);
  return row;
}

/** Every write into a cycle passes here first: a locked cycle changes only through re-open. */
export function assertOpen(cycle: CycleRow): void {
  if (cycle.status === 'locked')
    throw new AppError('conflict', `考核周期“${cycle.name}”已确认锁定，不能修改；如需更正，请先执行“重新开启”并写明原因`);
}

export function loadEntryRow(ctx: Ctx, entryId: string) {
  const row = ctx.db.select().from(assessmentEntries).where(and(eq(assessmentEntries.id, entryId), isNull(assessmentEntries.deletedAt))).get();
  if (!row) throw notFound('考核对象', entryId);
  assertInScope(ctx, row.orgId);
  return row;
}

export function cycleEntries(ctx: Ctx, cycleId: string) {
  return ctx.db
    .select({ e: assessmentEntries, orgName: orgUnits.name })
    .from(assessmentEntries)
    .innerJoin(orgUnits, eq(orgUnits.id, assessmentEntries.orgId))
    .where(and(eq(assessmentEntries.cycleId, cycleId), isNull(assessmentEntries.deletedAt)))
    .orderBy(asc(orgUnits.code), asc(assessmentEntries.personName))
    .all();
}

export function toSessionRecord(r: AssessmentSessionRow): SessionRecord {
  return {
    id: r.id, cycleId: r.cycleId, date: r.date, raterGroup: r.raterGroup, issued: r.issued, returned: r.returned,
    valid: r.valid, invalid: r.invalid, counter: r.counter, supervisor: r.supervisor, announced: r.announced, tallies: r.tallies,
  };
}

export function cycleSessions(ctx: Ctx, cycleId: string): SessionRecord[] {
  return ctx.db
    .select()
    .from(assessmentSessions)
    .where(and(eq(assessmentSessions.cycleId, cycleId), isNull(assessmentSessions.deletedAt)))
    .orderBy(asc(assessmentSessions.date), asc(assessmentSessions.createdAt))
    .all()
    .map(toSessionRecord);
}

export function cycleSummaries(ctx: Ctx, rows: CycleRow[]): CycleSummary[] {
  if (!rows.length) return [];
  const orgNames = new Map(ctx.db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).all().map((o) => [o.id, o.name]));
  const schemes = new Map(
    ctx.db.select({ id: assessmentSchemes.id, name: assessmentSchemes.name }).from(assessmentSchemes)
      .where(inArray(assessmentSchemes.id, [...new Set(rows.map((r) => r.schemeId))])).all().map((s) => [s.id, s.name]),
  );
  const statusRows = ctx.db
    .select({ cycleId: assessmentEntries.cycleId, status: assessmentEntries.status })
    .from(assessmentEntries)
    .where(and(inArray(assessmentEntries.cycleId, rows.map((r) => r.id)), isNull(assessmentEntries.deletedAt)))
    .all();
  return rows.map((r) => {
    const statusCounts: Record<string, number> = {};
    let headcount = 0;
    for (const s of statusRows) {
      if (s.cycleId !== r.id) continue;
      headcount++;
      const st = r.status === 'locked' ? '已确认' : s.status;
      statusCounts[st] = (statusCounts[st] ?? 0) + 1;
    }
    return {
      id: r.id, orgId: r.orgId, orgName: orgNames.get(r.orgId) ?? '', year: r.year, name: r.name, schemeId: r.schemeId,
      schemeName: schemes.get(r.schemeId) ?? '', status: r.status, lockedAt: r.lockedAt, reopenCount: r.reopenCount, headcount, statusCounts,
    };
  });
}

export function cycleSummary(ctx: Ctx, id: string): CycleSummary {
  return cycleSummaries(ctx, [loadCycleRow(ctx, id)])[0]!;
}
