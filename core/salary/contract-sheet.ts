import { z } from 'zod';

// The monthly pay sheet's shapes and the month field, apart from the operations so the paged
// sheet's contract (contract-paysheet-page.ts) can use them without an import cycle.

export const month = z.string({ error: '「月份」必须填写' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '「月份」格式应为 YYYY-MM' });

export const payCorrection = z.object({
  month: z.string(), kind: z.enum(['补发', '扣回']), amountFen: z.number().int(), reason: z.string(),
  // The 预留 share of the difference: not paid now, added to the open month's withheldFen for the
  // year-end settlement. Absent on corrections stored before it was carried.
  withheldFen: z.number().int().optional(),
});
export type PayCorrection = z.infer<typeof payCorrection>;

// One 应发 or deduction item of a line, in fen. Item keys name the component: 'level' (等级工资),
// 'postPay' (岗位工资), 'postAllowance' (岗位津贴), 'probation' (试用期工资), 'allowance.<name>'
// (an allowance chosen by the person's attributes, or a fixed one), 'performance' (月度绩效);
// deductions use 'socialInsurance', 'housingFund' or 'deduction.<label>'.
export const payItem = z.object({ key: z.string(), label: z.string(), fen: z.number().int() });
export type PayItem = z.infer<typeof payItem>;

export const payLine = z.object({
  personId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), post: z.string(), level: z.number(), grade: z.string().nullable(),
  // The old three totals stay: baseFen = the standard pay (等级工资 + 岗位工资 + 岗位津贴, or the
  // 试用期工资) less the withheld 预留 share (a negative item), allowancesFen = the allowances chosen
  // by the person's attributes, performanceFen = monthly performance. `items` breaks them down
  // (show those, not baseFen, as columns): their sum is baseFen + allowancesFen + performanceFen.
  baseFen: z.number().int(), allowances: z.array(z.object({ name: z.string(), amountFen: z.number().int() })), allowancesFen: z.number().int(),
  performanceFen: z.number().int(),
  // 应发合计: items + corrections.
  totalFen: z.number().int(), note: z.string().nullable(),
  items: z.array(payItem),
  // Personal social insurance / housing fund withheld from 应发; netFen (实发) = totalFen − deductionsFen.
  deductions: z.array(payItem), deductionsFen: z.number().int(), netFen: z.number().int(),
  // The share of the month's standard pay withheld for the year-end 绩效 settlement (not in totalFen).
  withheldFen: z.number().int(),
  // 补发 / 扣回 for earlier sealed months of this person, inside totalFen.
  corrections: z.array(payCorrection), correctionFen: z.number().int(),
  // Set when the person-month was confirmed by another unit's sheet: these are its frozen figures.
  sealed: z.object({ orgId: z.string(), orgName: z.string(), confirmedAt: z.string(), confirmedBy: z.string() }).nullable(),
});
export type PayLine = z.infer<typeof payLine>;
export const sums = {
  count: z.number().int(), baseFen: z.number().int(), allowancesFen: z.number().int(), performanceFen: z.number().int(),
  correctionFen: z.number().int(), totalFen: z.number().int(), deductionsFen: z.number().int(), netFen: z.number().int(),
};
export const paySheet = z.object({
  month: z.string(), orgId: z.string(), orgName: z.string(), status: z.enum(['draft', 'confirmed']),
  confirmedAt: z.string().nullable(), confirmedBy: z.string().nullable(),
  scheme: z.object({ id: z.string(), name: z.string(), sample: z.boolean() }),
  lines: z.array(payLine),
  communities: z.array(z.object({ orgId: z.string(), orgName: z.string(), ...sums })),
  totals: z.object(sums),
  missing: z.array(z.object({ personId: z.string(), name: z.string(), orgName: z.string(), reason: z.string() })),
});
export type PaySheet = z.infer<typeof paySheet>;
