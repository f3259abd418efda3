import { levelAtOrAbove, type RequirementUnit } from './codes.ts';

// Pure evaluation of the annual requirement. Which rules apply to a person:
// 1. year-specific rules for that year replace the every-year rules (year null) entirely;
// 2. among those, rules naming one of the person's posts beat rules naming the post
//    category, which beat catch-all rules (neither set);
// 3. the person must meet every rule of the winning tier.

export interface RequirementRule {
  id: string;
  year: number | null;
  post: string | null;
  postCategory: string | null;
  unit: RequirementUnit;
  amount: number;
  minLevel: string | null;
  isSample: boolean;
  sortOrder: number;
  remarks: string | null;
}

export interface RulePerson {
  posts: readonly string[];
  postCategory: string;
}

/** One person's credited totals for one year at one training level. */
export interface LevelTotal {
  level: string;
  hours: number;
  days: number;
}

export interface RuleOutcome {
  ruleId: string;
  label: string;
  required: number;
  actual: number;
  met: boolean;
  /** e.g. 县级及以上培训还差 3 天; empty when met. */
  shortfall: string;
}

export interface Evaluation {
  /** Human-readable requirement, null when no rule applies. */
  requirement: string | null;
  met: boolean | null;
  isSample: boolean;
  shortfall: string;
  outcomes: RuleOutcome[];
}

const SAMPLE_NOTE = '示例规则：依据未经本地确认，请按本地文件修改';

/** Shipped defaults; every one is flagged as a sample (domain notes §3: no confirmed source). */
export const SAMPLE_RULES: Omit<RequirementRule, 'id'>[] = [
  { year: null, post: '书记', postCategory: null, unit: '天', amount: 7, minLevel: '县', isSample: true, sortOrder: 1,
    remarks: `${SAMPLE_NOTE}（某省文件：社区党组织书记每年至少参加 1 次县级以上集中培训，累计不少于 7 天）` },
  { year: null, post: '居委会主任', postCategory: null, unit: '天', amount: 7, minLevel: '县', isSample: true, sortOrder: 2,
    remarks: `${SAMPLE_NOTE}（某省文件：居委会主任每年至少参加 1 次县级以上集中培训，累计不少于 7 天）` },
  { year: null, post: null, postCategory: null, unit: '学时', amount: 40, minLevel: null, isSample: true, sortOrder: 3,
    remarks: `${SAMPLE_NOTE}（“每年不少于 40 学时”的出处未经确认）` },
];

export function ruleLabel(r: Pick<RequirementRule, 'unit' | 'amount' | 'minLevel' | 'isSample'>): string {
  const scope = r.minLevel ? `${r.minLevel}级及以上培训` : '培训';
  return `${scope}不少于 ${r.amount} ${r.unit}${r.isSample ? '（示例）' : ''}`;
}

export function ruleAudience(r: Pick<RequirementRule, 'post' | 'postCategory'>): string {
  if (r.post && r.postCategory) return `${r.post}（${r.postCategory}）`;
  return r.post ?? r.postCategory ?? '其他所有人员';
}

function matches(r: RequirementRule, p: RulePerson): boolean {
  if (r.post && !p.posts.includes(r.post)) return false;
  if (r.postCategory && r.postCategory !== p.postCategory) return false;
  return true;
}

const tier = (r: RequirementRule) => (r.post ? 2 : r.postCategory ? 1 : 0);

export function applicableRules(rules: readonly RequirementRule[], person: RulePerson, year: number): RequirementRule[] {
  const forYear = rules.some((r) => r.year === year) ? rules.filter((r) => r.year === year) : rules.filter((r) => r.year === null);
  const matching = forYear.filter((r) => matches(r, person));
  if (!matching.length) return [];
  const top = Math.max(...matching.map(tier));
  return matching.filter((r) => tier(r) === top).sort((a, b) => a.sortOrder - b.sortOrder);
}

export function evaluateRequirement(rules: readonly RequirementRule[], person: RulePerson, year: number, totals: readonly LevelTotal[]): Evaluation {
  const apply = applicableRules(rules, person, year);
  if (!apply.length) return { requirement: null, met: null, isSample: false, shortfall: '', outcomes: [] };
  const outcomes = apply.map((r) => {
    const counted = totals.filter((t) => levelAtOrAbove(t.level, r.minLevel));
    const actual = round2(counted.reduce((s, t) => s + (r.unit === '天' ? t.days : t.hours), 0));
    const met = actual >= r.amount;
    const shortfall = met ? '' : `${r.minLevel ? `${r.minLevel}级及以上` : ''}培训还差 ${round2(r.amount - actual)} ${r.unit}`;
    return { ruleId: r.id, label: ruleLabel(r), required: r.amount, actual, met, shortfall };
  });
  return {
    requirement: outcomes.map((o) => o.label).join('；'),
    met: outcomes.every((o) => o.met),
    isSample: apply.some((r) => r.isSample),
    shortfall: outcomes.filter((o) => !o.met).map((o) => o.shortfall).join('；'),
    outcomes,
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
