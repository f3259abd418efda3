import type { SchemeConfig } from '../scheme-schema.ts';
import type { VoteTotals } from './totals.ts';

// 一票否决: each triggered rule caps the grade at the rule's grade. Vote shares compare as
// integers (votes × den > valid × num) so "above 1/3" is exact at 3 of 9.

export interface VetoHit {
  grade: string;
  reason: string;
}

export function vetoHits(c: SchemeConfig, scores: Record<string, number>, votes: VoteTotals): VetoHit[] {
  const hits: VetoHit[] = [];
  for (const r of c.vetoRules) {
    if (r.kind === 'voteShare') {
      const n = votes.counts[r.option] ?? 0;
      if (votes.valid > 0 && n * r.above.den > votes.valid * r.above.num)
        hits.push({ grade: r.grade, reason: `“${r.option}”票 ${n}/${votes.valid} 超过 ${r.above.num}/${r.above.den}` });
    } else {
      const v = scores[r.indicatorKey];
      if (v !== undefined && v <= r.atOrBelow) hits.push({ grade: r.grade, reason: `否决指标“${r.indicatorKey}”得分 ${v} 不高于 ${r.atOrBelow}` });
    }
  }
  return hits;
}

/** The worse of two grades by their position in the label list (best first). */
export function worseGrade(labels: readonly string[], a: string, b: string): string {
  return labels.indexOf(b) > labels.indexOf(a) ? b : a;
}

export function applyVetoes(labels: readonly string[], grade: string, hits: VetoHit[]): string {
  return hits.reduce((g, h) => worseGrade(labels, g, h.grade), grade);
}
