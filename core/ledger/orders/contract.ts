import { z } from 'zod';
import { mutation, query } from '../../contract/op.ts';
import { ref, target } from '../../guard/refs.ts';
import { id, isoDate, oneOf, optionalIsoDate, optionalText, requiredText } from '../../contract/fields.ts';
import { attachmentRecord, attachmentsField } from '../attachments.ts';
import { ASSIGNEE_KINDS, ORDER_SOURCES, ORDER_STATUSES, ORDER_STEPS, RATINGS } from '../codes.ts';
import { yearField } from '../fields.ts';

export const orderRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  source: z.enum(ORDER_SOURCES),
  title: z.string(),
  content: z.string().nullable(),
  category: z.string(),
  registeredOn: z.string(),
  status: z.enum(ORDER_STATUSES),
  assigneeKind: z.enum(ASSIGNEE_KINDS).nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  dueDate: z.string().nullable(),
  takenBy: z.string().nullable(),
  feedback: z.string().nullable(),
  rating: z.enum(RATINGS).nullable(),
  closedOn: z.string().nullable(),
  overdue: z.boolean(),
  received: z.boolean(),
  updatedAt: z.string(),
});
export type OrderRecord = z.infer<typeof orderRecord>;

export const orderStepRecord = z.object({
  id: z.string(),
  step: z.enum(ORDER_STEPS),
  actorName: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  attachments: z.array(attachmentRecord),
});

const step = <S extends z.ZodRawShape>(shape: S) =>
  z.object({ id: target('ledger_orders', '工单编号'), note: optionalText('说明', 1000), attachments: attachmentsField, ...shape });

export const ordersContract = {
  'ledger.orders.list': query(
    '工单列表（点单）：按组织（含下级）、年度、状态、逾期筛选',
    z
      .object({
        orgId: id('组织').nullish(),
        year: yearField.nullish(),
        status: oneOf('状态', ORDER_STATUSES).nullish(),
        overdueOnly: z.boolean().default(false),
      })
      .default({ overdueOnly: false }),
    z.object({ rows: z.array(orderRecord), total: z.number().int() }),
  ),
  'ledger.orders.get': query('读取工单及其办理时间线', z.object({ id: ref('ledger_orders', '工单编号') }), orderRecord.extend({ steps: z.array(orderStepRecord) })),
  'ledger.orders.register': mutation(
    '点单：登记群众需求（不登记居民个人信息）',
    z.object({
      orgId: id('登记社区'),
      source: oneOf('需求来源', ORDER_SOURCES),
      title: requiredText('需求', 100),
      content: optionalText('需求说明', 2000),
      category: requiredText('类别', 30),
      registeredOn: optionalIsoDate('登记日期'),
      attachments: attachmentsField,
    }),
    orderRecord,
  ),
  'ledger.orders.build': mutation('建单：研判立项', step({ category: optionalText('类别', 30) }), orderRecord),
  'ledger.orders.dispatch': mutation(
    '派单：派给志愿服务队、党员或共建单位，并定时限',
    step({
      assigneeKind: oneOf('承办方类型', ASSIGNEE_KINDS),
      assigneeId: ref('people', '承办党员').nullish().transform((v) => v ?? null),
      assigneeName: optionalText('承办方', 100),
      dueDate: isoDate('办理时限'),
    }),
    orderRecord,
  ),
  'ledger.orders.take': mutation('接单', step({ takenBy: optionalText('接单人', 50) }), orderRecord),
  'ledger.orders.handle': mutation('办理：填写办理反馈', step({ feedback: requiredText('办理反馈', 2000) }), orderRecord),
  'ledger.orders.rate': mutation('评单：群众评价', step({ rating: oneOf('群众评价', RATINGS) }), orderRecord),
  'ledger.orders.close': mutation('销号', step({ closedOn: optionalIsoDate('销号日期') }), orderRecord),
};
