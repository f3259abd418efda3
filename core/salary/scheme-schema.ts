import { z } from 'zod';
import { target } from '../guard/refs.ts';
import { id, isoDate, optionalText, requiredText } from '../contract/fields.ts';
import { POST_CATEGORIES, SW_QUALIFICATIONS } from '../codes/tables.ts';
import { allowance, coefficient, deduction, EDUCATION_KEYS, fen, int, levelBonus, performancePay, postPay, probation, stepRules, strict } from './scheme-components.ts';

// The shape of one pay scheme version. Nothing here carries an official amount: every
// number is entered by county staff (the shipped sample is marked 示例).

export { EDUCATION_KEYS, fen, coefficient } from './scheme-components.ts';
export const GRADE_ACTIONS = ['advance', 'hold', 'demote'] as const;
export const GRADE_ACTION_LABELS: Record<(typeof GRADE_ACTIONS)[number], string> = { advance: '晋级', hold: '暂缓', demote: '降级' };
export const LEVEL_REASONS = ['初次定级', '到期晋级', '提前晋级', '一次性加级', '学历提升', '取证', '岗位变动', '考核降级', '人工调整'] as const;
export type LevelReason = (typeof LEVEL_REASONS)[number];

const post = strict('岗位', {
  name: requiredText('岗位名称', 20),
  // Which roster 岗位类别 grades into this post; a 四岗 scheme may leave extra posts unmapped.
  category: z.enum(POST_CATEGORIES, { error: '「对应岗位类别」应为正职、副职或其他' }).nullable().default(null),
  minLevel: int('起点级', 1, 100),
  maxLevel: int('最高级', 1, 100),
});

const amountModel = z.discriminatedUnion(
  'kind',
  [
    strict('等级工资', {
      kind: z.literal('table'),
      // One row per post; amounts[i] is level i+1 in fen per month, null outside the post's band.
      rows: z.array(strict('对照表行', { post: requiredText('岗位名称', 20), amounts: z.array(fen('月额').nullable()) })),
    }),
    strict('等级工资', {
      kind: z.literal('coefficient'),
      baseFen: fen('工资基数'),
      // Where the base comes from, e.g. "2018 西安城镇常住居民人均可支配收入 38,724 元/年", and its edition.
      baseSource: optionalText('基数来源', 120),
      baseEdition: optionalText('基数版本', 30),
      // coefficients[i] is level i+1; one shared scale for every post unless the post has its own.
      coefficients: z.array(coefficient('等级系数').nullable()),
      // A coefficient per (post, level) where posts differ (西安 2019); a listed post replaces the shared scale.
      postCoefficients: z.array(strict('岗位等级系数', { post: requiredText('岗位名称', 20), coefficients: z.array(coefficient('等级系数').nullable()) })).default([]),
    }),
    // No level amount: pay is made of the other components only (陕西 2015: base by 学历).
    strict('等级工资', { kind: z.literal('none') }),
  ],
  { error: '「金额模式」应为对照表、基数×系数或不设等级工资' },
);

export const schemeConfig = strict('方案配置', {
  levelCount: int('级数', 1, 60),
  posts: z.array(post).min(1, { error: '「岗位」至少一个' }).max(10, { error: '「岗位」最多 10 个' }),
  amountModel,
  postPay: z.array(postPay).default([]),
  stepYears: int('晋级间隔年数', 1, 10),
  stepRules: stepRules.default({ failedYear: 'notCounted', earlyStep: null, demoteAfter: null }),
  educationCredits: z.array(strict('学历视同年限', {
    education: z.enum(EDUCATION_KEYS, { error: '「学历」应为大专、本科、硕士或博士' }),
    years: int('视同工作年限', 0, 20),
  })),
  countPartTimeEducation: z.boolean({ error: '「在职学历是否计入」应为是或否' }).default(true),
  qualificationCredits: z.array(strict('职业资格', {
    qualification: z.enum(SW_QUALIFICATIONS, { error: '「职业资格」应为助理社工师、社工师或高级社工师' }),
    kind: z.enum(['levels', 'allowance'], { error: '「资格计入方式」应为加级或津贴' }),
    levels: int('加级数', 0, 10).default(0),
    allowanceFen: fen('资格津贴月额').default(0),
  })),
  levelBonuses: z.array(levelBonus).max(10, { error: '「一次性加级」最多 10 项' }).default([]),
  allowances: z.array(allowance).max(20, { error: '「津贴」最多 20 项' }),
  probation: probation.nullable().default(null),
  performanceKind: z.enum(['coefficient', 'amount'], { error: '「绩效方式」应为系数或金额' }),
  performancePay: performancePay.default({ mode: 'grade', withheldPercent: 0, monthlyFen: 0, yearlyFen: 0, settlementGrades: [], postCoefficients: [] }),
  grades: z.array(strict('考核等次', {
    grade: requiredText('考核等次', 10),
    action: z.enum(GRADE_ACTIONS, { error: '「晋级规则」应为晋级、暂缓或降级' }),
    // A coefficient of the month's base amount, or an amount in fen, per `performanceKind`.
    performance: z.number({ error: '「绩效系数或金额」必须填写' }).min(0, { error: '「绩效系数或金额」不能为负数' }),
  })).min(1, { error: '「考核等次」至少一个' }),
  deductions: z.array(deduction).max(10, { error: '「代扣项目」最多 10 项' }).default([]),
});
export type SchemeConfig = z.output<typeof schemeConfig>;
export type SchemeConfigInput = z.input<typeof schemeConfig>;
export type SchemePost = SchemeConfig['posts'][number];

export const schemeFields = {
  orgId: id('发文单位'),
  name: requiredText('方案名称', 60),
  docNo: optionalText('文号', 60),
  effectiveDate: isoDate('生效日期'),
  sample: z.boolean({ error: '「示例」应为是或否' }).default(false),
  config: schemeConfig,
};
// The id names the stored version this save overwrites: the guard checks its own unit, origin and seal.
export const schemeInput = z.object({ id: target('salary_schemes', '方案编号').optional(), ...schemeFields });
export type SchemeInput = z.input<typeof schemeInput>;

export const schemeRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  name: z.string(),
  docNo: z.string().nullable(),
  effectiveDate: z.string(),
  sample: z.boolean(),
  config: schemeConfig,
  updatedAt: z.string(),
});
export type SchemeRecord = z.infer<typeof schemeRecord>;
