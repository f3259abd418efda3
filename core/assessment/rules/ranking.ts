import type { Rounding, SchemeConfig } from '../scheme-schema.ts';

/** Standard competition ranking (1, 2, 2, 4) by total, highest first. */
export function competitionRanks(totals: readonly number[]): number[] {
  const order = totals.map((t, i) => i).sort((a, b) => totals[b]! - totals[a]!);
  const ranks = new Array<number>(totals.length);
  order.forEach((idx, pos) => {
    const prev = order[pos - 1];
    ranks[idx] = pos > 0 && totals[prev!] === totals[idx] ? ranks[prev!]! : pos + 1;
  });
  return ranks;
}

/** The top-grade cap: percent of the assessed headcount, rounded as the scheme says. */
export function quotaSize(headcount: number, percent: number, rounding: Rounding): number {
  // Percent × headcount in hundredths first, so 15% of 20 is exactly 3 and not 2.9999.
  const x = Math.round(headcount * percent * 100) / 10000;
  return rounding === 'floor' ? Math.floor(x) : rounding === 'ceil' ? Math.ceil(x) : Math.floor(x + 0.5);
}

export function thresholdGrade(c: SchemeConfig, total: number): string {
  for (const t of c.thresholds) if (total >= t.minTotal) return t.grade;
  return c.gradeLabels[c.gradeLabels.length - 1]!;
}

export interface QuotaInput {
  id: string;
  total: number;
  /** Grade from the thresholds after veto rules. */
  grade: string;
}

export interface QuotaOutcome {
  quota: number;
  /** Proposed grade per id; null for people tied at the quota boundary (a human decides). */
  proposed: Map<string, string | null>;
  /** Ids moved down one grade only because the quota was full. */
  overQuota: Set<string>;
  /** The tie at the boundary, if any: `slots` top grades remain for `ids`. */
  tie: { total: number; slots: number; ids: string[] } | null;
}

export function applyQuota(c: SchemeConfig, people: readonly QuotaInput[]): QuotaOutcome {
  const [top, next] = c.gradeLabels as [string, string];
  const quota = quotaSize(people.length, c.quota.percent, c.quota.rounding);
  const proposed = new Map<string, string | null>(people.map((p) => [p.id, p.grade]));
  const overQuota = new Set<string>();
  const candidates = people.filter((p) => p.grade === top).sort((a, b) => b.total - a.total);
  if (candidates.length <= quota) return { quota, proposed, overQuota, tie: null };
  const demote = (p: QuotaInput) => {
    proposed.set(p.id, next);
    overQuota.add(p.id);
  };
  if (quota === 0) {
    candidates.forEach(demote);
    return { quota, proposed, overQuota, tie: null };
  }
  const cutoff = candidates[quota - 1]!.total;
  if (candidates[quota]!.total !== cutoff) {
    candidates.slice(quota).forEach(demote);
    return { quota, proposed, overQuota, tie: null };
  }
  const above = candidates.filter((p) => p.total > cutoff).length;
  const tied = candidates.filter((p) => p.total === cutoff);
  for (const p of tied) proposed.set(p.id, null);
  candidates.filter((p) => p.total < cutoff).forEach(demote);
  return { quota, proposed, overQuota, tie: { total: cutoff, slots: quota - above, ids: tied.map((p) => p.id) } };
}
