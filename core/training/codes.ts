// Training code lists (shared domain notes §3). Pure: the renderer imports these too.

/** The built-in category list; the editable list starts as a copy of it. */
export const DEFAULT_CATEGORIES = [
  '任前培训', '轮训', '专题培训', '示范班', '视频培训', '网络培训', '书记讲堂', '现场教学', '其他',
] as const;

/** Highest first: the order of `levelRank`. */
export const TRAINING_LEVELS = ['中央', '省', '市', '县', '街道', '社区'] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number];

export const TRAINING_FORMS = ['集中', '视频', '网络', '现场', '异地'] as const;
// 已报名 is where every enrolment starts: whether someone attended is known only once the
// training has begun (see recordedTooEarly in attendance.ts).
export const ATTENDANCE_STATUSES = ['已报名', '出席', '请假', '缺席', '补学'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const COMPULSORY_LABELS = ['必修', '选修'] as const;
export const RESULT_LABELS = ['合格', '不合格'] as const;
export const REQUIREMENT_UNITS = ['学时', '天'] as const;
export type RequirementUnit = (typeof REQUIREMENT_UNITS)[number];

/** 0 for 中央 … 5 for 社区; "县级及以上" means rank ≤ rank('县'). */
export function levelRank(level: string): number {
  const i = (TRAINING_LEVELS as readonly string[]).indexOf(level);
  return i < 0 ? TRAINING_LEVELS.length : i;
}

export function levelAtOrAbove(level: string, min: string | null): boolean {
  return min === null || levelRank(level) <= levelRank(min);
}

/** Statuses that say what happened at the training: recorded only once it has begun (请假 may be known before). */
export function recordsAttendance(status: string): boolean {
  return status === '出席' || status === '缺席' || status === '补学';
}

/** Statuses that earn the class or session hours unless a partial figure is recorded. */
export function earnsHoursByDefault(status: string): boolean {
  return status === '出席' || status === '补学';
}
