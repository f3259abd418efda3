import { mulCoef } from './money.ts';
import type { PayItem } from './contract.ts';
import { allowanceItems, type AllowancePerson } from './pay-allowances.ts';
import { DEDUCTION_LABELS } from './scheme-components.ts';
import type { SchemeConfig } from './scheme-schema.ts';

// One person's monthly pay line under one scheme version, as a sum of components (see
// money.ts for the rounding rule; every percentage or coefficient is rounded once):
// - standard pay: the level amount of the post and level (table cell, or base × the post's
//   or the shared level coefficient) + the post's 岗位工资 + its 岗位津贴;
// - during 试用期 the standard pay is replaced by a percentage of the reference post's
//   first-level standard pay; allowances and 绩效 per the scheme's 试用期 rule;
// - allowances selected by the person's attributes on the month's first day;
// - performance: by last year's grade (coefficient of level + post pay, or an amount), or a
//   fixed monthly amount, or a share of the standard pay withheld for the year-end settlement;
// - deductions (个人社保, 公积金): fixed amounts or percentages of 应发, giving 实发.

export type PayPerson = AllowancePerson;

export interface PayLineAmounts {
  baseFen: number;
  allowances: { name: string; amountFen: number }[];
  allowancesFen: number;
  performanceFen: number;
  totalFen: number;
  items: PayItem[];
  deductions: PayItem[];
  deductionsFen: number;
  netFen: number;
  withheldFen: number;
  note: string | null;
}

/** The level amount of `level` on `post`, or null when the grid has no value there. */
export function baseAmount(c: SchemeConfig, post: string, level: number): number | null {
  const m = c.amountModel;
  if (m.kind === 'none') return 0;
  if (m.kind === 'table') return m.rows.find((r) => r.post === post)?.amounts[level - 1] ?? null;
  const own = m.postCoefficients.find((r) => r.post === post);
  const coef = (own ? own.coefficients : m.coefficients)[level - 1];
  return coef == null ? null : mulCoef(m.baseFen, coef);
}

/** The standard pay items of a post and level: level amount, 岗位工资, 岗位津贴. */
function standardItems(c: SchemeConfig, post: string, level: number): { items: PayItem[]; missing: boolean } {
  const items: PayItem[] = [];
  const lv = baseAmount(c, post, level);
  if (c.amountModel.kind !== 'none') items.push({ key: 'level', label: '等级工资', fen: lv ?? 0 });
  const pp = c.postPay.find((x) => x.post === post);
  if (pp?.amountFen) items.push({ key: 'postPay', label: '岗位工资', fen: pp.amountFen });
  if (pp?.allowanceFen) items.push({ key: 'postAllowance', label: '岗位津贴', fen: pp.allowanceFen });
  return { items, missing: lv === null };
}

/**
 * True when the month whose first day is `refDate` is paid at the 试用期 rate. A 试用期 of N
 * months is N pay months from the month of the community work start, whatever its day: a
 * starter on 15 March with 3 months is paid at the 试用期 rate for March, April and May. (The
 * sheet once paid that March in full, then for a while counted June too: N sheets is what the
 * schemes' "试用期 3 个月" means on a monthly pay sheet.)
 */
export function inProbation(c: SchemeConfig, p: PayPerson, refDate: string): boolean {
  const start = p.communityWorkStartDate;
  if (!c.probation || !start) return false;
  const monthsIn = monthNo(refDate) - monthNo(start);
  return monthsIn >= 0 && monthsIn < c.probation.months;
}

const monthNo = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

const sum = (items: PayItem[]) => items.reduce((s, i) => s + i.fen, 0);
const pct = (fen: number, percent: number) => mulCoef(fen, percent / 100);

export function computePayLine(c: SchemeConfig, post: string, level: number, p: PayPerson, grade: string | null, refDate: string): PayLineAmounts {
  const notes: string[] = [];
  const p0 = c.posts.find((x) => x.name === post);
  if (!p0) notes.push(`岗位“${post}”不在本月方案中`);
  else if (level < p0.minLevel || level > p0.maxLevel) notes.push(`${level} 级超出${post}级段 ${p0.minLevel}–${p0.maxLevel} 级`);
  const probation = inProbation(c, p, refDate) ? c.probation : null;

  let base: PayItem[];
  let standardFen = 0;
  if (probation) {
    const refPost = probation.ofPost ? c.posts.find((x) => x.name === probation.ofPost) : null;
    const basis = refPost ? standardItems(c, refPost.name, refPost.minLevel) : standardItems(c, post, level);
    const of = refPost ? `${refPost.name} ${refPost.minLevel} 级` : '本人岗级';
    base = [{ key: 'probation', label: `试用期工资（${of}的 ${probation.percent}%）`, fen: pct(sum(basis.items), probation.percent) }];
    notes.push(`试用期（${probation.months} 个月）`);
  } else {
    const s = standardItems(c, post, level);
    if (s.missing) notes.push(`方案中没有${post} ${level} 级的金额，按 0 计`);
    base = s.items;
    standardFen = sum(s.items);
  }
  const allowances = !probation || probation.allowancesPaid ? allowanceItems(c, p, refDate) : [];

  const perf: PayItem[] = [];
  let withheldFen = 0;
  const pay = c.performancePay;
  if (probation && !probation.performancePaid) {
    if (pay.mode !== 'grade' || c.grades.some((g) => g.performance > 0)) notes.push('试用期不发绩效');
  } else if (pay.mode === 'withheld') {
    withheldFen = pct(standardFen, pay.withheldPercent);
    if (withheldFen) base.push({ key: 'withheld', label: `预留绩效（${pay.withheldPercent}%，年终按考核结算）`, fen: -withheldFen });
  } else if (pay.mode === 'fixed') {
    if (pay.monthlyFen) perf.push({ key: 'performance', label: '绩效工资', fen: pay.monthlyFen });
  } else {
    const levelAndPost = base.filter((i) => i.key === 'level' || i.key === 'postPay' || i.key === 'probation');
    const rule = grade ? c.grades.find((g) => g.grade === grade) : undefined;
    if (!grade) notes.push('无上年度考核结果，绩效按 0 计');
    else if (!rule) notes.push(`考核“${grade}”未在方案中配置绩效，按 0 计`);
    else {
      const fen = c.performanceKind === 'amount' ? rule.performance : mulCoef(sum(levelAndPost), rule.performance);
      perf.push({ key: 'performance', label: '绩效工资', fen });
    }
  }

  const baseFen = sum(base);
  const allowancesFen = sum(allowances);
  const performanceFen = sum(perf);
  const totalFen = baseFen + allowancesFen + performanceFen;
  const deductions: PayItem[] = c.deductions.map((d) => ({
    key: d.key === 'other' ? `deduction.${d.label ?? DEDUCTION_LABELS.other}` : d.key,
    label: d.label ?? DEDUCTION_LABELS[d.key],
    fen: d.kind === 'fixed' ? d.amountFen : pct(Math.max(0, totalFen), d.percent),
  }));
  const deductionsFen = sum(deductions);
  return {
    baseFen, allowances: allowances.map((a) => ({ name: a.label, amountFen: a.fen })), allowancesFen, performanceFen, totalFen,
    items: [...base, ...allowances, ...perf], deductions, deductionsFen, netFen: totalFen - deductionsFen, withheldFen,
    note: notes.length ? notes.join('；') : null,
  };
}
