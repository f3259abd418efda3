import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id, isoDate, optionalText, requiredText } from '../contract/fields.ts';
import { ref, target } from '../guard/refs.ts';
import { month, paySheet } from './contract-sheet.ts';
import { paySheetPageContract, shownToken } from './contract-paysheet-page.ts';
import { settlement, settlementPageContract, settlementScope, year } from './contract-settlement.ts';
import { LEVEL_REASONS, schemeConfig, schemeInput, schemeRecord } from './scheme-schema.ts';

const approver = optionalText('审批人', 30);
const levelNo = z.number({ error: '「级别」必须填写' }).int({ error: '「级别」应为整数' }).min(1, { error: '「级别」不能小于 1' });

export const ASSESSMENT_GRADES = ['优秀', '称职', '基本称职', '不称职', '合格', '基本合格', '不合格'] as const;

const schemeSummary = schemeRecord.omit({ config: true }).extend({
  levelCount: z.number(), posts: z.array(z.string()), amountKind: z.enum(['table', 'coefficient', 'none']), stepYears: z.number(),
});

export const levelEntry = z.object({
  id: z.string(), personId: z.string(), schemeId: z.string(), schemeName: z.string(), post: z.string(), level: z.number(),
  effectiveDate: z.string(), reason: z.string(), approver: z.string(), note: z.string().nullable(), runId: z.string().nullable(), createdAt: z.string(),
});
export type LevelEntry = z.infer<typeof levelEntry>;

const gradingStep = z.object({ rule: z.string(), levels: z.number(), text: z.string() });

const proposal = z.object({
  personId: z.string(), name: z.string(), orgName: z.string(), action: z.enum(['advance', 'demote', 'none', 'skip']),
  post: z.string().nullable(), fromLevel: z.number().nullable(), toLevel: z.number().nullable(),
  reason: z.string().nullable(), explanation: z.string(), grade: z.string().nullable(),
});
export type ProposalRow = z.infer<typeof proposal>;

const promotionScope = { orgId: id('组织'), year, effectiveDate: isoDate('晋级生效日期').optional() };

const sheetScope = z.object({ orgId: id('组织'), month });

export type { PayCorrection, PayItem, PayLine, PaySheet } from './contract-sheet.ts';
export type { Settlement, SettlementLine } from './contract-settlement.ts';

export const salaryContract = {
  'salary.sampleScheme': query('示例薪酬方案（三岗十八级骨架，金额仅为示例）', z.object({}).default({}), z.object({ name: z.string(), config: schemeConfig })),
  'salary.sampleSchemes': query('真实地方薪酬方案示例（翔安 2013、陕西 2015、山东、西安 2019，可复制后修改）', z.object({}).default({}), z.array(z.object({
    key: z.string(), name: z.string(), docNo: z.string().nullable(), source: z.string(), config: schemeConfig,
  }))),
  'salary.schemes': query('薪酬方案版本列表（按生效日期）', z.object({}).default({}), z.array(schemeSummary)),
  'salary.scheme': query('读取一个薪酬方案版本', z.object({ id: ref('salary_schemes', '方案编号') }), schemeRecord.extend({
    warnings: z.array(z.object({ post: z.string(), level: z.number() })),
    // The first confirmed month paid under this version: it can then only be copied, not edited.
    confirmedMonth: z.string().nullable(),
  })),
  'salary.saveScheme': mutation('新增或修改薪酬方案版本（已确认的月份不受影响）', schemeInput, schemeRecord),
  'salary.copyScheme': mutation('复制一个版本作为新版本的起点', z.object({
    id: ref('salary_schemes', '方案编号'), effectiveDate: isoDate('生效日期'), name: requiredText('方案名称', 60).optional(), docNo: optionalText('文号', 60),
  }), schemeRecord),
  'salary.setGrades': mutation('手工录入年度考核等次（供晋级与绩效使用；考核模块已确认的结果优先于手工录入）', z.object({
    year,
    source: optionalText('来源', 30),
    grades: z.array(z.object({
      personId: ref('people', '人员编号'),
      grade: z.enum(ASSESSMENT_GRADES, { error: (i) => `「考核等次」“${String(i.input ?? '')}”应为优秀、称职、基本称职、不称职（或合格、基本合格、不合格）` }),
      note: optionalText('备注', 200),
    })).min(1, { error: '「考核结果」至少一条' }),
  }), z.object({ count: z.number() })),
  'salary.grades': query('读取某年度手工录入的考核等次（已确认的考核结果见 assessment.results，优先生效）', z.object({ year, orgId: id('组织').nullish() }), z.array(z.object({
    personId: z.string(), name: z.string(), orgName: z.string(), year: z.number(), grade: z.string(), source: z.string(), note: z.string().nullable(),
  }))),
  'salary.gradingPreview': query('初次定级测算（逐步说明）', z.object({
    personId: ref('people', '人员编号'), effectiveDate: isoDate('定级日期'), post: optionalText('岗位', 20),
  }), z.object({ schemeId: z.string(), schemeName: z.string(), post: z.string(), level: z.number(), steps: z.array(gradingStep) })),
  'salary.gradeInitial': mutation('办理初次定级（写入薪级记录）', z.object({
    personId: target('people', '人员编号'), effectiveDate: isoDate('定级日期'), post: optionalText('岗位', 20), approver, note: optionalText('备注', 200),
  }), levelEntry.extend({ steps: z.array(gradingStep) })),
  'salary.setLevel': mutation('调整岗位或薪级（追加记录，不覆盖历史）', z.object({
    personId: target('people', '人员编号'), post: requiredText('岗位', 20), level: levelNo, effectiveDate: isoDate('生效日期'),
    reason: z.enum(LEVEL_REASONS, { error: '「调整原因」应为初次定级、到期晋级、提前晋级、一次性加级、学历提升、取证、岗位变动、考核降级或人工调整' }),
    approver, note: requiredText('备注', 200),
  }), levelEntry),
  'salary.history': query('一名人员的薪级记录（按生效日期）', z.object({ personId: ref('people', '人员编号') }), z.array(levelEntry)),
  'salary.promotionPreview': query('年度晋级预览（按规则、上次调级以来年限与考核结果）', z.object(promotionScope), z.object({
    year: z.number(), effectiveDate: z.string(), scheme: z.object({ id: z.string(), name: z.string() }),
    approvedRunId: z.string().nullable(), proposals: z.array(proposal),
  })),
  'salary.approvePromotion': mutation('审批年度晋级（一次写入全部薪级记录）', z.object({
    ...promotionScope, approver, note: optionalText('备注', 200),
    excluded: z.array(z.object({ personId: ref('people', '人员编号'), note: requiredText('排除说明', 200) })).default([]),
    adjusted: z.array(z.object({ personId: ref('people', '人员编号'), toLevel: levelNo, note: requiredText('调整说明', 200) })).default([]),
  }), z.object({ runId: z.string(), written: z.number(), proposals: z.array(proposal) })),
  'salary.paySheet': query('月度工资表（按当月生效的方案与薪级；已确认的月份读取冻结数据）', sheetScope, paySheet),
  'salary.confirmMonth': mutation('确认月度工资表（冻结，之后修改规则不再影响该月；每人每月只有一个确认金额）', sheetScope.extend({
    // What the user saw when pressing 确认: a figure that no longer holds is refused, not silently replaced.
    shown: z.array(z.object({ personId: ref('people', '人员编号'), totalFen: z.number({ error: '「应发合计」应为数字' }).int() })).optional(),
    // The paged grid no longer holds every line: it sends the summary's token for the lines it showed.
    shownToken: shownToken.optional(),
  }), paySheet),
  'salary.settlement': query('年终绩效结算（预留绩效或年度奖励 × 当年确认的考核等次系数；已确认的读取冻结数据）', settlementScope, settlement),
  'salary.confirmSettlement': mutation('确认年终绩效结算（冻结，之后不再改变）', settlementScope.extend({
    // The total the user saw: a figure that no longer holds is refused, not silently replaced.
    shownTotalFen: z.number({ error: '「结算合计」应为数字' }).int({ error: '「结算合计」应为整数（分）' }).optional(),
  }), settlement),
  'salary.exportSettlement': query('导出年终绩效结算为 Excel（base64）', settlementScope, z.object({ fileName: z.string(), base64: z.string() })),
  'salary.exportPaySheet': query('导出月度工资表为 Excel（base64）', sheetScope, z.object({ fileName: z.string(), base64: z.string() })),
  ...paySheetPageContract,
  ...settlementPageContract,
};
