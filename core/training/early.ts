import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { people, trainingAttendance } from '../../db/schema/index.ts';
import type { FieldIssue } from '../contract/errors.ts';
import type { TxCtx } from '../context.ts';
import { recordsAttendance } from './codes.ts';
import { effectiveCredit } from './attendance.ts';

// "Not before the training starts" (recordedTooEarly in attendance.ts) holds for the stored
// records too: a class or session moved to a start after today may not keep 出席/缺席/补学
// records or credited hours, which only a training that has begun can have.

/** Rows of the training (`where`) that say it has begun, when its new first day is after today. */
export function startedRecordsBefore(
  tx: TxCtx,
  where: SQL,
  next: { start: string; hours: number; days: number },
  path: string,
  label: string,
): FieldIssue[] {
  if (tx.today >= next.start) return [];
  const rows = tx.db
    .select({ name: people.name, status: trainingAttendance.status, creditedHours: trainingAttendance.creditedHours, creditedDays: trainingAttendance.creditedDays })
    .from(trainingAttendance)
    .innerJoin(people, eq(people.id, trainingAttendance.personId))
    .where(and(where, isNull(trainingAttendance.deletedAt)))
    .all();
  const begun = rows.filter((r) => {
    const credit = effectiveCredit(r, next.hours, next.days);
    return recordsAttendance(r.status) || credit.hours > 0 || credit.days > 0;
  });
  if (!begun.length) return [];
  const names = begun.slice(0, 3).map((r) => `${r.name}（${r.status}）`).join('、') + (begun.length > 3 ? ` 等 ${begun.length} 人` : '');
  return [{ path, message: `「${label}」改到 ${next.start} 后培训尚未开始，但 ${names} 已有出勤或认定学时；请先把这些记录改回“已报名”或取消报名` }];
}
