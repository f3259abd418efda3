import { z } from 'zod';
import { requiredText } from '../../contract/fields.ts';
import { ref, target, type GuardedTable } from '../../guard/refs.ts';

// Field builders shared by the 共建 and 网格 contracts; every message names the field.

export const UNIT_KINDS = ['机关', '事业单位', '国有企业', '非公企业', '社会组织', '学校', '医疗机构', '驻区部队', '物业企业', '其他'] as const;
/** The 8 service categories of the 中江县 双报到 forms (domain-2 §4.2). */
export const SERVICE_CATEGORIES = ['组织建设', '法律咨询与援助', '助困扶残与就业援助', '社区治理', '健康医疗', '文化体育', '安全宣传与治安巡逻', '其他'] as const;
export const FOLLOW_UP_STATUSES = ['已办结', '办理中', '未办理'] as const;

export function count(label: string) {
  return z
    .number({ error: `「${label}」应为数字` })
    .int({ error: `「${label}」应为整数` })
    .min(0, { error: `「${label}」不能为负数` })
    .max(1_000_000, { error: `「${label}」数值过大` });
}

export function area(label: string) {
  return z.number({ error: `「${label}」应为数字` }).min(0, { error: `「${label}」不能为负数` }).max(10_000_000, { error: `「${label}」数值过大` });
}

/** A calendar quarter written `2026-Q1`. */
export function quarter(label: string) {
  return z.string({ error: `「${label}」必须填写` }).regex(/^\d{4}-Q[1-4]$/, { error: `「${label}」应写作 2026-Q1 的形式` });
}

/** A list of ids of records the operation links to (each one checked by the record guard). */
export function idList(table: GuardedTable, label: string, max = 200) {
  return z.array(ref(table, label), { error: `「${label}」应为列表` }).max(max, { error: `「${label}」最多 ${max} 项` }).default([]);
}

export function textList(label: string, maxLen = 100, max = 200) {
  return z.array(requiredText(label, maxLen), { error: `「${label}」应为列表` }).max(max, { error: `「${label}」最多 ${max} 项` }).default([]);
}

export function choiceList<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z
    .array(z.enum(values, { error: (iss) => `「${label}」的值“${String(iss.input ?? '')}”不在代码表中` }), { error: `「${label}」应为列表` })
    .max(values.length, { error: `「${label}」有重复` })
    .default([]);
}

export const removeInput = (table: GuardedTable, label: string) => z.object({ id: target(table, label), reason: requiredText('删除原因', 200) });
export const removed = z.object({ id: z.string(), removed: z.literal(true) });
