import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { orgUnits, people, trainingAttendance, type PersonRow, type TrainingAttendanceRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError, notFound, validationError, type FieldIssue } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import type { AttendanceRecord, trainingAttendanceContract } from './contract-attendance.ts';
import type { trainingContract } from './contract.ts';
import { earnsHoursByDefault, recordsAttendance, type AttendanceStatus } from './codes.ts';
import { checkCredit } from './rules.ts';
import { scopeIds } from '../security/scope.ts';
import { round2 } from './requirements.ts';
import { resolveTarget, type ResolvedTarget } from './targets.ts';
import { outsideService } from './service.ts';

type AttendanceOps = typeof trainingAttendanceContract & Pick<typeof trainingContract, 'training.enroll' | 'training.enrollOne'>;
type Target = { classId: string | null; sessionId: string | null };

const targetWhere = (t: Target): SQL =>
  t.classId ? eq(trainingAttendance.classId, t.classId) : eq(trainingAttendance.sessionId, t.sessionId!);

/** The hours and days a row counts for: the recorded figure, or the default for its status. */
export function effectiveCredit(row: Pick<TrainingAttendanceRow, 'status' | 'creditedHours' | 'creditedDays'>, hours: number, days: number) {
  const earns = earnsHoursByDefault(row.status);
  return { hours: row.creditedHours ?? (earns ? hours : 0), days: row.creditedDays ?? (earns ? days : 0) };
}

function toRecord(a: TrainingAttendanceRow, p: PersonRow, orgName: string, target: ResolvedTarget): AttendanceRecord {
  const credit = effectiveCredit(a, target.info.hours, target.info.days);
  return {
    id: a.id, classId: a.classId, sessionId: a.sessionId, personId: a.personId, personName: p.name, orgName, posts: p.posts,
    personStatus: p.status, status: a.status as AttendanceStatus, creditedHours: credit.hours, creditedDays: credit.days,
    overridden: a.creditedHours !== null || a.creditedDays !== null, result: a.result, score: a.score, certificateNo: a.certificateNo, remarks: a.remarks,
  };
}

function listRecords(ctx: Ctx, where: SQL, target: ResolvedTarget): AttendanceRecord[] {
  return ctx.db
    .select({ a: trainingAttendance, p: people, orgName: orgUnits.name })
    .from(trainingAttendance)
    .innerJoin(people, eq(people.id, trainingAttendance.personId))
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgId))
    .where(and(isNull(trainingAttendance.deletedAt), where))
    .orderBy(asc(orgUnits.code), asc(people.name))
    .all()
    .map((r) => toRecord(r.a, r.p, r.orgName, target));
}

function loadAttendance(ctx: Ctx, id: string): TrainingAttendanceRow {
  const row = ctx.db.select().from(trainingAttendance).where(and(eq(trainingAttendance.id, id), isNull(trainingAttendance.deletedAt))).get();
  if (!row) throw notFound('参训记录', id);
  return row;
}

export interface EnrolResult {
  added: number;
  alreadyEnrolled: number;
  total: number;
}

/** 出席, 缺席 and 补学 describe a training that has begun: refused before its first day. */
export function recordedTooEarly(ctx: TxCtx, status: string, target: ResolvedTarget, path: string): FieldIssue | null {
  if (!recordsAttendance(status) || ctx.today >= target.span.start) return null;
  return { path, message: `「出勤」“${target.info.title}”${target.span.start} 才开始，“${status}”须在培训开始后登记；报名时记为“已报名”` };
}

/** Credited hours or days, like 出席, describe a training that has begun: none before its first day. */
function creditedTooEarly(ctx: TxCtx, next: TrainingAttendanceRow, target: ResolvedTarget): FieldIssue | null {
  if (ctx.today >= target.span.start) return null;
  const credit = effectiveCredit(next, target.info.hours, target.info.days);
  if (credit.hours <= 0 && credit.days <= 0) return null;
  const path = credit.hours > 0 ? 'creditedHours' : 'creditedDays';
  return { path, message: `「${credit.hours > 0 ? '认定学时' : '认定天数'}」“${target.info.title}”${target.span.start} 才开始，培训开始后才能认定学时或天数` };
}

/** Enrols everyone not yet enrolled; all-or-nothing when an id is unknown or a person had left. */
export function enrolPeople(tx: TxCtx, t: Target, personIds: readonly string[], status: AttendanceStatus = '已报名'): EnrolResult {
  const target = resolveTarget(tx, t);
  const early = recordedTooEarly(tx, status, target, 'status');
  if (early) throw validationError([early]);
  const ids = [...new Set(personIds)];
  const found = new Map(
    tx.db.select().from(people).where(and(inArray(people.id, ids), isNull(people.deletedAt))).all().map((p) => [p.id, p]),
  );
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw notFound('人员', missing);
  const scope = scopeIds(tx);
  const outside = scope ? ids.find((id) => !scope.has(found.get(id)!.orgId)) : undefined;
  if (outside) throw new AppError('forbidden', `无权为“${found.get(outside)!.name}”报名（超出本账号的管辖范围）`);
  const issues = ids.map((id) => outsideService(found.get(id)!, target.span)).filter((i): i is FieldIssue => i !== null);
  if (issues.length) throw validationError(issues);
  const already = new Set(
    tx.db.select({ personId: trainingAttendance.personId }).from(trainingAttendance)
      .where(and(targetWhere(t), isNull(trainingAttendance.deletedAt), inArray(trainingAttendance.personId, ids))).all().map((r) => r.personId),
  );
  const seq = tx.seq();
  let added = 0;
  for (const id of ids) {
    if (already.has(id)) continue;
    tx.db.insert(trainingAttendance).values({
      id: randomUUID(), orgId: found.get(id)!.orgId, classId: t.classId, sessionId: t.sessionId, personId: id, status,
      createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: seq,
    }).run();
    added += 1;
  }
  return { added, alreadyEnrolled: already.size, total: ids.length };
}

/**
 * A record that would count hours or days for training held outside the person's service
 * (stored before the leaving date was recorded, say) may be changed only so it no longer
 * counts: 缺席 or 请假, or a zero figure.
 */
function countsOutsideService(ctx: Ctx, next: TrainingAttendanceRow, target: ResolvedTarget, path: string): FieldIssue | null {
  const credit = effectiveCredit(next, target.info.hours, target.info.days);
  if (credit.hours <= 0 && credit.days <= 0) return null;
  const p = ctx.db.select().from(people).where(eq(people.id, next.personId)).get();
  return p ? outsideService(p, target.span, path) : null;
}

function recordById(ctx: Ctx, id: string): AttendanceRecord {
  const a = loadAttendance(ctx, id);
  return listRecords(ctx, eq(trainingAttendance.id, id), resolveTarget(ctx, a))[0]!;
}

export const attendanceHandlers: HandlersFor<AttendanceOps> = {
  'training.enroll': (tx, input) => {
    const result = enrolPeople(tx, input, input.personIds);
    tx.audit({ entity: 'training_attendance', entityId: input.classId ?? input.sessionId, after: { ...result, personIds: input.personIds } });
    return result;
  },

  'training.enrollOne': (tx, input) => {
    const target = resolveTarget(tx, input);
    const result = enrolPeople(tx, input, [input.personId], input.status);
    if (result.alreadyEnrolled) {
      const name = tx.db.select({ name: people.name }).from(people).where(eq(people.id, input.personId)).get()?.name ?? '';
      const message = `「人员」${name}已报名“${target.info.title}”，不能重复报名`;
      throw new AppError('conflict', message, [{ path: 'personId', message }]);
    }
    const row = tx.db.select().from(trainingAttendance)
      .where(and(targetWhere(input), eq(trainingAttendance.personId, input.personId), isNull(trainingAttendance.deletedAt))).get()!;
    const created = recordById(tx, row.id);
    tx.audit({ entity: 'training_attendance', entityId: row.id, after: created });
    return created;
  },

  'training.attendance.list': (ctx, input) => {
    const target = resolveTarget(ctx, input);
    const rows = listRecords(ctx, targetWhere(input), target);
    return { target: target.info, rows, totalHours: round2(rows.reduce((s, r) => s + r.creditedHours, 0)) };
  },

  'training.attendance.update': (tx, input) => {
    const before = recordById(tx, input.id);
    const row = loadAttendance(tx, input.id);
    const target = resolveTarget(tx, row);
    const { id, ...patch } = input;
    const next = { ...row, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as TrainingAttendanceRow;
    // A changed status without new figures falls back to that status's default credit.
    if (patch.status && patch.status !== row.status) {
      if (patch.creditedHours === undefined) next.creditedHours = null;
      if (patch.creditedDays === undefined) next.creditedDays = null;
    }
    const issues = checkCredit(next.creditedHours, next.creditedDays, target.info.hours, target.maxDays);
    if (next.score !== null && (next.score < 0 || next.score > 100)) issues.push({ path: 'score', message: '「考核成绩」应在 0 到 100 之间' });
    const served = countsOutsideService(tx, next, target, 'status');
    if (served) issues.push(served);
    const early = (patch.status && patch.status !== row.status ? recordedTooEarly(tx, patch.status, target, 'status') : null)
      ?? creditedTooEarly(tx, next, target);
    if (early) issues.push(early);
    if (issues.length) throw validationError(issues);
    tx.db.update(trainingAttendance).set({
      status: next.status, creditedHours: next.creditedHours, creditedDays: next.creditedDays, result: next.result, score: next.score,
      certificateNo: next.certificateNo, remarks: next.remarks, updatedAt: tx.nowIso, changeSeq: tx.seq(),
    }).where(eq(trainingAttendance.id, id)).run();
    const after = recordById(tx, id);
    tx.audit({ entity: 'training_attendance', entityId: id, before, after });
    return after;
  },

  'training.attendance.setStatus': (tx, input) => {
    const ids = [...new Set(input.ids)];
    const issues: FieldIssue[] = [];
    for (const id of ids) {
      const row = loadAttendance(tx, id);
      const target = resolveTarget(tx, row);
      const issue = countsOutsideService(tx, { ...row, status: input.status, creditedHours: null, creditedDays: null }, target, 'ids')
        ?? recordedTooEarly(tx, input.status, target, 'status');
      if (issue && !issues.some((i) => i.message === issue.message)) issues.push(issue);
    }
    if (issues.length) throw validationError(issues);
    // A new status restores the default credit for it (缺席/请假 → 0), dropping partial figures.
    tx.db.update(trainingAttendance)
      .set({ status: input.status, creditedHours: null, creditedDays: null, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(inArray(trainingAttendance.id, ids)).run();
    tx.audit({ entity: 'training_attendance', after: { ids, status: input.status } });
    return { updated: ids.length };
  },

  'training.attendance.remove': (tx, input) => {
    const ids = [...new Set(input.ids)];
    const before = ids.map((id) => loadAttendance(tx, id));
    tx.db.update(trainingAttendance)
      .set({ deletedAt: tx.nowIso, deleteReason: input.reason, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(inArray(trainingAttendance.id, ids)).run();
    tx.audit({ entity: 'training_attendance', before, after: { removed: ids, reason: input.reason } });
    return { removed: ids.length };
  },
};
