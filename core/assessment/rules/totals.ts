import { leafIndicators, type SchemeConfig } from '../scheme-schema.ts';

// Weighted totals on a 100-point scale. A component's score is its share of the attainable
// points (or, for a `votes` component, the average option points per vote), times 100;
// the total is the weight-averaged component score, rounded to 2 decimals so that ties
// compare on exactly what people see.

export interface VoteTotals {
  /** Valid ballots of the sessions this person was on. */
  valid: number;
  counts: Record<string, number>;
}

export interface Totals {
  components: Record<string, number | null>;
  total: number;
  /** Every score indicator entered and every vote component has votes. */
  complete: boolean;
  missing: string[];
}

export const round2 = (x: number) => Math.round(x * 100 + Number.EPSILON * 100) / 100;

export function computeTotals(c: SchemeConfig, scores: Record<string, number>, votes: VoteTotals): Totals {
  const leaves = leafIndicators(c);
  const components: Record<string, number | null> = {};
  const missing: string[] = [];
  let total = 0;
  for (const comp of c.components) {
    let score: number | null;
    if (comp.source === 'votes') {
      let n = 0;
      let pts = 0;
      for (const o of c.voteOptions) {
        const k = votes.counts[o.label] ?? 0;
        n += k;
        pts += k * o.points;
      }
      score = n > 0 ? pts / n : null;
      if (score === null) missing.push(comp.name);
    } else {
      let got = 0;
      let max = 0;
      for (const l of leaves) {
        if (l.componentKey !== comp.key) continue;
        max += l.maxPoints;
        const v = scores[l.key];
        if (v === undefined) missing.push(`${comp.name}·${l.name}`);
        else got += v;
      }
      score = max > 0 ? (got / max) * 100 : null;
    }
    components[comp.key] = score === null ? null : round2(score);
    total += ((score ?? 0) * comp.weight) / 100;
  }
  return { components, total: round2(total), complete: missing.length === 0, missing };
}

/** Sums one person's tallies over several sessions. */
export function sumVotes(parts: { valid: number; counts: Record<string, number> | undefined }[]): VoteTotals {
  const counts: Record<string, number> = {};
  let valid = 0;
  for (const p of parts) {
    if (!p.counts) continue;
    valid += p.valid;
    for (const [k, n] of Object.entries(p.counts)) counts[k] = (counts[k] ?? 0) + n;
  }
  return { valid, counts };
}
