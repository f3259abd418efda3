import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { oneOf, optionalText, requiredText } from '../contract/fields.ts';
import { ATTENDANCE_STATUSES } from './codes.ts';
import { amount } from './fields.ts';
import { ref, target } from '../guard/refs.ts';

/** A class or a session: exactly one of the two ids. */
export const targetShape = z.object({
  classId: ref('training_classes', '班次编号').nullish().transform((v) => v ?? null),
  sessionId: ref('training_sessions', '讲堂期次编号').nullish().transform((v) => v ?? null),
});

export function enrolTarget(v: { classId: string | null; sessionId: string | null }, ctx: z.RefinementCtx): void {
  if ((v.classId === null) === (v.sessionId === null))
    ctx.addIssue({ code: 'custom', path: ['classId'], message: '「培训」必须且只能指定一个班次或一期讲堂' });
}

export const attendanceRecord = z.object({
  id: z.string(),
  classId: z.string().nullable(),
  sessionId: z.string().nullable(),
  personId: z.string(),
  personName: z.string(),
  orgName: z.string(),
  posts: z.array(z.string()),
  personStatus: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  /** What counts: the recorded figure, or the default for the status. */
  creditedHours: z.number(),
  creditedDays: z.number(),
  /** True when a partial figure was recorded instead of the default. */
  overridden: z.boolean(),
  result: z.string().nullable(),
  score: z.number().nullable(),
  certificateNo: z.string().nullable(),
  remarks: z.string().nullable(),
});
export type AttendanceRecord = z.infer<typeof attendanceRecord>;

const targetInfo = z.object({
  kind: z.enum(['class', 'session']),
  id: z.string(),
  title: z.string(),
  date: z.string(),
  level: z.string(),
  hours: z.number(),
  days: z.number(),
});
export type TargetInfo = z.infer<typeof targetInfo>;

const nullableAmount = (label: string) => amount(label).nullable().optional();

export const trainingAttendanceContract = {
  'training.attendance.list': query(
    '某班次或某期讲堂的参训人员与学时',
    targetShape.superRefine(enrolTarget),
    z.object({ target: targetInfo, rows: z.array(attendanceRecord), totalHours: z.number() }),
  ),
  'training.attendance.update': mutation(
    '修改一条参训记录（出勤、认定学时、考核结果、证书编号）；未给出的字段保持不变',
    z.object({
      id: target('training_attendance', '参训记录编号'),
      status: oneOf('出勤', ATTENDANCE_STATUSES).optional(),
      creditedHours: nullableAmount('认定学时'),
      creditedDays: nullableAmount('认定天数'),
      result: optionalText('考核结果', 20).optional(),
      score: nullableAmount('考核成绩'),
      certificateNo: optionalText('证书编号', 50).optional(),
      remarks: optionalText('备注', 200).optional(),
    }),
    attendanceRecord,
  ),
  'training.attendance.setStatus': mutation(
    '批量设置出勤（缺席、请假时认定学时按 0 计）',
    z.object({ ids: z.array(target('training_attendance', '参训记录编号')).min(1, { error: '「参训记录」至少选择一条' }), status: oneOf('出勤', ATTENDANCE_STATUSES) }),
    z.object({ updated: z.number().int() }),
  ),
  'training.attendance.remove': mutation(
    '取消报名（留痕）',
    z.object({ ids: z.array(target('training_attendance', '参训记录编号')).min(1, { error: '「参训记录」至少选择一条' }), reason: requiredText('取消原因', 200) }),
    z.object({ removed: z.number().int() }),
  ),
};
