import { and, eq, isNull } from 'drizzle-orm';
import { trainingAttendance, trainingClasses, trainingSeries, trainingSessions } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { loadPersonRow } from '../roster/records.ts';
import { assertInScope } from '../security/scope.ts';
import { maskIdNumber } from '../roster/id-number.ts';
import { localIsoDate } from '../roster/dates.ts';
import type { AttendanceStatus } from './codes.ts';
import type { HistoryRow } from './contract-views.ts';
import { effectiveCredit } from './attendance.ts';
import { loadRules } from './config.ts';
import { evaluateRequirement, round2, type LevelTotal } from './requirements.ts';
import { sessionTitle } from './targets.ts';

/** A person's training file: every class and session, and each year against the requirement. */
export function personHistory(ctx: Ctx, personId: string) {
  const { row: p, orgName } = loadPersonRow(ctx, personId);
  assertInScope(ctx, p.orgId);
  const live = (id: typeof trainingAttendance.personId) => and(eq(id, personId), isNull(trainingAttendance.deletedAt));
  const classRows = ctx.db
    .select({ a: trainingAttendance, c: trainingClasses })
    .from(trainingAttendance)
    .innerJoin(trainingClasses, and(eq(trainingClasses.id, trainingAttendance.classId), isNull(trainingClasses.deletedAt)))
    .where(live(trainingAttendance.personId))
    .all();
  const sessionRows = ctx.db
    .select({ a: trainingAttendance, s: trainingSessions, sr: trainingSeries })
    .from(trainingAttendance)
    .innerJoin(trainingSessions, and(eq(trainingSessions.id, trainingAttendance.sessionId), isNull(trainingSessions.deletedAt)))
    .innerJoin(trainingSeries, eq(trainingSeries.id, trainingSessions.seriesId))
    .where(live(trainingAttendance.personId))
    .all();
  const common = (a: typeof trainingAttendance.$inferSelect) => ({
    attendanceId: a.id, status: a.status as AttendanceStatus, result: a.result, score: a.score, certificateNo: a.certificateNo,
  });
  const records: HistoryRow[] = [
    ...classRows.map(({ a, c }): HistoryRow => {
      const credit = effectiveCredit(a, c.hours, c.days);
      return { ...common(a), kind: 'class', title: c.name, category: c.category, level: c.level, host: c.host, startDate: c.startDate, endDate: c.endDate, creditedHours: credit.hours, creditedDays: credit.days };
    }),
    ...sessionRows.map(({ a, s, sr }): HistoryRow => {
      const credit = effectiveCredit(a, s.hours, 0);
      return { ...common(a), kind: 'session', title: sessionTitle(sr.name, s.phase, s.topic), category: sr.category, level: sr.level, host: sr.host, startDate: s.date, endDate: s.date, creditedHours: credit.hours, creditedDays: credit.days };
    }),
  ].sort((x, y) => (x.startDate < y.startDate ? 1 : x.startDate > y.startDate ? -1 : x.title.localeCompare(y.title, 'zh')));

  const byYear = new Map<number, LevelTotal[]>();
  byYear.set(Number(localIsoDate(ctx.now()).slice(0, 4)), []);
  for (const r of records) {
    const year = Number(r.startDate.slice(0, 4));
    const list = byYear.get(year) ?? [];
    list.push({ level: r.level, hours: r.creditedHours, days: r.creditedDays });
    byYear.set(year, list);
  }
  const rules = loadRules(ctx);
  const years = [...byYear.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, totals]) => {
      const ev = evaluateRequirement(rules, { posts: p.posts, postCategory: p.postCategory }, year, totals);
      return {
        year, hours: round2(totals.reduce((s, t) => s + t.hours, 0)), days: round2(totals.reduce((s, t) => s + t.days, 0)),
        requirement: ev.requirement, met: ev.met, shortfall: ev.shortfall,
      };
    });
  return {
    person: { id: p.id, name: p.name, orgName, posts: p.posts, postCategory: p.postCategory, status: p.status, idNumberMasked: maskIdNumber(p.idNumber) },
    records,
    years,
  };
}
