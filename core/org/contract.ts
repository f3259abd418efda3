import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id, optionalText, requiredText } from '../contract/fields.ts';
import { ORG_LEVELS } from '../codes/tables.ts';
import { ref, target } from '../guard/refs.ts';

export const orgLevel = z.enum(ORG_LEVELS);

export const orgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: orgLevel,
  name: z.string(),
  code: z.string(),
  codeEdition: z.string().nullable(),
  /** 本级工作人员单位: a street that keeps its own office staff on its roster. */
  staffUnit: z.boolean(),
  updatedAt: z.string(),
});
export type OrgUnit = z.infer<typeof orgUnit>;
// inScope: whether the caller may open the unit's records (false for the units above a scoped
// account, shown for orientation): unit pickers offer and start on these, not a renderer guess.
const orgTreeUnit = orgUnit.extend({ inScope: z.boolean() });
export type OrgTreeUnit = z.infer<typeof orgTreeUnit>;

const staffUnit = z.boolean({ error: '「本级工作人员单位」应为是或否' });

const code = z
  .string({ error: '「区划代码」必须填写' })
  .trim()
  .regex(/^\d{12}$/, { error: '「区划代码」应为 12 位数字的统计用区划代码' });

export const orgContract = {
  'org.tree': query('组织树（县—街道—社区），按区划代码排序', z.object({}).default({}), z.array(orgTreeUnit)),
  'org.create': mutation(
    '新建组织单位',
    z.object({
      parentId: ref('org_units', '上级单位').nullish().transform((v) => v ?? null),
      level: z.enum(ORG_LEVELS, { error: '「层级」应为县、街道或社区' }),
      name: requiredText('单位名称', 60),
      code,
      codeEdition: optionalText('区划代码版本', 10),
      staffUnit: staffUnit.default(false),
    }),
    orgUnit,
  ),
  'org.update': mutation(
    '修改组织单位名称、区划代码或本级工作人员标记',
    z.object({
      id: target('org_units', '单位编号'),
      name: requiredText('单位名称', 60),
      code,
      codeEdition: optionalText('区划代码版本', 10),
      // Omitted keeps the stored mark (a caller renaming a unit does not unmark it).
      staffUnit: staffUnit.optional(),
    }),
    orgUnit,
  ),
};
