import { z } from 'zod';
import { query } from '../contract/op.ts';
import { id } from '../contract/fields.ts';
import { month, payLine, paySheet } from './contract-sheet.ts';
import { PAY_ITEM_COLUMN, PAY_NUMBER_COLUMNS, PAY_TEXT_COLUMNS, type PayItemColumn } from './paysheet-columns.ts';

// The pay sheet grid asks for one block at a time (issue 19): a county's computed sheet is
// ~15,000 lines (7.7 MiB of JSON). The summary carries everything the panel shows besides
// the lines; the page is one sorted, filtered block of them.

const sheetScope = { orgId: id('组织'), month };

/** A hash of the sheet's (personId, totalFen) pairs in line order: what 确认本月 was shown. */
export const shownToken = z.string({ error: '「显示标记」应为文字' }).regex(/^[0-9a-f]{32}$/, { error: '「显示标记」格式无效，请刷新工资表后再确认' });

const itemColumn = (what: string) =>
  z.string().regex(PAY_ITEM_COLUMN, { error: `「${what}」无效` }) as unknown as z.ZodType<PayItemColumn, PayItemColumn>;
const sortColumn = z.union([z.enum([...PAY_TEXT_COLUMNS, ...PAY_NUMBER_COLUMNS]), itemColumn('排序列')], { error: '「排序列」无效' });
const filter = z.discriminatedUnion('kind', [
  z.object({
    column: z.enum(PAY_TEXT_COLUMNS, { error: '「筛选列」无效' }), kind: z.literal('text'),
    type: z.enum(['contains', 'equals', 'startsWith'], { error: '「筛选方式」无效' }),
    value: z.string({ error: '「筛选值」应为文字' }).max(200, { error: '「筛选值」不能超过 200 个字符' }),
  }),
  z.object({
    column: z.union([z.enum(PAY_NUMBER_COLUMNS), itemColumn('筛选列')], { error: '「筛选列」无效' }), kind: z.literal('number'),
    type: z.enum(['equals', 'lessThan', 'greaterThan', 'inRange'], { error: '「筛选方式」无效' }),
    value: z.number({ error: '「筛选值」应为数字' }).finite({ error: '「筛选值」应为有限数字' }),
    to: z.number({ error: '「筛选上限」应为数字' }).finite({ error: '「筛选上限」应为有限数字' }).optional(),
  }),
], { error: '「筛选类型」无效' });
export type PayFilter = z.infer<typeof filter>;

export const PAY_MAX_BLOCK = 500;
// Static columns plus a generous number of item and deduction columns.
const MAX_CONDITIONS = 60;

const itemColumns = z.array(z.object({ key: z.string(), label: z.string() }));
const itemSums = z.object({ items: z.array(z.number().int()), deductions: z.array(z.number().int()) });

export const paySheetPageContract = {
  'salary.paySheetSummary': query('月度工资表概要（方案、状态、各社区与合计、各项目合计、未列入人员；不含明细行）', z.object(sheetScope),
    paySheet.omit({ lines: true }).extend({
      // The item and deduction columns in first-seen order (sheetItemColumns), and their sums
      // per community (in `communities` order) and over the sheet, aligned with them.
      columns: z.object({ items: itemColumns, deductions: itemColumns }),
      communityItems: z.array(itemSums.extend({ orgId: z.string() })),
      totalItems: itemSums,
      sealedCount: z.number().int(), lineCount: z.number().int(),
      shownToken: z.string(),
    })),
  'salary.paySheetPage': query('月度工资表的一段（服务器端排序、筛选、分段）', z
    .object({
      ...sheetScope,
      startRow: z.number({ error: '「起始行」应为数字' }).int({ error: '「起始行」应为整数' }).min(0, { error: '「起始行」不能小于 0' }),
      endRow: z.number({ error: '「结束行」应为数字' }).int({ error: '「结束行」应为整数' }).min(0, { error: '「结束行」不能小于 0' }),
      sort: z.array(z.object({ column: sortColumn, dir: z.enum(['asc', 'desc'], { error: '「排序方向」无效' }) }), { error: '「排序」应为列表' })
        .max(MAX_CONDITIONS, { error: '「排序」条件过多' }),
      filters: z.array(filter, { error: '「筛选」应为列表' }).max(MAX_CONDITIONS, { error: '「筛选」条件过多' }),
    })
    .refine((v) => v.endRow >= v.startRow && v.endRow - v.startRow <= PAY_MAX_BLOCK, {
      error: `「结束行」须不小于起始行，且一次最多 ${PAY_MAX_BLOCK} 行`, path: ['endRow'],
    }),
  z.object({ rows: z.array(payLine), rowCount: z.number().int() })),
};
