import type { SchemeConfig } from './scheme-schema.ts';
import { GRADE_ACTION_LABELS } from './scheme-schema.ts';

// 年度晋级 for assessment year Y, per person, from the level in effect and the grades:
// - the grade of year Y decides first: a `demote` grade cuts one level (not below the
//   post's first level), a `hold` grade keeps the level this year;
// - with an `advance` grade, the person steps up one level once `stepYears` assessment
//   years graded `advance` have accumulated since the last level change. A year counts
//   when it starts on or after that change (a change on 1 January counts its own year);
//   `hold` years (e.g. 基本称职) do not count toward the interval, or, with the scheme's
//   `failedYear: 'resets'`, restart it (厦门/宁海: every full 2 years, every year 合格+);
// - options: N consecutive years of a grade (优秀) give one early step, at most M times in
//   a career, and do not restart the interval; N consecutive years of a grade (基本称职)
//   cut one level;
// - nobody goes above the post's top level or below its first.

export type ProposalAction = 'advance' | 'demote' | 'none' | 'skip';

export interface PromotionSubject {
  current: { post: string; level: number; effectiveDate: string } | null;
  /** Assessment grade by year. */
  grades: ReadonlyMap<number, string>;
  /** The person's level history (any order): early steps are counted and do not restart the interval. */
  history?: readonly { effectiveDate: string; reason: string }[];
}

export interface Proposal {
  action: ProposalAction;
  post: string | null;
  fromLevel: number | null;
  toLevel: number | null;
  reason: '到期晋级' | '提前晋级' | typeof REGULAR_AND_EARLY | '考核降级' | null;
  explanation: string;
}

export function firstCountedYear(lastChange: string): number {
  const y = Number(lastChange.slice(0, 4));
  return lastChange.slice(5) === '01-01' ? y : y + 1;
}

const EARLY = '提前晋级';
/** A regular step and an early step in the same run: it restarts the interval like a regular
 * step, and it is one of the early steps a career allows, so both filters below read it. */
export const REGULAR_AND_EARLY = '到期晋级+提前晋级';
/** A one-time bonus (表彰、劳模) is on top of the years served: like an early step, it does not restart the interval. */
export const BONUS_PREFIX = '一次性加级：';
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

export function proposePromotion(c: SchemeConfig, year: number, s: PromotionSubject): Proposal {
  const cur = s.current;
  if (!cur) return { action: 'skip', post: null, fromLevel: null, toLevel: null, reason: null, explanation: '尚未定级，请先办理初次定级' };
  const base = { post: cur.post, fromLevel: cur.level };
  const keep = (action: ProposalAction, explanation: string): Proposal => ({ ...base, action, toLevel: cur.level, reason: null, explanation });
  // Every change reads old → new, so the appended history row says what moved.
  const move = (to: number, reason: NonNullable<Proposal['reason']>, why: string): Proposal =>
    ({ ...base, action: to > cur.level ? 'advance' : 'demote', toLevel: to, reason, explanation: `${why}（${cur.level} 级→${to} 级）` });
  const post = c.posts.find((p) => p.name === cur.post);
  if (!post) return keep('skip', `岗位“${cur.post}”不在生效的薪酬方案中，请先调整岗位`);
  const grade = s.grades.get(year);
  if (!grade) return keep('none', `缺少 ${year} 年度考核结果，暂不晋级`);
  const rule = c.grades.find((g) => g.grade === grade);
  if (!rule) return keep('none', `${year} 年度考核“${grade}”未在方案中配置晋级规则，暂不晋级`);
  const history = s.history ?? [];
  const rules = c.stepRules;
  const sinceChange = firstCountedYear(cur.effectiveDate);

  const demoteAfter = rules.demoteAfter;
  const streak = (g: string, n: number, from: number) => n > 0 && year - n + 1 >= from && range(year - n + 1, year).every((y) => s.grades.get(y) === g);
  if (rule.action === 'demote' || (demoteAfter && streak(demoteAfter.grade, demoteAfter.consecutive, sinceChange))) {
    const why = rule.action === 'demote' ? `${year} 年度考核${grade}` : `连续 ${demoteAfter!.consecutive} 年考核${demoteAfter!.grade}`;
    if (cur.level <= post.minLevel) return keep('none', `${why}，应降级，但已是${post.name}最低 ${post.minLevel} 级`);
    return move(cur.level - 1, '考核降级', `${why} → 降 1 级`);
  }
  if (rule.action === 'hold') return keep('none', `${year} 年度考核${grade}，按方案${GRADE_ACTION_LABELS.hold}晋级`);

  // The interval runs from the last change that was not an early step or a one-time bonus.
  const regular = history.filter((h) => h.reason !== EARLY && !h.reason.startsWith(BONUS_PREFIX) && h.effectiveDate <= cur.effectiveDate).map((h) => h.effectiveDate).sort().at(-1) ?? cur.effectiveDate;
  let from = firstCountedYear(regular);
  const advances = (y: number) => c.grades.find((x) => x.grade === s.grades.get(y))?.action === 'advance';
  if (rules.failedYear === 'resets') for (const y of range(from, year)) if (!advances(y)) from = y + 1;
  const counted = range(from, year).filter(advances).map((y) => `${y}${s.grades.get(y)}`);
  const basis = `自 ${from} 年起计入晋级年限 ${counted.length} 年${counted.length ? `（${counted.join('、')}）` : ''}`;
  let steps = 0;
  let isRegular = false;
  const why: string[] = [basis];
  if (counted.length >= c.stepYears) {
    steps++;
    isRegular = true;
    why.push(`满 ${c.stepYears} 年 → 晋升 1 级`);
  } else why.push(`不足 ${c.stepYears} 年`);

  const early = rules.earlyStep;
  let isEarly = false;
  if (early) {
    const earlier = history.filter((h) => h.reason === EARLY || h.reason === REGULAR_AND_EARLY).map((h) => h.effectiveDate).sort();
    // Years an earlier early step already used cannot count again.
    const notBefore = earlier.length ? firstCountedYear(earlier.at(-1)!) : 0;
    if (streak(early.grade, early.consecutive, notBefore)) {
      if (earlier.length >= early.maxTimes) why.push(`连续 ${early.consecutive} 年${early.grade}，但提前晋级已达 ${early.maxTimes} 次上限`);
      else {
        steps++;
        isEarly = true;
        why.push(`连续 ${early.consecutive} 年${early.grade} → 提前晋升 1 级（第 ${earlier.length + 1} 次，最多 ${early.maxTimes} 次）`);
      }
    }
  }
  if (!steps) return keep('none', why.join('，'));
  const to = Math.min(cur.level + steps, post.maxLevel);
  if (to === cur.level) return keep('none', `${why.join('，')}，但已达${post.name}最高 ${post.maxLevel} 级`);
  if (to < cur.level + steps) why.push(`受${post.name}最高 ${post.maxLevel} 级限制`);
  // Capped to one step with both due: it is the regular one, and no early step is used up.
  const reason = !isEarly ? '到期晋级' : !isRegular ? EARLY : to - cur.level < steps ? '到期晋级' : REGULAR_AND_EARLY;
  return move(to, reason, why.join('，'));
}
