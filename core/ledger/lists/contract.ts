import { z } from 'zod';
import { partialShape } from '../../contract/partial.ts';
import { mutation, query } from '../../contract/op.ts';
import { ref, target } from '../../guard/refs.ts';
import { id, isoDate, oneOf, optionalIsoDate, optionalText, requiredText } from '../../contract/fields.ts';
import { attachmentRecord, attachmentsField } from '../attachments.ts';
import { COLOURS, ITEM_KINDS } from '../codes.ts';
import { progressField, yearField } from '../fields.ts';
import { tasksContract } from './contract-tasks.ts';
import { quartersContract } from './contract-quarters.ts';


const itemFields = {
  title: requiredText('标题', 100),
  content: optionalText('内容', 2000),
  category: requiredText('类别', 30),
  deadline: optionalIsoDate('时限'),
  progress: progressField.default(0),
  measures: optionalText('整改措施', 2000),
};

export const itemCreateInput = z.object({
  orgId: id('责任单位'),
  kind: oneOf('清单类型', ITEM_KINDS),
  sourceUnitName: optionalText('来源单位', 100),
  registeredOn: optionalIsoDate('登记日期'),
  ...itemFields,
  attachments: attachmentsField,
});
export type ItemCreateInput = z.output<typeof itemCreateInput>;

export const itemRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(ITEM_KINDS),
  sourceUnitName: z.string(),
  title: z.string(),
  content: z.string().nullable(),
  category: z.string(),
  registeredOn: z.string(),
  deadline: z.string().nullable(),
  progress: z.number().int(),
  measures: z.string().nullable(),
  fromItemId: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
  overdue: z.boolean(),
  colour: z.enum(COLOURS),
  /** Received in a bundle: read-only here. */
  received: z.boolean(),
  updatedAt: z.string(),
});
export type ItemRecord = z.infer<typeof itemRecord>;

export const itemDetail = itemRecord.extend({ attachments: z.array(attachmentRecord), rectifications: z.array(itemRecord) });

export const listsContract = {
  'ledger.items.list': query(
    '清单列表：按组织（含下级）、类型、年度筛选',
    z.object({ orgId: id('组织').nullish(), kind: oneOf('清单类型', ITEM_KINDS).nullish(), year: yearField.nullish() }).default({}),
    z.object({ rows: z.array(itemRecord) }),
  ),
  'ledger.items.get': query('读取一条清单及其附件、整改项', z.object({ id: ref('ledger_items', '清单编号') }), itemDetail),
  'ledger.items.create': mutation('新建清单条目（工作动态、需求、资源、问题、整改）', itemCreateInput, itemRecord),
  'ledger.items.update': mutation(
    '修改清单条目（销号后不能修改）',
    // Partial: omitted fields keep their stored values; attachments given here are added.
    z.object({ id: target('ledger_items', '清单编号'), ...partialShape(itemFields), attachments: attachmentsField }),
    itemRecord,
  ),
  'ledger.items.close': mutation('清单销号', z.object({ id: target('ledger_items', '清单编号'), note: optionalText('销号说明', 500), closedOn: optionalIsoDate('销号日期') }), itemRecord),
  'ledger.items.rectify': mutation(
    '由问题清单生成整改项（整改措施与时限）',
    z.object({ id: target('ledger_items', '问题清单编号'), title: optionalText('整改标题', 100), measures: requiredText('整改措施', 2000), deadline: isoDate('时限') }),
    itemRecord,
  ),
  ...tasksContract,
  ...quartersContract,
};
