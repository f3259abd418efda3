import type { SchemeConfig } from './scheme-schema.ts';
import { GRADE_ACTION_LABELS } from './scheme-schema.ts';

// 年度晋级 for assessment year Y, per person, from the level in effect and the grades:
// - the grade of year Y decides first: a `demote` grade cuts one level (not below the
//   post's first level), a `hold` grade keeps the level this year;
// - with an `advance` grade, the person steps up one level once `stepYears` assessment
//   years graded `advance` have accumulated since the last level change. A year counts
//   when it starts on or after that change (a change on 1 January counts its own year);
//   `hold` years (e.g. 基本称职) do not count toward the interval;
// - nobody goes above the post's top level.

export type ProposalAction = 'advance' | 'demote' | 'none' | 'skip';

export interface PromotionSubject {
  current: { post: string; level: number; effectiveDate: string } | null;
  /** Assessment grade by year. */
  grades: ReadonlyMap<number, string>;
}

export interface Proposal {
  action: ProposalAction;
  post: string | null;
  fromLevel: number | null;
  toLevel: number | null;
  reason: '到期晋级' | '考核降级' | null;
  explanation: string;
}

export function firstCountedYear(lastChange: string): number {
  const y = Number(lastChange.slice(0, 4));
  return lastChange.slice(5) === '01-01' ? y : y + 1;
}

export function proposePromotion(c: SchemeConfig, year: number, s: PromotionSubject): Proposal {
  const cur = s.current;
  if (!cur) return { action: 'skip', post: null, fromLevel: null, toLevel: null, reason: null, explanation: '尚未定级，请先办理初次定级' };
  const base = { post: cur.post, fromLevel: cur.level };
  const keep = (action: ProposalAction, explanation: string): Proposal => ({ ...base, action, toLevel: cur.level, reason: null, explanation });
  const post = c.posts.find((p) => p.name === cur.post);
  if (!post) return keep('skip', `岗位“${cur.post}”不在生效的薪酬方案中，请先调整岗位`);
  const grade = s.grades.get(year);
  if (!grade) return keep('none', `缺少 ${year} 年度考核结果，暂不晋级`);
  const rule = c.grades.find((g) => g.grade === grade);
  if (!rule) return keep('none', `${year} 年度考核“${grade}”未在方案中配置晋级规则，暂不晋级`);
  if (rule.action === 'demote') {
    if (cur.level <= post.minLevel) return keep('none', `${year} 年度考核${grade}，应降级，但已是${post.name}最低 ${post.minLevel} 级`);
    return { ...base, action: 'demote', toLevel: cur.level - 1, reason: '考核降级', explanation: `${year} 年度考核${grade} → 降 1 级` };
  }
  if (rule.action === 'hold') return keep('none', `${year} 年度考核${grade}，按方案${GRADE_ACTION_LABELS.hold}晋级`);

  const from = firstCountedYear(cur.effectiveDate);
  const counted: string[] = [];
  for (let y = from; y <= year; y++) {
    const g = s.grades.get(y);
    const r = g ? c.grades.find((x) => x.grade === g) : undefined;
    if (r?.action === 'advance') counted.push(`${y}${g}`);
  }
  const basis = `自 ${from} 年起计入晋级年限 ${counted.length} 年${counted.length ? `（${counted.join('、')}）` : ''}`;
  if (counted.length < c.stepYears) return keep('none', `${basis}，不足 ${c.stepYears} 年`);
  if (cur.level >= post.maxLevel) return keep('none', `${basis}，已达${post.name}最高 ${post.maxLevel} 级`);
  return { ...base, action: 'advance', toLevel: cur.level + 1, reason: '到期晋级', explanation: `${basis}，满 ${c.stepYears} 年 → 晋升 1 级` };
}
