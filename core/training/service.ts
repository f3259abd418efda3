import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { people, trainingAttendance } from '../../db/schema/index.ts';
import type { FieldIssue } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';

// Attendance belongs to the time a person served: not after the date they left (离任, 退休,
// 解聘: the status date), not before they started community work. One rule for every path
// that creates attendance, changes it to count, or moves the training's dates.

export interface ServicePerson {
  name: string;
  status: string;
  statusDate: string | null;
  communityWorkStartDate: string | null;
}

/** The training's first and last day. */
export interface TrainingSpan {
  start: string;
  end: string;
}

/** Which end of the person's service `span` falls outside of, or null when they served then. */
function outside(p: ServicePerson, span: TrainingSpan): 'left' | 'notStarted' | null {
  if (p.status !== '在岗' && p.statusDate && span.start > p.statusDate) return 'left';
  if (p.communityWorkStartDate && span.end < p.communityWorkStartDate) return 'notStarted';
  return null;
}

/** Why `p` cannot have attended training held over `span`, or null when they served then. */
export function outsideService(p: ServicePerson, span: TrainingSpan, path = 'personIds'): FieldIssue | null {
  switch (outside(p, span)) {
    case 'left':
      return { path, message: `「人员」${p.name}已于 ${p.statusDate} ${p.status}，不能登记其后（${span.start}）的培训` };
    case 'notStarted':
      return { path, message: `「人员」${p.name}于 ${p.communityWorkStartDate} 开始从事社区工作，不能登记此前（${span.end}）的培训` };
    default:
      return null;
  }
}

/**
 * A class or session moved to `span`: every person enrolled in it (`where` picks its
 * attendance) must have served then. The message names the person and the date.
 */
export function movedPastService(ctx: Ctx, where: SQL, span: TrainingSpan, kind: 'class' | 'session'): FieldIssue[] {
  const enrolled = ctx.db
    .select({ name: people.name, status: people.status, statusDate: people.statusDate, communityWorkStartDate: people.communityWorkStartDate })
    .from(trainingAttendance)
    .innerJoin(people, eq(people.id, trainingAttendance.personId))
    .where(and(where, isNull(trainingAttendance.deletedAt)))
    .all();
  const issues: FieldIssue[] = [];
  for (const p of enrolled) {
    const why = outside(p, span);
    const [path, label] = kind === 'session' ? ['date', '日期'] : why === 'left' ? ['startDate', '开始日期'] : ['endDate', '结束日期'];
    if (why === 'left')
      issues.push({ path, message: `「${label}」已报名的${p.name}于 ${p.statusDate} ${p.status}，培训日期不能改到其后（${span.start}）；如确需修改，请先取消其报名` });
    else if (why === 'notStarted')
      issues.push({ path, message: `「${label}」已报名的${p.name}于 ${p.communityWorkStartDate} 才开始从事社区工作，培训日期不能改到此前（${span.end}）；如确需修改，请先取消其报名` });
  }
  return issues;
}

/**
 * Training that counts toward a person's hours or days held after `date`: what a backdated
 * 离任/退休/解聘 on that date would leave standing outside the person's service. "Counts" is
 * effectiveCredit's rule (attendance.ts, hours.ts): a recorded figure, else the class or
 * session figure for 出席/补学, else 0 — so a 请假 row with recorded hours counts and a 出席
 * row recorded at 0 hours and 0 days does not.
 */
export function countingAttendanceAfter(ctx: Ctx, personId: string, date: string): { name: string; start: string }[] {
  const present = `a.status IN ('出席', '补学')`;
  const rows = ctx.sqlite
    .prepare(
      `SELECT COALESCE(c.name, s.topic) AS name, COALESCE(c.start_date, s.date) AS start
         FROM training_attendance a
         LEFT JOIN training_classes c ON c.id = a.class_id AND c.deleted_at IS NULL
         LEFT JOIN training_sessions s ON s.id = a.session_id AND s.deleted_at IS NULL
        WHERE a.person_id = ? AND a.deleted_at IS NULL
          AND (COALESCE(a.credited_hours, CASE WHEN ${present} THEN COALESCE(c.hours, s.hours) ELSE 0 END) > 0
            OR COALESCE(a.credited_days, CASE WHEN ${present} THEN COALESCE(c.days, 0) ELSE 0 END) > 0)
          AND COALESCE(c.start_date, s.date) > ?
        ORDER BY start`,
    )
    .all(personId, date) as { name: string; start: string }[];
  return rows;
}
