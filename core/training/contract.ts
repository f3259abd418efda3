import { z } from 'zod';
import { partialShape } from '../contract/partial.ts';
import { mutation, query } from '../contract/op.ts';
import { id, isoDate, oneOf, optionalText, requiredText } from '../contract/fields.ts';
import { ATTENDANCE_STATUSES, COMPULSORY_LABELS, TRAINING_FORMS, TRAINING_LEVELS } from './codes.ts';
import { attendanceRecord, enrolTarget, targetShape, trainingAttendanceContract } from './contract-attendance.ts';
import { trainingViewsContract } from './contract-views.ts';
import { trainingHoursPageContract } from './contract-hours-page.ts';
import { trainingConfigContract } from './contract-config.ts';
import { amount, yearFilter } from './fields.ts';
import { ref, target } from '../guard/refs.ts';

const classFields = {
  orgId: id('组织'),
  name: requiredText('班次名称', 100),
  category: requiredText('类别', 20),
  level: oneOf('层级', TRAINING_LEVELS),
  host: optionalText('主办单位', 100),
  organizer: optionalText('承办单位', 100),
  form: oneOf('形式', TRAINING_FORMS),
  location: optionalText('地点', 100),
  startDate: isoDate('开始日期'),
  endDate: isoDate('结束日期'),
  days: amount('天数').nullish().transform((v) => v ?? null),
  hours: amount('学时'),
  compulsory: oneOf('必修/选修', COMPULSORY_LABELS).default('必修'),
  assessmentMethod: optionalText('考核方式', 100),
  remarks: optionalText('备注', 500),
};
export const classInput = z.object(classFields);
export type ClassInput = z.output<typeof classInput>;

export const classRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  category: z.string(),
  level: z.string(),
  host: z.string().nullable(),
  organizer: z.string().nullable(),
  form: z.string(),
  location: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  days: z.number(),
  hours: z.number(),
  compulsory: z.enum(COMPULSORY_LABELS),
  assessmentMethod: z.string().nullable(),
  remarks: z.string().nullable(),
  enrolled: z.number().int(),
  present: z.number().int(),
  updatedAt: z.string(),
});
export type ClassRecord = z.infer<typeof classRecord>;

const seriesFields = {
  orgId: id('组织'),
  name: requiredText('系列名称', 100),
  category: requiredText('类别', 20).default('书记讲堂'),
  level: oneOf('层级', TRAINING_LEVELS),
  host: optionalText('主办单位', 100),
  remarks: optionalText('备注', 500),
};
export const seriesInput = z.object(seriesFields);
export type SeriesInput = z.output<typeof seriesInput>;
export const seriesRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  category: z.string(),
  level: z.string(),
  host: z.string().nullable(),
  remarks: z.string().nullable(),
  sessionCount: z.number().int(),
  updatedAt: z.string(),
});
export type SeriesRecord = z.infer<typeof seriesRecord>;

const sessionFields = {
  seriesId: ref('training_series', '讲堂系列'),
  phase: amount('期次', { int: true }).min(1, { error: '「期次」应为正整数' }).nullish().transform((v) => v ?? null),
  topic: requiredText('主题', 200),
  speakerPersonId: ref('people', '主讲人').nullish().transform((v) => v ?? null),
  speakerName: optionalText('主讲人姓名', 50),
  date: isoDate('日期'),
  hours: amount('学时'),
  location: optionalText('地点', 100),
  remarks: optionalText('备注', 500),
};
export const sessionInput = z.object(sessionFields);
export type SessionInput = z.output<typeof sessionInput>;
export const sessionRecord = z.object({
  id: z.string(),
  seriesId: z.string(),
  seriesName: z.string(),
  phase: z.number().int(),
  title: z.string(),
  topic: z.string(),
  speakerPersonId: z.string().nullable(),
  speakerName: z.string(),
  date: z.string(),
  hours: z.number(),
  location: z.string().nullable(),
  remarks: z.string().nullable(),
  enrolled: z.number().int(),
  present: z.number().int(),
  updatedAt: z.string(),
});
export type SessionRecord = z.infer<typeof sessionRecord>;

const removeInput = z.object({ id: target('training_classes', '班次编号'), reason: requiredText('删除原因', 200) });

export const trainingContract = {
  'training.classes.list': query(
    '培训班次列表：按年度与组织（含下级）筛选',
    z.object({ year: yearFilter.optional(), orgId: id('组织').nullish() }).default({}),
    z.object({ rows: z.array(classRecord) }),
  ),
  'training.classes.get': query('读取一个培训班次', z.object({ id: ref('training_classes', '班次编号') }), classRecord),
  'training.classes.create': mutation('新建培训班次', classInput, classRecord),
  'training.classes.update': mutation('修改培训班次', z.object(partialShape(classInput.shape)).extend({ id: target('training_classes', '班次编号') }), classRecord),
  'training.classes.remove': mutation('删除培训班次（连同报名记录，留痕）', removeInput, z.object({ attendanceRemoved: z.number().int() })),
  'training.series.list': query('讲堂系列列表', z.object({ orgId: id('组织').nullish() }).default({}), z.object({ rows: z.array(seriesRecord) })),
  'training.series.get': query(
    '读取讲堂系列及其各期',
    z.object({ id: ref('training_series', '系列编号') }),
    z.object({ series: seriesRecord, sessions: z.array(sessionRecord) }),
  ),
  'training.series.create': mutation('新建讲堂系列（如书记讲堂）', seriesInput, seriesRecord),
  // Partial updates: an omitted field keeps its stored value, an explicit null clears it.
  'training.series.update': mutation('修改讲堂系列', z.object(partialShape(seriesFields)).extend({ id: target('training_series', '系列编号') }), seriesRecord),
  'training.sessions.create': mutation('新增一期讲堂', sessionInput, sessionRecord),
  'training.sessions.update': mutation('修改一期讲堂', z.object(partialShape(sessionFields)).extend({ id: target('training_sessions', '期次编号') }), sessionRecord),
  'training.enroll': mutation(
    '批量报名（重复报名的人员自动跳过）',
    targetShape.extend({ personIds: z.array(ref('people', '人员编号')).min(1, { error: '「人员」至少选择一人' }).max(20000) }).superRefine(enrolTarget),
    z.object({ added: z.number().int(), alreadyEnrolled: z.number().int(), total: z.number().int() }),
  ),
  'training.enrollOne': mutation(
    '单人报名（已报名时提示重复）',
    targetShape.extend({ personId: ref('people', '人员编号'), status: oneOf('出勤', ATTENDANCE_STATUSES).default('已报名') }).superRefine(enrolTarget),
    attendanceRecord,
  ),
  ...trainingAttendanceContract,
  ...trainingConfigContract,
  ...trainingViewsContract,
  ...trainingHoursPageContract,
};
