import { z } from 'zod';
import { query } from '../contract/op.ts';
import { id } from '../contract/fields.ts';
import { columnFilter, pageRequest } from '../paging/contract.ts';
import { SETTLEMENT_NUMBER_COLUMNS, SETTLEMENT_TEXT_COLUMNS } from './settlement-columns.ts';

// The year-end 绩效 settlement's shapes, and its grid block by block (issue 19): a county's
// settlement is ~15,000 lines. The summary carries everything the panel shows besides the
// lines; the page is one sorted, filtered block of them. Apart from contract.ts so the page
// contract can use the shapes without an import cycle.

export const year = z.number({ error: '「年度」必须填写' }).int({ error: '「年度」应为整数' }).min(2000, { error: '「年度」不能早于 2000' }).max(2100, { error: '「年度」不能晚于 2100' });

// The withheld pool (and any yearly amount) × grade × post coefficient.
export const settlementLine = z.object({
  personId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), post: z.string(), grade: z.string().nullable(),
  months: z.number().int(), withheldFen: z.number().int(), yearlyFen: z.number().int(),
  gradeCoefficient: z.number().nullable(), postCoefficient: z.number(), amountFen: z.number().int(), note: z.string().nullable(),
  sealed: z.object({ orgId: z.string(), orgName: z.string(), confirmedAt: z.string(), confirmedBy: z.string() }).nullable(),
});
export type SettlementLine = z.infer<typeof settlementLine>;
export const settlement = z.object({
  year: z.number(), orgId: z.string(), orgName: z.string(), status: z.enum(['draft', 'confirmed']),
  confirmedAt: z.string().nullable(), confirmedBy: z.string().nullable(),
  scheme: z.object({ id: z.string(), name: z.string(), sample: z.boolean() }),
  lines: z.array(settlementLine),
  totals: z.object({ count: z.number().int(), withheldFen: z.number().int(), amountFen: z.number().int() }),
});
export type Settlement = z.infer<typeof settlement>;
export const settlementScope = z.object({ orgId: id('组织'), year });

const columns = [...SETTLEMENT_TEXT_COLUMNS, ...SETTLEMENT_NUMBER_COLUMNS] as const;
const filter = columnFilter(z.enum(SETTLEMENT_TEXT_COLUMNS, { error: '「筛选列」无效' }), z.enum(SETTLEMENT_NUMBER_COLUMNS, { error: '「筛选列」无效' }));
export type SettlementFilter = z.infer<typeof filter>;

export const settlementPageContract = {
  'salary.settlementSummary': query('年终绩效结算概要（年度、状态、方案、合计、人数；不含明细行）', settlementScope,
    settlement.omit({ lines: true }).extend({ lineCount: z.number().int() })),
  'salary.settlementPage': query('年终绩效结算的一段（服务器端排序、筛选、分段）',
    pageRequest(settlementScope.shape, z.enum(columns, { error: '「排序列」无效' }), filter, columns.length),
  z.object({ rows: z.array(settlementLine), rowCount: z.number().int() })),
};
