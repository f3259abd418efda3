import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { orgUnits, trainingAttendance, trainingClasses, type TrainingClassRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { getOrgUnit, subtreeIds } from '../org/handlers.ts';
import { assertInScope } from '../security/scope.ts';
import { classInput, type ClassInput, type ClassRecord, type trainingContract } from './contract.ts';
import { mergePatch } from '../contract/partial.ts';
import { categoryNames } from './config.ts';
import { checkClassFigures, effectiveDays } from './rules.ts';
import { loadClassRow, orgName } from './targets.ts';
import { scopeCondition } from '../guard/scope.ts';
import { movedPastService } from './service.ts';
import { startedRecordsBefore } from './early.ts';

type ClassOps = Pick<typeof trainingContract, 'training.classes.list' | 'training.classes.get' | 'training.classes.create' | 'training.classes.update' | 'training.classes.remove'>;

const counts = {
  enrolled: sql<number>`(SELECT count(*) FROM training_attendance a WHERE a.class_id = ${trainingClasses.id} AND a.deleted_at IS NULL)`,
  present: sql<number>`(SELECT count(*) FROM training_attendance a WHERE a.class_id = ${trainingClasses.id} AND a.deleted_at IS NULL AND a.status IN ('出席', '补学'))`,
};

function toClassRecord(r: TrainingClassRow, orgName: string, enrolled: number, present: number): ClassRecord {
  const { changeSeq: _s, deletedAt: _d, deleteReason: _r, createdAt: _c, compulsory, ...rest } = r;
  return { ...rest, orgName, compulsory: compulsory ? '必修' : '选修', enrolled, present };
}

export function getClass(ctx: Ctx, id: string): ClassRecord {
  const row = ctx.db
    .select({ c: trainingClasses, orgName: orgUnits.name, ...counts })
    .from(trainingClasses)
    .innerJoin(orgUnits, eq(orgUnits.id, trainingClasses.orgId))
    .where(and(eq(trainingClasses.id, id), isNull(trainingClasses.deletedAt)))
    .get();
  if (!row) {
    const c = loadClassRow(ctx, id);
    return toClassRecord(c, orgName(ctx, c.orgId), 0, 0);
  }
  return toClassRecord(row.c, row.orgName, row.enrolled, row.present);
}

function validClassValues(tx: TxCtx, input: ClassInput) {
  const issues = checkClassFigures(input);
  if (!categoryNames(tx).includes(input.category))
    issues.push({ path: 'category', message: `「类别」“${input.category}”不在培训类别列表中` });
  if (issues.length) throw validationError(issues);
  getOrgUnit(tx, input.orgId);
  assertInScope(tx, input.orgId);
  const { compulsory, ...rest } = input;
  return { ...rest, days: effectiveDays(input), compulsory: compulsory === '必修' };
}

export const classHandlers: HandlersFor<ClassOps> = {
  'training.classes.list': (ctx, input) => {
    const where: (SQL | undefined)[] = [isNull(trainingClasses.deletedAt), scopeCondition(ctx, trainingClasses.orgId)];
    if (input.orgId) where.push(inArray(trainingClasses.orgId, subtreeIds(ctx, input.orgId)));
    if (input.year) where.push(like(trainingClasses.startDate, `${input.year}-%`));
    const rows = ctx.db
      .select({ c: trainingClasses, orgName: orgUnits.name, ...counts })
      .from(trainingClasses)
      .innerJoin(orgUnits, eq(orgUnits.id, trainingClasses.orgId))
      .where(and(...where))
      .orderBy(desc(trainingClasses.startDate), asc(trainingClasses.name))
      .all();
    return { rows: rows.map((r) => toClassRecord(r.c, r.orgName, r.enrolled, r.present)) };
  },

  'training.classes.get': (ctx, input) => getClass(ctx, input.id),

  'training.classes.create': (tx, input) => {
    const values = validClassValues(tx, input);
    const id = randomUUID();
    tx.db.insert(trainingClasses).values({ ...values, id, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() }).run();
    const created = getClass(tx, id);
    tx.audit({ entity: 'training_class', entityId: id, after: created });
    return created;
  },

  'training.classes.update': (tx, input) => {
    const { id, ...patch } = input;
    const before = getClass(tx, id);
    // Omitted fields keep their stored values (an explicit null clears an optional one). A
    // 天数 that was derived from the old dates (equal to their span) is derived again from
    // the new ones unless the caller sends one.
    const redated = (patch.startDate !== undefined && patch.startDate !== before.startDate) || (patch.endDate !== undefined && patch.endDate !== before.endDate);
    const redatedDerived = patch.days === undefined && redated && before.days === effectiveDays({ ...before, days: null });
    const values = validClassValues(tx, mergePatch<ClassInput>(Object.keys(classInput.shape), redatedDerived ? { ...before, days: null } : before, patch));
    const where = eq(trainingAttendance.classId, id);
    const issues = [
      ...movedPastService(tx, where, { start: values.startDate, end: values.endDate }, 'class'),
      ...startedRecordsBefore(tx, where, { start: values.startDate, hours: values.hours, days: values.days }, 'startDate', '开始日期'),
    ];
    if (issues.length) throw validationError(issues);
    tx.db.update(trainingClasses).set({ ...values, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(trainingClasses.id, id)).run();
    const after = getClass(tx, id);
    tx.audit({ entity: 'training_class', entityId: id, before, after });
    return after;
  },

  'training.classes.remove': (tx, input) => {
    const before = getClass(tx, input.id);
    const mark = { deletedAt: tx.nowIso, deleteReason: input.reason, updatedAt: tx.nowIso, changeSeq: tx.seq() };
    tx.db.update(trainingClasses).set(mark).where(eq(trainingClasses.id, input.id)).run();
    const removed = tx.db
      .update(trainingAttendance)
      .set(mark)
      .where(and(eq(trainingAttendance.classId, input.id), isNull(trainingAttendance.deletedAt)))
      .run().changes;
    tx.audit({ entity: 'training_class', entityId: input.id, before, after: { deleted: true, reason: input.reason, attendanceRemoved: removed } });
    return { attendanceRemoved: removed };
  },
};
