import { z } from 'zod';
import { mutation, query } from '../../contract/op.ts';
import { id, optionalText, requiredText } from '../../contract/fields.ts';
import { ref, target } from '../../guard/refs.ts';
import { yearField } from '../fields.ts';

export const quarterRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  quarter: z.number().int(),
  summary: z.string(),
  figures: z.record(z.string(), z.number()),
  sealedAt: z.string().nullable(),
  sealedBy: z.string().nullable(),
  correctsId: z.string().nullable(),
  received: z.boolean(),
});
export type QuarterRecord = z.infer<typeof quarterRecord>;

export const quartersContract = {
  'ledger.quarters.list': query('季度报告列表', z.object({ orgId: id('组织').nullish() }).default({}), z.object({ rows: z.array(quarterRecord) })),
  'ledger.quarters.create': mutation(
    '新建季度报告（草稿；更正已封存的报告时指明原报告）',
    z.object({
      orgId: id('报告社区'),
      year: yearField,
      quarter: z.number({ error: '「季度」应为 1–4' }).int().min(1, { error: '「季度」应为 1–4' }).max(4, { error: '「季度」应为 1–4' }),
      summary: requiredText('工作小结', 5000),
      correctsId: ref('ledger_quarter_reports', '被更正的报告').nullish().transform((v) => v ?? null),
    }),
    quarterRecord,
  ),
  'ledger.quarters.update': mutation('修改季度报告草稿（封存后不能修改）', z.object({ id: target('ledger_quarter_reports', '报告编号'), summary: requiredText('工作小结', 5000) }), quarterRecord),
  'ledger.quarters.seal': mutation(
    '确认并封存季度报告（重新统计数字后冻结，随数据包报送）',
    z.object({ id: target('ledger_quarter_reports', '报告编号'), note: optionalText('说明', 200) }),
    quarterRecord,
  ),
};
