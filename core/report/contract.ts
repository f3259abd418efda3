import { z } from 'zod';
import { query } from '../contract/op.ts';
import { id, isoDate } from '../contract/fields.ts';
import { homeContract } from './home-contract.ts';

const cell = z.union([z.number(), z.string(), z.null()]);

const ageCuts = z
  .array(z.number({ error: '「年龄分段」应为整数' }).int({ error: '「年龄分段」应为整数' }).min(18, { error: '「年龄分段」不能小于 18 岁' }).max(80, { error: '「年龄分段」不能大于 80 岁' }), { error: '「年龄分段」应为整数列表' })
  .min(1, { error: '「年龄分段」至少需要一个分界年龄' })
  .max(6, { error: '「年龄分段」最多 6 个分界年龄' })
  .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), { error: '「年龄分段」应从小到大排列且不重复' });

export const reportInput = z.object({
  name: z.string({ error: '「报表」缺失' }).min(1, { error: '「报表」缺失' }),
  orgId: id('统计单位'),
  asOf: isoDate('统计日期'),
  /** Year reports: the calendar year; defaults to the year of `asOf`. */
  year: z.number({ error: '「年度」应为数字' }).int({ error: '「年度」不是有效年份' }).min(1900, { error: '「年度」不是有效年份' }).max(2999, { error: '「年度」不是有效年份' }).optional(),
  ageCuts: ageCuts.optional(),
  compareAsOf: isoDate('对比日期').optional(),
});
export type ReportInput = z.infer<typeof reportInput>;

const columnView = z.object({
  key: z.string(), label: z.string(), group: z.string().nullable(), kind: z.enum(['count', 'sum', 'rate', 'avg', 'text']),
  unit: z.string().nullable(), money: z.boolean(), drillable: z.boolean(),
});
const tableRow = z.object({
  key: z.string(), label: z.string(), level: z.enum(['county', 'street', 'community', 'self', 'total', 'period']),
  parent: z.string().nullable(), cells: z.record(z.string(), cell),
});
const chartSpec = z.object({ type: z.enum(['bar', 'pie', 'line']), columns: z.array(z.string()), rows: z.enum(['leaf', 'total', 'period']), title: z.string() });

export const reportResult = z.object({
  name: z.string(),
  title: z.string(),
  period: z.enum(['asOf', 'year']),
  unit: z.object({ id: z.string(), name: z.string(), code: z.string(), level: z.string() }),
  asOf: z.string(),
  year: z.number().int(),
  ageCuts: z.array(z.number().int()),
  columns: z.array(columnView),
  rows: z.array(tableRow),
  charts: z.array(chartSpec),
  notes: z.array(z.string()),
  /** The same figures at an earlier reference date, by row key and column key. */
  previous: z.object({ asOf: z.string(), cells: z.record(z.string(), z.record(z.string(), z.number().nullable())) }).nullable(),
});
export type ReportResult = z.infer<typeof reportResult>;

export const drillResult = z.object({
  title: z.string(),
  money: z.boolean(),
  rows: z.array(z.object({ id: z.string(), name: z.string(), orgName: z.string(), detail: z.string(), value: z.number().optional() })),
});
export type DrillResult = z.infer<typeof drillResult>;

export const reportContract = {
  'report.catalog': query(
    '可用的统计报表',
    z.object({}).default({}),
    z.object({ reports: z.array(z.object({ name: z.string(), title: z.string(), period: z.enum(['asOf', 'year']), summary: z.string(), comparable: z.boolean() })) }),
  ),
  'report.run': query('生成一张统计报表（按统计日期或年度，可与更早日期对比）', reportInput, reportResult),
  'report.drill': query(
    '查看报表某一单元格背后的人员或记录',
    reportInput.extend({ rowKey: z.string({ error: '「行」缺失' }).min(1), column: z.string({ error: '「列」缺失' }).min(1) }),
    drillResult,
  ),
  'report.export': query('导出统计报表（.xlsx，base64；数字为数值格式）', reportInput, z.object({ fileName: z.string(), base64: z.string() })),
  ...homeContract,
};
