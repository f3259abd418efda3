import type { Ctx } from '../context.ts';

// The roster as the statistics read it: one flat record per person with the derived facts
// (age at the reference date, highest education, posts held) computed once, so the ~50
// column predicates of a report run over plain fields.

export interface StatPerson {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  age: number;
  politicalStatus: string;
  ftEducation: string | null;
  highestEducation: string | null;
  posts: string[];
  oneShoulder: boolean;
  crossPosting: boolean;
  postCategory: string;
  swQualification: string | null;
  level: number | null;
  communityWorkStartDate: string | null;
  status: string;
  statusDate: string | null;
}

// GB/T 4658 order, best first; a higher rank is more education.
const EDU_RANK: Record<string, number> = { 研究生: 7, 大学本科: 6, 大学专科: 5, 中等职业教育: 4, 普通高中: 4, 初中: 2, 小学: 1, 其他: 0 };

export function eduRank(e: string | null): number {
  return e === null ? -1 : (EDU_RANK[e] ?? 0);
}

export function higherEducation(a: string | null, b: string | null): string | null {
  return eduRank(b) > eduRank(a) ? b : a;
}

/**
 * In post on `asOf`: started community work on or before it (or start unknown), and either
 * still in post or left after it. Birthdays count on the day: someone born on 1996-05-01 is
 * 30 on 2026-05-01.
 */
// The one in-post rule, shared by the full load and the headcount.
export const IN_POST = `p.deleted_at IS NULL AND p.org_id IN (SELECT value FROM json_each(@orgs))
          AND (p.community_work_start_date IS NULL OR p.community_work_start_date <= @asOf)
          AND (p.status = '在岗' OR p.status_date IS NULL OR p.status_date > @leftAfter)`;

/** How many people loadPeople would return, without loading them. */
export function countInPost(ctx: Ctx, orgIds: readonly string[], asOf: string): number {
  return (ctx.sqlite.prepare(`SELECT COUNT(*) AS n FROM people p WHERE ${IN_POST}`).get({ orgs: JSON.stringify(orgIds), asOf, leftAfter: asOf }) as { n: number }).n;
}

export function loadPeople(ctx: Ctx, orgIds: readonly string[], asOf: string, opts: { includeLeft?: { from: string } } = {}): StatPerson[] {
  // Raw rows (arrays, not objects) and no ORDER BY: at county scale (20,000 people) building
  // objects and sorting by name were most of the time; drill-down lists sort their own few rows.
  const hasLevels = ctx.sqlite.prepare('SELECT 1 FROM salary_level_history WHERE deleted_at IS NULL LIMIT 1').get() !== undefined;
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, p.org_id, o.name, p.gender, p.ethnicity, p.birth_date, p.political_status, p.ft_education, p.pt_education,
              p.posts, p.one_shoulder, p.cross_posting, p.post_category, p.sw_qualification, p.sw_qualification_date,
              p.community_work_start_date, p.status, p.status_date
         FROM people p JOIN org_units o ON o.id = p.org_id
        WHERE ${IN_POST}`,
    )
    .raw(true)
    .all({ orgs: JSON.stringify(orgIds), asOf, leftAfter: opts.includeLeft?.from ?? asOf }) as (string | number | null)[][];
  const levels = hasLevels ? levelsOn(ctx, asOf) : new Map<string, number>();
  return rows.map((r) => {
    const [id, name, orgId, orgName, gender, ethnicity, birthDate, politicalStatus, ft, pt, posts, oneShoulder, crossPosting,
      postCategory, sw, swDate, communityWorkStartDate, status, statusDate] = r as [string, string, string, string, string, string, string, string,
      string | null, string | null, string, number, number, string, string | null, string | null, string | null, string, string | null];
    return {
      id, name, orgId, orgName, gender, ethnicity, birthDate,
      age: ageOn(birthDate, asOf),
      politicalStatus,
      ftEducation: ft,
      highestEducation: higherEducation(ft, pt),
      posts: JSON.parse(posts) as string[],
      oneShoulder: oneShoulder === 1, crossPosting: crossPosting === 1, postCategory,
      // A certificate obtained after the reference date is not yet held on it.
      swQualification: sw && (!swDate || swDate <= asOf) ? sw : null,
      level: levels.get(id) ?? null,
      communityWorkStartDate, status, statusDate,
    };
  });
}

/** Each person's 岗级 in effect on `date`: the latest effective row, ties to the later change. */
function levelsOn(ctx: Ctx, date: string): Map<string, number> {
  const rows = ctx.sqlite.prepare(
    `SELECT person_id, level FROM salary_level_history WHERE deleted_at IS NULL AND effective_date <= ? ORDER BY person_id, effective_date, change_seq`,
  ).raw(true).all(date) as [string, number][];
  // Ascending order: the last row per person wins.
  return new Map(rows);
}

/** Whole years on `asOf`, the birthday counting (same rule as wholeYearsBetween, without splitting strings). */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** In post on `date` (used when a load spans a whole year). */
export function inPostOn(p: Pick<StatPerson, 'communityWorkStartDate' | 'status' | 'statusDate'>, date: string): boolean {
  if (p.communityWorkStartDate && p.communityWorkStartDate > date) return false;
  return p.status === '在岗' || p.statusDate === null || p.statusDate > date;
}

export const PARTY_POSTS = ['书记', '副书记', '党组织委员'];
export const COMMITTEE_POSTS = ['居委会主任', '居委会副主任', '居委会委员'];

/** 两委成员: a member of the community party organisation's committee or of the residents' committee. */
export function isCommitteeMember(p: Pick<StatPerson, 'posts'>): boolean {
  return p.posts.some((x) => PARTY_POSTS.includes(x) || COMMITTEE_POSTS.includes(x));
}

/** 书记、主任一肩挑: flagged on the roster, or holding both posts. */
export function isOneShoulder(p: Pick<StatPerson, 'posts' | 'oneShoulder'>): boolean {
  return p.oneShoulder || (p.posts.includes('书记') && p.posts.includes('居委会主任'));
}

/** 两委交叉任职: flagged on the roster, or holding a party-committee and a residents'-committee post. */
export function isCrossPosted(p: Pick<StatPerson, 'posts' | 'crossPosting'>): boolean {
  return p.crossPosting || (p.posts.some((x) => PARTY_POSTS.includes(x)) && p.posts.some((x) => COMMITTEE_POSTS.includes(x)));
}
