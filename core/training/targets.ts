import { and, eq, isNull } from 'drizzle-orm';
import { orgUnits, trainingClasses, trainingSeries, trainingSessions, type TrainingClassRow, type TrainingSessionRow } from '../../db/schema/index.ts';
import { notFound } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { assertInScope } from '../security/scope.ts';
import type { TargetInfo } from './contract-attendance.ts';
import type { TrainingSpan } from './service.ts';

// Loading a class or a session (the two things people enrol in) and describing it uniformly.

export function loadClassRow(ctx: Ctx, id: string): TrainingClassRow {
  const row = ctx.db.select().from(trainingClasses).where(and(eq(trainingClasses.id, id), isNull(trainingClasses.deletedAt))).get();
  if (!row) throw notFound('培训班次', id);
  assertInScope(ctx, row.orgId);
  return row;
}

export function loadSessionRow(ctx: Ctx, id: string): { session: TrainingSessionRow; seriesName: string; level: string; category: string; host: string | null } {
  const found = ctx.db
    .select({ session: trainingSessions, seriesName: trainingSeries.name, level: trainingSeries.level, category: trainingSeries.category, host: trainingSeries.host })
    .from(trainingSessions)
    .innerJoin(trainingSeries, eq(trainingSeries.id, trainingSessions.seriesId))
    .where(and(eq(trainingSessions.id, id), isNull(trainingSessions.deletedAt)))
    .get();
  if (!found) throw notFound('讲堂期次', id);
  assertInScope(ctx, found.session.orgId);
  return found;
}

export function sessionTitle(seriesName: string, phase: number, topic: string): string {
  return `${seriesName} 第${phase}期：${topic}`;
}

export function orgName(ctx: Ctx, orgId: string): string {
  return ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, orgId)).get()?.name ?? '';
}

// A session counts in hours; it earns no 天数 unless someone records a figure (at most one day).
const SESSION_MAX_DAYS = 1;

export interface ResolvedTarget {
  info: TargetInfo;
  /** Upper bound for a partial 天数 credit. */
  maxDays: number;
  /** First and last day, for the check that attendees served then. */
  span: TrainingSpan;
}

export function resolveTarget(ctx: Ctx, t: { classId: string | null; sessionId: string | null }): ResolvedTarget {
  if (t.classId) {
    const c = loadClassRow(ctx, t.classId);
    return { info: { kind: 'class', id: c.id, title: c.name, date: c.startDate, level: c.level, hours: c.hours, days: c.days }, maxDays: c.days, span: { start: c.startDate, end: c.endDate } };
  }
  const s = loadSessionRow(ctx, t.sessionId!);
  return {
    info: { kind: 'session', id: s.session.id, title: sessionTitle(s.seriesName, s.session.phase, s.session.topic), date: s.session.date, level: s.level, hours: s.session.hours, days: 0 },
    maxDays: SESSION_MAX_DAYS,
    span: { start: s.session.date, end: s.session.date },
  };
}
