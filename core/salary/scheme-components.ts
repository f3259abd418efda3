import { z } from 'zod';
import { optionalText, requiredText } from '../contract/fields.ts';
import { SW_QUALIFICATIONS } from '../codes/tables.ts';
import { coefUnits } from './money.ts';

// The optional components of a pay scheme beyond the level grid (issue 15): post pay,
// allowances chosen by a person's attributes, 试用期, performance pay as counties pay it,
// deductions and step rules. Every object is strict: an unknown or misspelt key is an
// error naming the key, never silently dropped (a scheme once lost `educationAllowances`).

export const EDUCATION_KEYS = ['大专', '本科', '硕士', '博士'] as const;

/** z.strictObject whose unknown-key message names the key(s) and where they were found. */
export function strict<T extends z.ZodRawShape>(where: string, shape: T) {
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `「${where}」中有未知字段“${iss.keys.join('”“')}”（可能拼写错误），未保存` : undefined,
  });
}

export const int = (label: string, min: number, max: number) =>
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

/** A percentage such as 30 or 10.5: 0–100, at most 2 decimals (so percent/100 has at most 4). */
export const percent = (label: string) =>
  z
    .number({ error: `「${label}」必须填写` })
    .min(0, { error: `「${label}」不能为负数` })
    .max(100, { error: `「${label}」不能大于 100` })
    .refine((v) => coefUnits(v / 100) !== null, { error: `「${label}」最多保留 2 位小数` });

const boolean = (label: string) => z.boolean({ error: `「${label}」应为是或否` });

// Allowances with the same group name are not cumulative: only the highest of them is paid.
const group = optionalText('不累加组', 20);
const name = requiredText('津贴名称', 30);
const a = <T extends z.ZodRawShape>(shape: T) => strict('津贴', { name, group, ...shape });

export const allowance = z.discriminatedUnion(
  'kind',
  [
    a({ kind: z.literal('fixed'), amountFen: fen('津贴月额') }),
    a({
      kind: z.literal('seniority'),
      bands: z.array(strict('年限档次', { minYears: int('年限下限', 0, 60), amountFen: fen('津贴月额') })).min(1, { error: '「年限档次」至少一档' }),
    }),
    // So much per full year of community work (陕西 2015: 15 元 per full year).
    a({ kind: z.literal('perYear'), amountFen: fen('每满一年月额'), maxYears: int('最多计算年数', 1, 60).nullable().default(null) }),
    // By the highest education; 全日制 and 在职 may be valued differently. A person gets the rate of
    // the highest listed key at or below their education.
    a({
      kind: z.literal('education'),
      rates: z.array(strict('学历档次', {
        education: z.enum(EDUCATION_KEYS, { error: '「学历」应为大专、本科、硕士或博士' }),
        fullTimeFen: fen('全日制月额'),
        partTimeFen: fen('在职月额'),
      })).min(1, { error: '「学历档次」至少一档' }),
    }),
    // By the 社会工作者职业水平 level (助理社工师 = 初级, 社工师 = 中级, 高级社工师 = 高级): the roster
    // holds no other 职称 field, so 职称 allowances are written against these levels.
    a({
      kind: z.literal('qualification'),
      rates: z.array(strict('证书档次', {
        qualification: z.enum(SW_QUALIFICATIONS, { error: '「职业资格」应为助理社工师、社工师或高级社工师' }),
        amountFen: fen('资格月额'),
      })).min(1, { error: '「证书档次」至少一档' }),
    }),
    a({ kind: z.literal('oneShoulder'), amountFen: fen('一肩挑月额') }),
    a({ kind: z.literal('crossPosting'), amountFen: fen('交叉任职月额') }),
  ],
  { error: '「津贴类型」应为固定、按年限档次、按满年、按学历、按社工证、一肩挑或交叉任职' },
);
export type Allowance = z.output<typeof allowance>;

export const postPay = strict('岗位工资与岗位津贴', {
  post: requiredText('岗位名称', 20),
  amountFen: fen('岗位工资月额').default(0),
  allowanceFen: fen('岗位津贴月额').default(0),
});

// A one-time level bonus (市级以上表彰、劳模): so many levels, with the reason written into the history.
export const levelBonus = strict('一次性加级', { reason: requiredText('加级事由', 40), levels: int('加级数', 1, 5) });

export const probation = strict('试用期', {
  months: int('试用期月数', 1, 24),
  percent: percent('试用期发放比例'),
  // The post whose first-level pay is the basis (西安: 一般工作人员); null = the person's own post and level.
  ofPost: optionalText('参照岗位', 20),
  performancePaid: boolean('试用期是否发绩效').default(false),
  allowancesPaid: boolean('试用期是否发津贴').default(true),
});

export const PERFORMANCE_MODES = ['grade', 'withheld', 'fixed'] as const;
export const performancePay = strict('绩效工资', {
  // grade: monthly by last year's grade (`grades[].performance`); withheld: a share of the month's
  // standard pay is withheld and settled at year end by grade; fixed: a fixed monthly amount,
  // plus an optional yearly amount settled by grade.
  mode: z.enum(PERFORMANCE_MODES, { error: '「绩效方式」应为按上年考核、按比例预留或固定月额' }).default('grade'),
  withheldPercent: percent('预留比例').default(0),
  monthlyFen: fen('固定绩效月额').default(0),
  yearlyFen: fen('年度奖励基数').default(0),
  // Year-end coefficient per grade of the settled year; a grade not listed (不合格) gets nothing.
  settlementGrades: z.array(strict('年终考核系数', { grade: requiredText('考核等次', 10), coefficient: coefficient('年终系数') })).default([]),
  // Optional per-post coefficients (宁海: 1.4 / 1.2 / 1.1 / 1.0); a post not listed counts 1.
  postCoefficients: z.array(strict('岗位系数', { post: requiredText('岗位名称', 20), coefficient: coefficient('岗位系数') })).default([]),
});
export type PerformancePay = z.output<typeof performancePay>;

export const DEDUCTION_KEYS = ['socialInsurance', 'housingFund', 'other'] as const;
export const DEDUCTION_LABELS = { socialInsurance: '个人社保', housingFund: '住房公积金', other: '其他代扣' } as const;
export const deduction = strict('代扣项目', {
  key: z.enum(DEDUCTION_KEYS, { error: '「代扣类型」应为个人社保、住房公积金或其他代扣' }),
  label: optionalText('代扣名称', 20),
  kind: z.enum(['fixed', 'percent'], { error: '「代扣方式」应为固定金额或比例' }),
  amountFen: fen('代扣月额').default(0),
  // Percent of the month's 应发 before 补发/扣回.
  percent: percent('代扣比例').default(0),
});

export const stepRules = strict('晋级规则', {
  // notCounted: a year whose grade does not advance is skipped and the others accumulate;
  // resets: such a year restarts the interval (厦门/宁海: every full 2 years all 合格).
  failedYear: z.enum(['notCounted', 'resets'], { error: '「未达标年度」应为不计入或重新计算' }).default('notCounted'),
  earlyStep: strict('提前晋级', {
    grade: requiredText('提前晋级考核等次', 10),
    consecutive: int('连续年数', 1, 10),
    maxTimes: int('最多提前次数', 1, 10),
  }).nullable().default(null),
  // e.g. two 基本称职 in a row → −1 (a `demote` grade in `grades` already cuts one level).
  demoteAfter: strict('连续降级', { grade: requiredText('降级考核等次', 10), consecutive: int('连续年数', 1, 10) }).nullable().default(null),
});
export type StepRules = z.output<typeof stepRules>;
