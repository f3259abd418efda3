import { wholeYearsBetween } from '../roster/dates.ts';
import type { SchemeConfig, SchemePost } from './scheme-schema.ts';

// 初次定级: start at the post's first level, add one level per full `stepYears` of
// 社区工作年限, count education as extra service years (视同工作年限, credited as the
// levels those extra years complete), add the qualification's levels, cap at the post's
// top level. Every step is returned as one line of explanation.

export interface GradingPerson {
  postCategory: string;
  communityWorkStartDate: string | null;
  ftEducation: string | null;
  ftDegree: string | null;
  ptEducation: string | null;
  ptDegree: string | null;
  swQualification: string | null;
  swQualificationDate: string | null;
}

export interface GradingStep {
  rule: 'service' | 'education' | 'qualification' | 'start' | 'cap';
  levels: number;
  text: string;
}

export type GradingResult =
  | { ok: true; post: string; level: number; steps: GradingStep[] }
  | { ok: false; field: string; message: string };

const EDU_RANK = ['大专', '本科', '硕士', '博士'] as const;
export type EduKey = (typeof EDU_RANK)[number];

/** The roster's 学历 + 学位 read as one of the scheme's education keys. */
export function educationKey(education: string | null, degree: string | null): EduKey | null {
  if (degree === '博士') return '博士';
  if (degree === '硕士' || education === '研究生') return '硕士';
  if (education === '大学本科') return '本科';
  if (education === '大学专科') return '大专';
  return null;
}

export function highestEducation(c: SchemeConfig, p: GradingPerson): EduKey | null {
  const keys = [educationKey(p.ftEducation, p.ftDegree)];
  if (c.countPartTimeEducation) keys.push(educationKey(p.ptEducation, p.ptDegree));
  let best: EduKey | null = null;
  for (const k of keys) if (k && (!best || EDU_RANK.indexOf(k) > EDU_RANK.indexOf(best))) best = k;
  return best;
}

/** The scheme post that the roster's 岗位类别 grades into, or the named post. */
export function postFor(c: SchemeConfig, postCategory: string, postName?: string | null): SchemePost | undefined {
  if (postName) return c.posts.find((p) => p.name === postName);
  return c.posts.find((p) => p.category === postCategory);
}

export function gradeInitial(c: SchemeConfig, p: GradingPerson, asOf: string, postName?: string | null): GradingResult {
  const post = postFor(c, p.postCategory, postName);
  if (!post)
    return postName
      ? { ok: false, field: 'post', message: `「岗位」“${postName}”不在该薪酬方案中` }
      : { ok: false, field: 'postCategory', message: `「岗位类别」“${p.postCategory}”在该薪酬方案中没有对应岗位，请指定岗位` };
  const steps: GradingStep[] = [];
  const n = c.stepYears;

  const service = p.communityWorkStartDate ? Math.max(0, wholeYearsBetween(p.communityWorkStartDate, asOf)) : 0;
  const serviceLevels = Math.floor(service / n);
  steps.push({
    rule: 'service',
    levels: serviceLevels,
    text: p.communityWorkStartDate
      ? `社区工作 ${service} 年（每满 ${n} 年 1 级）→ +${serviceLevels} 级`
      : '未填写社区工作起始时间，工作年限按 0 年 → +0 级',
  });

  const edu = highestEducation(c, p);
  const eduYears = edu ? (c.educationCredits.find((e) => e.education === edu)?.years ?? 0) : 0;
  if (edu) {
    // Education years join the service years, so they complete partial steps too.
    const eduLevels = Math.floor((service + eduYears) / n) - serviceLevels;
    steps.push({ rule: 'education', levels: eduLevels, text: `${edu}视同 ${eduYears} 年（合计 ${service + eduYears} 年）→ +${eduLevels} 级` });
  }

  const qual = p.swQualification && (!p.swQualificationDate || p.swQualificationDate <= asOf)
    ? c.qualificationCredits.find((q) => q.qualification === p.swQualification)
    : undefined;
  if (qual?.kind === 'levels') steps.push({ rule: 'qualification', levels: qual.levels, text: `${qual.qualification} → +${qual.levels} 级` });
  else if (qual) steps.push({ rule: 'qualification', levels: 0, text: `${qual.qualification} → 不加级，按月发资格津贴` });

  const added = steps.reduce((s, x) => s + x.levels, 0);
  const raw = post.minLevel + added;
  steps.push({ rule: 'start', levels: post.minLevel, text: `${post.name}起点 ${post.minLevel} 级 → ${raw} 级` });
  let level = raw;
  if (raw > post.maxLevel) {
    level = post.maxLevel;
    steps.push({ rule: 'cap', levels: post.maxLevel - raw, text: `超过${post.name}最高 ${post.maxLevel} 级 → 按 ${post.maxLevel} 级定级` });
  }
  return { ok: true, post: post.name, level, steps };
}
