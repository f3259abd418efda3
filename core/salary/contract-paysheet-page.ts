import { z } from 'zod';
import { query } from '../contract/op.ts';
import { id } from '../contract/fields.ts';
import { columnFilter, keyedColumn, pageRequest } from '../paging/contract.ts';
import { month, payLine, paySheet } from './contract-sheet.ts';
import { PAY_ITEM_COLUMN, PAY_NUMBER_COLUMNS, PAY_TEXT_COLUMNS, type PayItemColumn } from './paysheet-columns.ts';

// The pay sheet grid asks for one block at a time (issue 19): a county's computed sheet is
// ~15,000 lines (7.7 MiB of JSON). The summary carries everything the panel shows besides
// the lines; the page is one sorted, filtered block of them.

const sheetScope = { orgId: id('组织'), month };

/** A hash of the sheet's (personId, totalFen) pairs in line order: what 确认本月 was shown. */
export const shownToken = z.string({ error: '「显示标记」应为文字' }).regex(/^[0-9a-f]{32}$/, { error: '「显示标记」格式无效，请刷新工资表后再确认' });

const itemColumn = (what: string) => keyedColumn<PayItemColumn>(PAY_ITEM_COLUMN, what);
const sortColumn = z.union([z.enum([...PAY_TEXT_COLUMNS, ...PAY_NUMBER_COLUMNS]), itemColumn('排序列')], { error: '「排序列」无效' });
const filter = columnFilter(
  z.enum(PAY_TEXT_COLUMNS, { error: '「筛选列」无效' }),
  z.union([z.enum(PAY_NUMBER_COLUMNS), itemColumn('筛选列')], { error: '「筛选列」无效' }),
);
export type PayFilter = z.infer<typeof filter>;

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
  'salary.paySheetPage': query('月度工资表的一段（服务器端排序、筛选、分段）', pageRequest(sheetScope, sortColumn, filter, MAX_CONDITIONS),
  z.object({ rows: z.array(payLine), rowCount: z.number().int() })),
};
