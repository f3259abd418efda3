import type { FieldIssue } from '../contract/errors.ts';
import { coefUnits } from './money.ts';
import { checkComponents } from './scheme-rules-components.ts';
import type { SchemeConfig, SchemePost } from './scheme-schema.ts';

// Cross-field rules of a scheme version that zod's per-field checks cannot see. Paths are
// relative to `config`; messages name the field (and the post or level) in Chinese.

export function checkScheme(c: SchemeConfig): FieldIssue[] {
  const out: FieldIssue[] = [];
  const add = (path: string, message: string) => out.push({ path: `config.${path}`, message });
  const names = new Set<string>();
  c.posts.forEach((p, i) => {
    if (names.has(p.name)) add(`posts.${i}.name`, `「岗位名称」“${p.name}”重复`);
    names.add(p.name);
    if (p.minLevel > p.maxLevel) add(`posts.${i}.minLevel`, `「岗位“${p.name}”的起点级」${p.minLevel} 高于最高级 ${p.maxLevel}`);
    if (p.maxLevel > c.levelCount) add(`posts.${i}.maxLevel`, `「岗位“${p.name}”的最高级」${p.maxLevel} 超出级数 ${c.levelCount}`);
  });
  const m = c.amountModel;
  if (m.kind === 'coefficient') {
    const own = new Set(m.postCoefficients.map((r) => r.post));
    const shared = c.posts.filter((p) => !own.has(p.name));
    if (shared.length && m.coefficients.length !== c.levelCount)
      add('amountModel.coefficients', `「等级系数」应有 ${c.levelCount} 个（每级一个），实际 ${m.coefficients.length} 个`);
    for (let lv = 1; lv <= Math.min(c.levelCount, m.coefficients.length); lv++)
      if (m.coefficients[lv - 1] == null && shared.some((p) => inBand(p, lv)))
        add(`amountModel.coefficients.${lv - 1}`, `「${lv} 级的等级系数」缺失`);
    const seen = new Set<string>();
    m.postCoefficients.forEach((r, i) => {
      const p = c.posts.find((x) => x.name === r.post);
      if (!p) return add(`amountModel.postCoefficients.${i}.post`, `「岗位等级系数」的岗位“${r.post}”不在岗位列表中`);
      if (seen.has(r.post)) add(`amountModel.postCoefficients.${i}.post`, `「岗位等级系数」的岗位“${r.post}”重复`);
      seen.add(r.post);
      for (let lv = p.minLevel; lv <= p.maxLevel; lv++)
        if (r.coefficients[lv - 1] == null) add(`amountModel.postCoefficients.${i}.coefficients.${lv - 1}`, `「岗位“${r.post}” ${lv} 级的等级系数」缺失`);
    });
  } else if (m.kind === 'table') {
    const seen = new Set<string>();
    m.rows.forEach((r, i) => {
      const p = c.posts.find((x) => x.name === r.post);
      if (!p) return add(`amountModel.rows.${i}.post`, `「对照表岗位」“${r.post}”不在岗位列表中`);
      if (seen.has(r.post)) add(`amountModel.rows.${i}.post`, `「对照表岗位」“${r.post}”重复`);
      seen.add(r.post);
      if (r.amounts.length !== c.levelCount)
        add(`amountModel.rows.${i}.amounts`, `「岗位“${r.post}”的月额」应有 ${c.levelCount} 列，实际 ${r.amounts.length} 列`);
      for (let lv = p.minLevel; lv <= Math.min(p.maxLevel, r.amounts.length); lv++)
        if (r.amounts[lv - 1] == null) add(`amountModel.rows.${i}.amounts.${lv - 1}`, `「岗位“${r.post}” ${lv} 级的月额」缺失`);
    });
    c.posts.forEach((p) => {
      if (!seen.has(p.name)) add('amountModel.rows', `「对照表」缺少岗位“${p.name}”的月额`);
    });
  }
  dupes(c.educationCredits.map((e) => e.education)).forEach((i) => add(`educationCredits.${i}.education`, `「学历」“${c.educationCredits[i]!.education}”重复`));
  dupes(c.qualificationCredits.map((q) => q.qualification)).forEach((i) =>
    add(`qualificationCredits.${i}.qualification`, `「职业资格」“${c.qualificationCredits[i]!.qualification}”重复`));
  dupes(c.grades.map((g) => g.grade)).forEach((i) => add(`grades.${i}.grade`, `「考核等次」“${c.grades[i]!.grade}”重复`));
  c.allowances.forEach((a, i) => {
    if (a.kind !== 'seniority') return;
    for (let j = 1; j < a.bands.length; j++)
      if (a.bands[j]!.minYears <= a.bands[j - 1]!.minYears)
        add(`allowances.${i}.bands.${j}.minYears`, `「津贴“${a.name}”的年限下限」应逐档递增`);
  });
  checkComponents(c, add);
  if (c.performanceKind === 'amount')
    c.grades.forEach((g, i) => {
      if (!Number.isInteger(g.performance)) add(`grades.${i}.performance`, `「考核等次“${g.grade}”的绩效金额」应为整数（分）`);
    });
  else
    c.grades.forEach((g, i) => {
      if (g.performance > 1000 || coefUnits(g.performance) === null)
        add(`grades.${i}.performance`, `「考核等次“${g.grade}”的绩效系数」最多保留 4 位小数`);
    });
  return out;
}

export function inBand(p: SchemePost, level: number): boolean {
  return level >= p.minLevel && level <= p.maxLevel;
}

export function findPost(c: SchemeConfig, name: string): SchemePost | undefined {
  return c.posts.find((p) => p.name === name);
}

/** Levels (1-based) where an in-band amount does not rise over the previous in-band level: shown as warnings. */
export function nonRisingLevels(c: SchemeConfig): { post: string; level: number }[] {
  const out: { post: string; level: number }[] = [];
  const m = c.amountModel;
  for (const p of c.posts) {
    if (m.kind === 'none') continue;
    const series =
      m.kind === 'table'
        ? (m.rows.find((r) => r.post === p.name)?.amounts ?? [])
        : (m.postCoefficients.find((r) => r.post === p.name)?.coefficients ?? m.coefficients);
    for (let lv = p.minLevel + 1; lv <= p.maxLevel; lv++) {
      const prev = series[lv - 2];
      const cur = series[lv - 1];
      if (prev != null && cur != null && cur <= prev) out.push({ post: p.name, level: lv });
    }
  }
  return out;
}

function dupes(values: string[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) out.push(i);
    seen.add(v);
  });
  return out;
}
