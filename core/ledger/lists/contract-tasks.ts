import { z } from 'zod';
import { mutation, query } from '../../contract/op.ts';
import { ref } from '../../guard/refs.ts';
import { id, isoDate, optionalIsoDate, optionalText, requiredText } from '../../contract/fields.ts';
import { attachmentRecord, attachmentsField } from '../attachments.ts';
import { COLOURS } from '../codes.ts';
import { progressField, yearField } from '../fields.ts';


export const taskCreateInput = z.object({
  orgId: id('下达单位'),
  title: requiredText('任务标题', 100),
  content: optionalText('任务内容', 2000),
  category: requiredText('类别', 30),
  issuedOn: optionalIsoDate('下达日期'),
  deadline: isoDate('时限'),
  targetOrgIds: z.array(ref('org_units', '接收社区')).min(1, { error: '「接收社区」至少选择一个' }).max(500),
});
export type TaskCreateInput = z.output<typeof taskCreateInput>;

export const taskReportRecord = z.object({
  id: z.string(),
  taskId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  progress: z.number().int(),
  done: z.boolean(),
  content: z.string(),
  reportedOn: z.string(),
  reportedBy: z.string(),
  attachments: z.array(attachmentRecord),
});
export type TaskReportRecord = z.infer<typeof taskReportRecord>;

/** One receiving community's state of a task, from its latest report. */
export const taskTargetState = z.object({
  orgId: z.string(),
  orgName: z.string(),
  progress: z.number().int(),
  doneOn: z.string().nullable(),
  state: z.enum(['按时完成', '逾期完成', '进行中', '已逾期']),
  colour: z.enum(COLOURS),
});

export const taskRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  title: z.string(),
  content: z.string().nullable(),
  category: z.string(),
  issuedOn: z.string(),
  deadline: z.string(),
  createdBy: z.string(),
  targets: z.array(taskTargetState),
  doneCount: z.number().int(),
  overdueCount: z.number().int(),
  received: z.boolean(),
});
export type TaskRecord = z.infer<typeof taskRecord>;

export const tasksContract = {
  'ledger.tasks.list': query(
    '任务清单：本单位下达的与下达给本单位（含下级）的任务',
    z.object({ orgId: id('组织').nullish(), year: yearField.nullish() }).default({}),
    z.object({ rows: z.array(taskRecord) }),
  ),
  'ledger.tasks.get': query('读取一项任务及各社区的完成报告', z.object({ id: ref('ledger_tasks', '任务编号') }), taskRecord.extend({ reports: z.array(taskReportRecord) })),
  'ledger.tasks.create': mutation('下达任务（县、街道 → 社区）', taskCreateInput, taskRecord),
  'ledger.tasks.report': mutation(
    '社区报送任务完成情况（新增一条报告，不修改任务）',
    z.object({
      taskId: ref('ledger_tasks', '任务编号'),
      orgId: id('报告社区'),
      progress: progressField,
      done: z.boolean({ error: '「是否完成」应为是/否' }).default(false),
      content: requiredText('完成情况', 2000),
      reportedOn: optionalIsoDate('报告日期'),
      attachments: attachmentsField,
    }),
    taskReportRecord,
  ),
};
