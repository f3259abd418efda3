import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { oneOf, optionalText, requiredText } from '../contract/fields.ts';
import { POST_CATEGORIES, POSTS } from '../codes/tables.ts';
import { REQUIREMENT_UNITS, TRAINING_LEVELS } from './codes.ts';
import { amount, optionalChoice, yearFilter } from './fields.ts';

export const ruleInput = z.object({
  year: yearFilter.nullish().transform((v) => v ?? null),
  post: optionalChoice('职务', POSTS),
  postCategory: optionalChoice('岗位类别', POST_CATEGORIES),
  unit: oneOf('计量单位', REQUIREMENT_UNITS),
  amount: amount('要求数量').positive({ error: '「要求数量」必须大于 0' }).max(2000, { error: '「要求数量」过大' }),
  minLevel: optionalChoice('最低层级', TRAINING_LEVELS),
  isSample: z.boolean().default(false),
  remarks: optionalText('备注', 500),
});

export const ruleRecord = z.object({
  id: z.string(),
  year: z.number().int().nullable(),
  post: z.string().nullable(),
  postCategory: z.string().nullable(),
  unit: z.enum(REQUIREMENT_UNITS),
  amount: z.number(),
  minLevel: z.string().nullable(),
  isSample: z.boolean(),
  sortOrder: z.number().int(),
  remarks: z.string().nullable(),
  /** e.g. 县级及以上培训不少于 7 天（示例） */
  label: z.string(),
  /** e.g. 书记, or 其他所有人员 */
  audience: z.string(),
});
export type RuleRecord = z.infer<typeof ruleRecord>;

// editable: whether the caller may save these installation-wide settings (role, and the top unit
// they are kept on being in its scope and this installation's), so the page need not guess.
const categoriesOut = z.object({ names: z.array(z.string()), isDefault: z.boolean(), editable: z.boolean() });
const rulesOut = z.object({ rules: z.array(ruleRecord), isDefault: z.boolean(), editable: z.boolean() });

export const trainingConfigContract = {
  'training.categories.list': query('培训类别列表（可编辑）', z.object({}).default({}), categoriesOut),
  'training.categories.save': mutation(
    '保存培训类别列表（整表替换；已被班次使用的类别不能删除）',
    z.object({ names: z.array(requiredText('类别', 20)).min(1, { error: '「类别」至少保留一项' }).max(50) }),
    categoriesOut,
  ),
  'training.requirements.list': query('年度培训要求规则（未修改时为示例规则）', z.object({}).default({}), rulesOut),
  'training.requirements.save': mutation(
    '保存年度培训要求规则（整表替换，按顺序）',
    z.object({ rules: z.array(ruleInput).max(200) }),
    rulesOut,
  ),
};
