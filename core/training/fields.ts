import { z } from 'zod';

export function amount(label: string, opts: { int?: boolean } = {}) {
  const base = z.number({ error: `「${label}」应为数字` });
  return opts.int ? base.int({ error: `「${label}」应为整数` }) : base;
}

export const yearFilter = amount('年度', { int: true }).min(1900, { error: '「年度」无效' }).max(2999, { error: '「年度」无效' });

/** A code that may be left empty; a missing key, null and '' all mean "not set". */
export function optionalChoice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z
    .union([z.enum(values, { error: (iss) => `「${label}」的值“${String(iss.input ?? '')}”不在代码表中` }), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v ? (v as T[number]) : null));
}
