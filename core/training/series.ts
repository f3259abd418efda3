import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull, max, sql, type SQL } from 'drizzle-orm';
import { orgUnits, trainingAttendance, trainingSeries, trainingSessions, type TrainingSeriesRow, type TrainingSessionRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError, notFound, validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { getOrgUnit, subtreeIds } from '../org/handlers.ts';
import { assertInScope } from '../security/scope.ts';
import { loadPersonRow } from '../roster/records.ts';
import { seriesInput, sessionInput, type SeriesInput, type SeriesRecord, type SessionInput, type SessionRecord, type trainingContract } from './contract.ts';
import { mergePatch } from '../contract/partial.ts';
import { startedRecordsBefore } from './early.ts';
import { categoryNames } from './config.ts';
import { checkSessionHours } from './rules.ts';
import { sessionTitle } from './targets.ts';
import { scopeCondition } from '../guard/scope.ts';
import { movedPastService } from './service.ts';

type SeriesOps = Pick<
  typeof trainingContract,
  'training.series.list' | 'training.series.get' | 'training.series.create' | 'training.series.update' | 'training.sessions.create' | 'training.sessions.update'
>;

const sessionCount = sql<number>`(SELECT count(*) FROM training_sessions s WHERE s.series_id = ${trainingSeries.id} AND s.deleted_at IS NULL)`;

function toSeriesRecord(r: TrainingSeriesRow, orgName: string, count: number): SeriesRecord {
  return { id: r.id, orgId: r.orgId, orgName, name: r.name, category: r.category, level: r.level, host: r.host, remarks: r.remarks, sessionCount: count, updatedAt: r.updatedAt };
}

function listSeries(ctx: Ctx, where: (SQL | undefined)[]): SeriesRecord[] {
  return ctx.db
    .select({ s: trainingSeries, orgName: orgUnits.name, count: sessionCount })
    .from(trainingSeries)
    .innerJoin(orgUnits, eq(orgUnits.id, trainingSeries.orgId))
    .where(and(isNull(trainingSeries.deletedAt), ...where))
    .orderBy(asc(trainingSeries.name))
    .all()
    .map((r) => toSeriesRecord(r.s, r.orgName, r.count));
}

function getSeries(ctx: Ctx, id: string): SeriesRecord {
  const found = listSeries(ctx, [eq(trainingSeries.id, id)])[0];
  if (!found) throw notFound('讲堂系列', id);
  return found;
}

function toSessionRecord(r: TrainingSessionRow, seriesName: string, enrolled: number, present: number): SessionRecord {
  return {
    id: r.id, seriesId: r.seriesId, seriesName, phase: r.phase, title: sessionTitle(seriesName, r.phase, r.topic), topic: r.topic,
    speakerPersonId: r.speakerPersonId, speakerName: r.speakerName, date: r.date, hours: r.hours, location: r.location,
    remarks: r.remarks, enrolled, present, updatedAt: r.updatedAt,
  };
}

function listSessions(ctx: Ctx, where: SQL): SessionRecord[] {
  return ctx.db
    .select({
      s: trainingSessions,
      seriesName: trainingSeries.name,
      enrolled: sql<number>`(SELECT count(*) FROM training_attendance a WHERE a.session_id = ${trainingSessions.id} AND a.deleted_at IS NULL)`,
      present: sql<number>`(SELECT count(*) FROM training_attendance a WHERE a.session_id = ${trainingSessions.id} AND a.deleted_at IS NULL AND a.status IN ('出席', '补学'))`,
    })
    .from(trainingSessions)
    .innerJoin(trainingSeries, eq(trainingSeries.id, trainingSessions.seriesId))
    .where(and(isNull(trainingSessions.deletedAt), where))
    .orderBy(asc(trainingSessions.phase))
    .all()
    .map((r) => toSessionRecord(r.s, r.seriesName, r.enrolled, r.present));
}

function getSession(ctx: Ctx, id: string): SessionRecord {
  const found = listSessions(ctx, eq(trainingSessions.id, id))[0];
  if (!found) throw notFound('讲堂期次', id);
  return found;
}

function checkCategory(tx: TxCtx, category: string): void {
  if (!categoryNames(tx).includes(category))
    throw validationError([{ path: 'category', message: `「类别」“${category}”不在培训类别列表中` }]);
}

function sessionValues(tx: TxCtx, input: SessionInput, selfId: string | null) {
  const issues = checkSessionHours(input.hours);
  let speakerName = input.speakerName;
  if (input.speakerPersonId) speakerName ??= loadPersonRow(tx, input.speakerPersonId).row.name;
  if (!speakerName) issues.push({ path: 'speakerName', message: '「主讲人」必须填写（选择花名册人员或填写姓名）' });
  if (issues.length) throw validationError(issues);
  getSeries(tx, input.seriesId);
  const last = tx.db.select({ n: max(trainingSessions.phase) }).from(trainingSessions)
    .where(and(eq(trainingSessions.seriesId, input.seriesId), isNull(trainingSessions.deletedAt))).get();
  const phase = input.phase ?? (last?.n ?? 0) + 1;
  const clash = listSessions(tx, and(eq(trainingSessions.seriesId, input.seriesId), eq(trainingSessions.phase, phase))!)
    .find((s) => s.id !== selfId);
  if (clash) throw new AppError('conflict', `「期次」第${phase}期已存在（${clash.topic}）`, [{ path: 'phase', message: `「期次」第${phase}期已存在` }]);
  return { ...input, speakerName: speakerName!, phase };
}

export const seriesHandlers: HandlersFor<SeriesOps> = {
  'training.series.list': (ctx, input) => ({
    rows: listSeries(ctx, [scopeCondition(ctx, trainingSeries.orgId), input.orgId ? inArray(trainingSeries.orgId, subtreeIds(ctx, input.orgId)) : undefined]),
  }),

  'training.series.get': (ctx, input) => ({
    series: getSeries(ctx, input.id),
    sessions: listSessions(ctx, eq(trainingSessions.seriesId, input.id)),
  }),

  'training.series.create': (tx, input) => {
    checkCategory(tx, input.category);
    getOrgUnit(tx, input.orgId);
    assertInScope(tx, input.orgId);
    const id = randomUUID();
    tx.db.insert(trainingSeries).values({ ...input, id, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() }).run();
    const created = getSeries(tx, id);
    tx.audit({ entity: 'training_series', entityId: id, after: created });
    return created;
  },

  'training.series.update': (tx, input) => {
    const { id, ...patch } = input;
    const before = getSeries(tx, id);
    // Omitted fields keep their stored values (an explicit null clears an optional one).
    const fields = mergePatch<SeriesInput>(Object.keys(seriesInput.shape), before, patch);
    checkCategory(tx, fields.category);
    getOrgUnit(tx, fields.orgId);
    assertInScope(tx, fields.orgId);
    tx.db.update(trainingSeries).set({ ...fields, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(trainingSeries.id, id)).run();
    const after = getSeries(tx, id);
    tx.audit({ entity: 'training_series', entityId: id, before, after });
    return after;
  },

  'training.sessions.create': (tx, input) => {
    const values = sessionValues(tx, input, null);
    const orgId = getSeries(tx, input.seriesId).orgId;
    const id = randomUUID();
    tx.db.insert(trainingSessions).values({ ...values, id, orgId, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() }).run();
    const created = getSession(tx, id);
    tx.audit({ entity: 'training_session', entityId: id, after: created });
    return created;
  },

  'training.sessions.update': (tx, input) => {
    const { id, ...patch } = input;
    const before = getSession(tx, id);
    if (patch.seriesId !== undefined && before.seriesId !== patch.seriesId) throw validationError([{ path: 'seriesId', message: '「讲堂系列」不能修改' }]);
    // Omitted fields keep their stored values (the 期次 too); an explicit null clears. A newly
    // linked speaker without a typed name takes that person's name, not the old speaker's.
    const stored = patch.speakerPersonId && patch.speakerPersonId !== before.speakerPersonId && patch.speakerName === undefined
      ? { ...before, speakerName: null } : before;
    const values = sessionValues(tx, mergePatch<SessionInput>(Object.keys(sessionInput.shape), stored, patch), id);
    const issues = [
      ...movedPastService(tx, eq(trainingAttendance.sessionId, id), { start: values.date, end: values.date }, 'session'),
      ...startedRecordsBefore(tx, eq(trainingAttendance.sessionId, id), { start: values.date, hours: values.hours, days: 0 }, 'date', '日期'),
    ];
    if (issues.length) throw validationError(issues);
    tx.db.update(trainingSessions).set({ ...values, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(trainingSessions.id, id)).run();
    const after = getSession(tx, id);
    tx.audit({ entity: 'training_session', entityId: id, before, after });
    return after;
  },
};
