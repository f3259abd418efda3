import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id, isoDate, optionalText, requiredText } from '../contract/fields.ts';
import { ref, target } from '../guard/refs.ts';
import { levelEntry } from './contract.ts';

// Grading as offices do it (issue 15 §4): a whole unit at once, corrections of a wrong
// initial grading, and pay-post changes proposed from the roster's post changes.

const levelNo = z.number({ error: '「级别」必须填写' }).int({ error: '「级别」应为整数' }).min(1, { error: '「级别」不能小于 1' });
const gradingStep = z.object({ rule: z.string(), levels: z.number(), text: z.string() });

const batchRow = z.object({
  personId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), postCategory: z.string(),
  // grade: will be graded as shown; graded: already has a level record (left as it is); error: cannot be graded, see message.
  status: z.enum(['grade', 'graded', 'error']),
  post: z.string().nullable(), level: z.number().nullable(), steps: z.array(gradingStep), message: z.string().nullable(),
});
export type BatchGradingRow = z.infer<typeof batchRow>;

const batchScope = { orgId: id('组织'), effectiveDate: isoDate('定级日期') };

const postProposal = z.object({
  personId: z.string(), name: z.string(), orgName: z.string(), postCategory: z.string(),
  fromPost: z.string(), fromLevel: z.number(), toPost: z.string(), toLevel: z.number(), effectiveDate: z.string(), explanation: z.string(),
});
export type PostProposal = z.infer<typeof postProposal>;

export const salaryGradingContract = {
  'salary.gradingDefaults': query('定级日期的默认值（当月 1 日或方案生效日期，不取今天）', z.object({}).default({}), z.object({ effectiveDate: z.string() })),
  'salary.batchGradingPreview': query('批量定级测算：单位内每名在岗人员的岗位、级别与逐步说明', z.object(batchScope), z.object({
    schemeId: z.string(), schemeName: z.string(), effectiveDate: z.string(), rows: z.array(batchRow),
  })),
  'salary.batchGrade': mutation('批量办理初次定级（一次写入；与测算不符即整体退回）', z.object({
    ...batchScope, approver: optionalText('审批人', 30), note: optionalText('备注', 200),
    people: z.array(z.object({ personId: target('people', '人员编号'), post: requiredText('岗位', 20), level: levelNo }))
      .min(1, { error: '「定级人员」至少选择一人' }),
  }), z.object({ written: z.number() })),
  'salary.correctGrading': mutation('更正初次定级（须说明原因；已确认月份的差额在下一个未确认月份补发或扣回）', z.object({
    id: target('salary_level_history', '初次定级记录'), post: requiredText('岗位', 20), level: levelNo,
    effectiveDate: isoDate('定级日期'), reason: requiredText('更正原因', 200),
  }), z.object({ id: z.string(), post: z.string(), level: z.number(), effectiveDate: z.string() })),
  // The bonus is named by its reason in the scheme in effect on the date; its levels come from the scheme, not the caller.
  'salary.applyLevelBonus': mutation('办理一次性加级（按方案所列事由与加级数，以岗位最高级封顶；追加薪级记录）', z.object({
    personId: target('people', '人员编号'), reason: requiredText('加级事由', 40), effectiveDate: isoDate('生效日期'),
    approver: optionalText('审批人', 30), note: optionalText('备注', 200),
  }), levelEntry.extend({ fromLevel: z.number(), capped: z.boolean(), message: z.string() })),
  // The server picks the version (schemeOn, every unit's versions), so the panel offers what applyLevelBonus accepts.
  'salary.levelBonuses': query('某日生效的薪酬方案所列一次性加级事由', z.object({ personId: ref('people', '人员编号'), effectiveDate: isoDate('生效日期') }), z.object({
    schemeId: z.string().nullable(), schemeName: z.string().nullable(), bonuses: z.array(z.object({ reason: z.string(), levels: z.number() })),
  })),
  'salary.postProposals': query('花名册岗位类别已变、薪酬岗位未跟随的人员（建议办理岗位变动）', z.object({ orgId: id('组织') }), z.array(postProposal)),
};
