import { z } from 'zod';
import { target } from '../guard/refs.ts';
import { id, isoDate, optionalText, requiredText } from '../contract/fields.ts';
import { POST_CATEGORIES, SW_QUALIFICATIONS } from '../codes/tables.ts';
import { coefUnits } from './money.ts';

// The shape of one pay scheme version. Nothing here carries an official amount: every
// number is entered by county staff (the shipped sample is marked 示例).

export const EDUCATION_KEYS = ['大专', '本科', '硕士', '博士'] as const;
export const GRADE_ACTIONS = ['advance', 'hold', 'demote'] as const;
export const GRADE_ACTION_LABELS: Record<(typeof GRADE_ACTIONS)[number], string> = { advance: '晋级', hold: '暂缓', demote: '降级' };
export const LEVEL_REASONS = ['初次定级', '到期晋级', '学历提升', '取证', '岗位变动', '考核降级', '人工调整'] as const;
export type LevelReason = (typeof LEVEL_REASONS)[number];

const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `「${label}」必须填写` })
    .int({ error: `「${label}」应为整数` })
    .min(min, { error: min === 0 ? `「${label}」不能为负数` : `「${label}」不能小于 ${min}` })
    .max(max, { error: `「${label}」不能大于 ${max}` });

/** An amount in fen: present, whole, not negative. */
export const fen = (label: string) => int(label, 0, 100_000_000);

/** A coefficient: present, not negative, at most 4 decimals. */
export const coefficient = (label: string) =>
  z
    .number({ error: `「${label}」必须填写` })
    .min(0, { error: `「${label}」不能为负数` })
    .max(1000, { error: `「${label}」不能大于 1000` })
    .refine((v) => coefUnits(v) !== null, { error: `「${label}」最多保留 4 位小数` });

const post = z.object({
  name: requiredText('岗位名称', 20),
  // Which roster 岗位类别 grades into this post; a 四岗 scheme may leave extra posts unmapped.
  category: z.enum(POST_CATEGORIES, { error: '「对应岗位类别」应为正职、副职或其他' }).nullable().default(null),
  minLevel: int('起点级', 1, 100),
  maxLevel: int('最高级', 1, 100),
});

const amountModel = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('table'),
      // One row per post; amounts[i] is level i+1 in fen per month, null outside the post's band.
      rows: z.array(z.object({ post: requiredText('岗位名称', 20), amounts: z.array(fen('月额').nullable()) })),
    }),
    z.object({
      kind: z.literal('coefficient'),
      baseFen: fen('工资基数'),
      // coefficients[i] is level i+1; one shared scale for every post.
      coefficients: z.array(coefficient('等级系数').nullable()),
    }),
  ],
  { error: '「金额模式」应为对照表或基数×系数' },
);

const allowance = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('fixed'), name: requiredText('津贴名称', 30), amountFen: fen('津贴月额') }),
    z.object({
      kind: z.literal('seniority'),
      name: requiredText('津贴名称', 30),
      bands: z.array(z.object({ minYears: int('年限下限', 0, 60), amountFen: fen('津贴月额') })).min(1, { error: '「年限档次」至少一档' }),
    }),
  ],
  { error: '「津贴类型」应为固定或按年限' },
);

export const schemeConfig = z.object({
  levelCount: int('级数', 2, 60),
  posts: z.array(post).min(1, { error: '「岗位」至少一个' }).max(10, { error: '「岗位」最多 10 个' }),
  amountModel,
  stepYears: int('晋级间隔年数', 1, 10),
  educationCredits: z.array(z.object({
    education: z.enum(EDUCATION_KEYS, { error: '「学历」应为大专、本科、硕士或博士' }),
    years: int('视同工作年限', 0, 20),
  })),
  countPartTimeEducation: z.boolean({ error: '「在职学历是否计入」应为是或否' }).default(true),
  qualificationCredits: z.array(z.object({
    qualification: z.enum(SW_QUALIFICATIONS, { error: '「职业资格」应为助理社工师、社工师或高级社工师' }),
    kind: z.enum(['levels', 'allowance'], { error: '「资格计入方式」应为加级或津贴' }),
    levels: int('加级数', 0, 10).default(0),
    allowanceFen: fen('资格津贴月额').default(0),
  })),
  allowances: z.array(allowance).max(20, { error: '「津贴」最多 20 项' }),
  performanceKind: z.enum(['coefficient', 'amount'], { error: '「绩效方式」应为系数或金额' }),
  grades: z.array(z.object({
    grade: requiredText('考核等次', 10),
    action: z.enum(GRADE_ACTIONS, { error: '「晋级规则」应为晋级、暂缓或降级' }),
    // A coefficient of the month's base amount, or an amount in fen, per `performanceKind`.
    performance: z.number({ error: '「绩效系数或金额」必须填写' }).min(0, { error: '「绩效系数或金额」不能为负数' }),
  })).min(1, { error: '「考核等次」至少一个' }),
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
