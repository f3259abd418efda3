import type { Ctx } from '../context.ts';
import { wholeYearsBetween } from '../roster/dates.ts';

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
export function loadPeople(ctx: Ctx, orgIds: readonly string[], asOf: string, opts: { includeLeft?: { from: string } } = {}): StatPerson[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id, p.name, p.org_id AS orgId, o.name AS orgName, p.gender, p.ethnicity, p.birth_date AS birthDate,
              p.political_status AS politicalStatus, p.ft_education AS ftEducation, p.pt_education AS ptEducation,
              p.posts, p.one_shoulder AS oneShoulder, p.cross_posting AS crossPosting, p.post_category AS postCategory,
              p.sw_qualification AS swQualification, p.sw_qualification_date AS swDate,
              p.community_work_start_date AS communityWorkStartDate, p.status, p.status_date AS statusDate, lv.level AS level
         FROM people p JOIN org_units o ON o.id = p.org_id
         LEFT JOIN (SELECT person_id, level FROM (
                      SELECT person_id, level, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY effective_date DESC, change_seq DESC) AS rn
                        FROM salary_level_history WHERE deleted_at IS NULL AND effective_date <= @asOf) WHERE rn = 1) lv
                ON lv.person_id = p.id
        WHERE p.deleted_at IS NULL AND p.org_id IN (SELECT value FROM json_each(@orgs))
          AND (p.community_work_start_date IS NULL OR p.community_work_start_date <= @asOf)
          AND (p.status = '在岗' OR p.status_date IS NULL OR p.status_date > @leftAfter)
        ORDER BY o.code, p.name`,
    )
    .all({ orgs: JSON.stringify(orgIds), asOf, leftAfter: opts.includeLeft?.from ?? asOf }) as Record<string, unknown>[];
  return rows.map((r) => {
    const swDate = r.swDate as string | null;
    const sw = r.swQualification as string | null;
    return {
      id: r.id as string, name: r.name as string, orgId: r.orgId as string, orgName: r.orgName as string,
      gender: r.gender as string, ethnicity: r.ethnicity as string, birthDate: r.birthDate as string,
      age: wholeYearsBetween(r.birthDate as string, asOf),
      politicalStatus: r.politicalStatus as string,
      ftEducation: r.ftEducation as string | null,
      highestEducation: higherEducation(r.ftEducation as string | null, r.ptEducation as string | null),
      posts: JSON.parse(r.posts as string) as string[],
      oneShoulder: r.oneShoulder === 1, crossPosting: r.crossPosting === 1, postCategory: r.postCategory as string,
      // A certificate obtained after the reference date is not yet held on it.
      swQualification: sw && (!swDate || swDate <= asOf) ? sw : null,
      level: (r.level as number | null) ?? null,
      communityWorkStartDate: r.communityWorkStartDate as string | null,
      status: r.status as string, statusDate: r.statusDate as string | null,
    };
  });
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
