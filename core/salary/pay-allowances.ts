import { wholeYearsBetween } from '../roster/dates.ts';
import type { PayItem } from './contract.ts';
import { educationKey, type EduKey } from './grading.ts';
import { EDUCATION_KEYS, type Allowance } from './scheme-components.ts';
import type { SchemeConfig } from './scheme-schema.ts';

// The allowances a person's attributes select on a month's first day. Items sharing a
// non-cumulative group pay only the highest of them (the first listed on a tie).

export interface AllowancePerson {
  communityWorkStartDate: string | null;
  swQualification: string | null;
  swQualificationDate: string | null;
  ftEducation?: string | null;
  ftDegree?: string | null;
  ptEducation?: string | null;
  ptDegree?: string | null;
  oneShoulder?: boolean | number | null;
  crossPosting?: boolean | number | null;
}

function educationRate(a: Extract<Allowance, { kind: 'education' }>, key: EduKey | null, partTime: boolean): number {
  if (!key) return 0;
  // The highest listed tier at or below the person's education: a 博士 under a 研究生 rate gets it.
  let best = 0;
  for (const r of a.rates)
    if (EDUCATION_KEYS.indexOf(r.education) <= EDUCATION_KEYS.indexOf(key)) best = Math.max(best, partTime ? r.partTimeFen : r.fullTimeFen);
  return best;
}

function serviceYears(p: AllowancePerson, refDate: string): number {
  return p.communityWorkStartDate ? Math.max(0, wholeYearsBetween(p.communityWorkStartDate, refDate)) : 0;
}

function amountOf(a: Allowance, p: AllowancePerson, refDate: string): number {
  const years = serviceYears(p, refDate);
  const qual = p.swQualification && (!p.swQualificationDate || p.swQualificationDate <= refDate) ? p.swQualification : null;
  switch (a.kind) {
    case 'fixed':
      return a.amountFen;
    case 'seniority': {
      let amount = 0;
      for (const b of a.bands) if (b.minYears <= years) amount = b.amountFen;
      return amount;
    }
    case 'perYear':
      return a.amountFen * (a.maxYears === null ? years : Math.min(years, a.maxYears));
    case 'education':
      return Math.max(educationRate(a, educationKey(p.ftEducation ?? null, p.ftDegree ?? null), false), educationRate(a, educationKey(p.ptEducation ?? null, p.ptDegree ?? null), true));
    case 'qualification':
      return qual ? (a.rates.find((r) => r.qualification === qual)?.amountFen ?? 0) : 0;
    case 'oneShoulder':
      return p.oneShoulder ? a.amountFen : 0;
    case 'crossPosting':
      return p.crossPosting ? a.amountFen : 0;
  }
}

/** Allowance items for the person, non-cumulative groups reduced to their highest item. */
export function allowanceItems(c: SchemeConfig, p: AllowancePerson, refDate: string): PayItem[] {
  const picked: { group: string | null; item: PayItem }[] = [];
  for (const a of c.allowances) {
    const fen = amountOf(a, p, refDate);
    if (fen > 0) picked.push({ group: a.group, item: { key: `allowance.${a.name}`, label: a.name, fen } });
  }
  // The older 资格津贴 of `qualificationCredits` stays an allowance of its own.
  if (p.swQualification && (!p.swQualificationDate || p.swQualificationDate <= refDate)) {
    const q = c.qualificationCredits.find((x) => x.qualification === p.swQualification);
    if (q?.kind === 'allowance' && q.allowanceFen > 0) {
      const label = `${q.qualification}资格津贴`;
      picked.push({ group: null, item: { key: `allowance.${label}`, label, fen: q.allowanceFen } });
    }
  }
  const best = new Map<string, PayItem>();
  for (const x of picked) if (x.group !== null && (best.get(x.group)?.fen ?? -1) < x.item.fen) best.set(x.group, x.item);
  return picked.filter((x) => x.group === null || best.get(x.group) === x.item).map((x) => x.item);
}
