import { wholeYearsBetween } from '../roster/dates.ts';
import { mulCoef } from './money.ts';
import type { SchemeConfig } from './scheme-schema.ts';

// One person's monthly pay line under one scheme version (see money.ts for the rounding
// rule): base = the grid amount of the post and level (table cell, or base × level
// coefficient rounded once); allowances = fixed items + the seniority band reached on the
// month's first day + a qualification allowance; performance = per the grade of the
// previous assessment year, as a coefficient of the base (rounded once) or a fixed amount.

export interface PayPerson {
  communityWorkStartDate: string | null;
  swQualification: string | null;
  swQualificationDate: string | null;
}

export interface PayLineAmounts {
  baseFen: number;
  allowances: { name: string; amountFen: number }[];
  allowancesFen: number;
  performanceFen: number;
  totalFen: number;
  note: string | null;
}

/** The base monthly amount of `level` on `post`, or null when the grid has no value there. */
export function baseAmount(c: SchemeConfig, post: string, level: number): number | null {
  const m = c.amountModel;
  if (m.kind === 'table') return m.rows.find((r) => r.post === post)?.amounts[level - 1] ?? null;
  const coef = m.coefficients[level - 1];
  return coef == null ? null : mulCoef(m.baseFen, coef);
}

export function computePayLine(c: SchemeConfig, post: string, level: number, p: PayPerson, grade: string | null, refDate: string): PayLineAmounts {
  const notes: string[] = [];
  const p0 = c.posts.find((x) => x.name === post);
  if (!p0) notes.push(`岗位“${post}”不在本月方案中`);
  else if (level < p0.minLevel || level > p0.maxLevel) notes.push(`${level} 级超出${post}级段 ${p0.minLevel}–${p0.maxLevel}`);
  const base = baseAmount(c, post, level);
  if (base === null) notes.push(`方案中没有${post} ${level} 级的金额，按 0 计`);
  const baseFen = base ?? 0;

  const allowances: { name: string; amountFen: number }[] = [];
  const years = p.communityWorkStartDate ? Math.max(0, wholeYearsBetween(p.communityWorkStartDate, refDate)) : 0;
  for (const a of c.allowances) {
    if (a.kind === 'fixed') allowances.push({ name: a.name, amountFen: a.amountFen });
    else {
      let band: { amountFen: number } | undefined;
      for (const b of a.bands) if (b.minYears <= years) band = b;
      if (band && band.amountFen > 0) allowances.push({ name: a.name, amountFen: band.amountFen });
    }
  }
  if (p.swQualification && (!p.swQualificationDate || p.swQualificationDate <= refDate)) {
    const q = c.qualificationCredits.find((x) => x.qualification === p.swQualification);
    if (q?.kind === 'allowance' && q.allowanceFen > 0) allowances.push({ name: `${q.qualification}资格津贴`, amountFen: q.allowanceFen });
  }
  const allowancesFen = allowances.reduce((s, a) => s + a.amountFen, 0);

  let performanceFen = 0;
  const rule = grade ? c.grades.find((g) => g.grade === grade) : undefined;
  if (!grade) notes.push('无上年度考核结果，绩效按 0 计');
  else if (!rule) notes.push(`考核“${grade}”未在方案中配置绩效，按 0 计`);
  else performanceFen = c.performanceKind === 'amount' ? rule.performance : mulCoef(baseFen, rule.performance);

  return { baseFen, allowances, allowancesFen, performanceFen, totalFen: baseFen + allowancesFen + performanceFen, note: notes.length ? notes.join('；') : null };
}
