import { z } from 'zod';
import { requiredText } from '../contract/fields.ts';
import type { FieldIssue } from '../contract/errors.ts';

// The 考核方案 document. Everything domain.md §6.2 lists as configurable lives here; the
// rules in ./rules/ read it and hard-code nothing about labels, weights or quotas.

export const POPULATIONS = ['社区工作者', '社区书记', '两委成员'] as const;
export const ROUNDING_RULES = ['floor', 'round', 'ceil'] as const;
export type Rounding = (typeof ROUNDING_RULES)[number];

const key = (label: string) =>
  z
    .string({ error: `「${label}」必须填写` })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { error: `「${label}」只能由字母、数字、下划线组成（最多 40 个字符）` });

const points = (label: string) =>
  z.number({ error: `「${label}」应为数字` }).positive({ error: `「${label}」必须大于 0` }).max(1000, { error: `「${label}」不能超过 1000` });

export const indicatorSchema = z.object({
  key: key('指标代码'),
  name: requiredText('指标名称', 50),
  maxPoints: points('指标满分'),
  /** Filled automatically: `trainingHours` = training hours against the yearly requirement. */
  auto: z.enum(['trainingHours'], { error: '「自动指标」只能是培训学时' }).nullish().transform((v) => v ?? null),
  /** Sub-items; when present, points are entered on them and their maxima must add up to this one. */
  children: z
    .array(
      z.object({
        key: key('子指标代码'),
        name: requiredText('子指标名称', 50),
        maxPoints: points('子指标满分'),
      }),
    )
    .default([]),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const componentSchema = z.object({
  key: key('考核项目代码'),
  name: requiredText('考核项目名称', 50),
  /** Percent of the total, e.g. 30 for 30%. */
  weight: z.number({ error: '「权重」应为数字' }).min(0, { error: '「权重」不能为负数' }).max(100, { error: '「权重」不能超过 100%' }),
  /** `scores`: points entered per indicator. `votes`: computed from the 民主测评 tallies. */
  source: z.enum(['scores', 'votes'], { error: '「评分来源」只能是打分或民主测评' }).default('scores'),
  indicators: z.array(indicatorSchema).default([]),
});
export type Component = z.infer<typeof componentSchema>;

const fraction = z.object({
  num: z.number({ error: '「比例分子」应为数字' }).int({ error: '「比例分子」应为整数' }).min(0, { error: '「比例分子」不能为负数' }),
  den: z.number({ error: '「比例分母」应为数字' }).int({ error: '「比例分母」应为整数' }).min(1, { error: '「比例分母」必须大于 0' }),
});

export const vetoRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('voteShare'),
      /** The ballot option counted, e.g. 不称职. */
      option: requiredText('否决选项', 20),
      /** Triggers when option votes / valid ballots is strictly above num/den. */
      above: fraction,
      grade: requiredText('否决后等次', 20),
    }),
    z.object({
      kind: z.literal('indicator'),
      indicatorKey: key('否决指标'),
      /** Triggers when the points on that indicator are at or below this value. */
      atOrBelow: z.number({ error: '「否决分值」应为数字' }).min(0, { error: '「否决分值」不能为负数' }),
      grade: requiredText('否决后等次', 20),
    }),
  ],
  { error: '「否决规则」类型只能是测评票数比例或否决指标' },
);
export type VetoRule = z.infer<typeof vetoRuleSchema>;

export const schemeConfigSchema = z.object({
  components: z.array(componentSchema).min(1, { error: '「考核项目」至少需要一项' }),
  /** Best first, e.g. 优秀/称职/基本称职/不称职 or 优秀/合格/基本合格/不合格. */
  gradeLabels: z.array(requiredText('等次名称', 20)).min(2, { error: '「等次」至少需要两个' }),
  /** Lowest total for each grade; the last grade catches everything below. */
  thresholds: z.array(z.object({ grade: requiredText('等次', 20), minTotal: z.number({ error: '「分数线」应为数字' }).min(0).max(100) })),
  quota: z.object({
    /** The top grade's cap as a percent of the assessed headcount. */
    percent: z.number({ error: '「优秀比例」应为数字' }).min(0, { error: '「优秀比例」不能为负数' }).max(100, { error: '「优秀比例」不能超过 100%' }),
    rounding: z.enum(ROUNDING_RULES, { error: '「名额取整」只能是向下取整、四舍五入或向上取整' }),
  }),
  /** Ballot options with the points each is worth when a `votes` component is computed. */
  voteOptions: z.array(z.object({ label: requiredText('测评选项', 20), points: z.number({ error: '「测评分值」应为数字' }).min(0, { error: '「测评分值」不能为负数' }).max(100, { error: '「测评分值」不能超过 100' }) })).min(1, { error: '「测评选项」至少需要一项' }),
  vetoRules: z.array(vetoRuleSchema).default([]),
  /** The 廉洁 dimension scale (好/较好/一般/差), recorded alongside the grade. */
  integrityScale: z.array(z.string()).default([]),
});
export type SchemeConfig = z.infer<typeof schemeConfigSchema>;

/** Leaf indicators, the cells points are entered into: key → max points. */
export function leafIndicators(c: SchemeConfig): { key: string; name: string; maxPoints: number; componentKey: string; auto: Indicator['auto'] }[] {
  const out = [];
  for (const comp of c.components) {
    if (comp.source !== 'scores') continue;
    for (const ind of comp.indicators) {
      if (ind.children.length) for (const ch of ind.children) out.push({ ...ch, componentKey: comp.key, auto: null });
      else out.push({ key: ind.key, name: ind.name, maxPoints: ind.maxPoints, componentKey: comp.key, auto: ind.auto });
    }
  }
  return out;
}

/** Cross-field rules zod cannot express per field; an empty list means the scheme is usable. */
export function checkSchemeConfig(c: SchemeConfig): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const weightSum = c.components.reduce((s, x) => s + x.weight, 0);
  if (Math.abs(weightSum - 100) > 1e-9)
    issues.push({ path: 'config.components', message: `「权重」各考核项目权重之和应为 100%，现为 ${+weightSum.toFixed(4)}%` });
  const keys = new Set<string>();
  const dup = (k: string, path: string) => {
    if (keys.has(k)) issues.push({ path, message: `「代码」“${k}”重复，考核项目与指标的代码必须互不相同` });
    keys.add(k);
  };
  c.components.forEach((comp, i) => {
    dup(comp.key, `config.components.${i}.key`);
    if (comp.source === 'scores' && comp.indicators.length === 0)
      issues.push({ path: `config.components.${i}.indicators`, message: `「${comp.name}」按打分计算，至少需要一个指标` });
    comp.indicators.forEach((ind, j) => {
      dup(ind.key, `config.components.${i}.indicators.${j}.key`);
      ind.children.forEach((ch, k) => dup(ch.key, `config.components.${i}.indicators.${j}.children.${k}.key`));
      if (ind.children.length) {
        const sum = ind.children.reduce((s, x) => s + x.maxPoints, 0);
        if (Math.abs(sum - ind.maxPoints) > 1e-9)
          issues.push({ path: `config.components.${i}.indicators.${j}`, message: `「${ind.name}」子指标满分之和（${sum}）应等于指标满分（${ind.maxPoints}）` });
        if (ind.auto) issues.push({ path: `config.components.${i}.indicators.${j}.auto`, message: `「${ind.name}」自动指标不能再分子指标` });
      }
    });
  });
  if (new Set(c.gradeLabels).size !== c.gradeLabels.length) issues.push({ path: 'config.gradeLabels', message: '「等次」名称不能重复' });
  const labels = new Set(c.gradeLabels);
  const thresholdGrades = c.thresholds.map((t) => t.grade);
  if (thresholdGrades.join('|') !== c.gradeLabels.join('|'))
    issues.push({ path: 'config.thresholds', message: '「分数线」应按等次顺序为每个等次各设一条' });
  for (let i = 1; i < c.thresholds.length; i++)
    if (c.thresholds[i]!.minTotal >= c.thresholds[i - 1]!.minTotal)
      issues.push({ path: `config.thresholds.${i}`, message: `「分数线」“${c.thresholds[i]!.grade}”应低于上一等次` });
  const options = new Set(c.voteOptions.map((o) => o.label));
  if (options.size !== c.voteOptions.length) issues.push({ path: 'config.voteOptions', message: '「测评选项」名称不能重复' });
  c.vetoRules.forEach((r, i) => {
    if (!labels.has(r.grade)) issues.push({ path: `config.vetoRules.${i}.grade`, message: `「否决后等次」“${r.grade}”不在等次列表中` });
    if (r.kind === 'voteShare' && !options.has(r.option))
      issues.push({ path: `config.vetoRules.${i}.option`, message: `「否决选项」“${r.option}”不在测评选项中` });
    if (r.kind === 'voteShare' && r.above.num > r.above.den)
      issues.push({ path: `config.vetoRules.${i}.above`, message: '「否决比例」不能超过 100%' });
    if (r.kind === 'indicator' && !leafIndicators(c).some((l) => l.key === r.indicatorKey))
      issues.push({ path: `config.vetoRules.${i}.indicatorKey`, message: `「否决指标」“${r.indicatorKey}”不是可打分的指标` });
  });
  return issues;
}
