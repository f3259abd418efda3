import { z } from 'zod';
import { isRealIsoDate } from '../roster/dates.ts';

// Field builders whose every message names the field in Chinese, so an error coming from
// the API, the form or an import row reads the same: 「字段」原因.

export const id = (label: string) => z.string({ error: `「${label}」缺失` }).uuid({ error: `「${label}」不是有效的编号` });

export function requiredText(label: string, max = 100) {
  return z
    .string({ error: `「${label}」必须填写` })
    .trim()
    .min(1, { error: `「${label}」必须填写` })
    .max(max, { error: `「${label}」不能超过 ${max} 个字符` });
}

export function optionalText(label: string, max = 200) {
  return z
    .string({ error: `「${label}」应为文字` })
    .trim()
    .max(max, { error: `「${label}」不能超过 ${max} 个字符` })
    .nullish()
    .transform((v) => (v ? v : null));
}

export function isoDate(label: string) {
  return z
    .string({ error: `「${label}」必须填写` })
    // An empty required date is a missing value, not a malformed one.
    .min(1, { error: `「${label}」必须填写`, abort: true })
    .refine(isRealIsoDate, { error: `「${label}」不是有效日期（格式应为 YYYY-MM-DD）` });
}

export function optionalIsoDate(label: string) {
  return z
    .string({ error: `「${label}」应为日期` })
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isRealIsoDate(v), { error: `「${label}」不是有效日期（格式应为 YYYY-MM-DD）` });
}

export function oneOf<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: (iss) => `「${label}」的值“${String(iss.input ?? '')}”不在代码表中` });
}
