import type { SchemeConfig } from '../scheme-schema.ts';
import { applyQuota, competitionRanks, thresholdGrade } from './ranking.ts';
import { rates } from './tally.ts';
import { computeTotals, sumVotes, type VoteTotals } from './totals.ts';
import { applyVetoes, vetoHits, type VetoHit } from './veto.ts';

// The whole results pipeline for one cycle, pure: totals → ranks → threshold grades →
// veto rules → the top-grade quota (ties at the boundary left for a person to decide).

export interface EvalEntry {
  id: string;
  scores: Record<string, number>;
}

export interface EvalSession {
  valid: number;
  tallies: Record<string, Record<string, number>>;
}

export interface EvalRow {
  id: string;
  components: Record<string, number | null>;
  total: number;
  complete: boolean;
  missing: string[];
  rank: number;
  votes: VoteTotals;
  rates: Record<string, number | null>;
  vetoes: VetoHit[];
  thresholdGrade: string;
  proposed: string | null;
  tie: boolean;
  overQuota: boolean;
}

export interface CycleEvaluation {
  rows: EvalRow[];
  quota: number;
  tie: { total: number; slots: number; ids: string[] } | null;
}

export function evaluateCycle(c: SchemeConfig, entries: readonly EvalEntry[], sessions: readonly EvalSession[]): CycleEvaluation {
  const options = c.voteOptions.map((o) => o.label);
  const base = entries.map((e) => {
    const votes = sumVotes(sessions.map((s) => ({ valid: s.valid, counts: s.tallies[e.id] })));
    const totals = computeTotals(c, e.scores, votes);
    const vetoes = vetoHits(c, e.scores, votes);
    const byThreshold = thresholdGrade(c, totals.total);
    return { e, votes, totals, vetoes, byThreshold, grade: applyVetoes(c.gradeLabels, byThreshold, vetoes) };
  });
  const ranks = competitionRanks(base.map((b) => b.totals.total));
  const q = applyQuota(c, base.map((b) => ({ id: b.e.id, total: b.totals.total, grade: b.grade })));
  const rows = base.map((b, i): EvalRow => {
    const proposed = q.proposed.get(b.e.id) ?? null;
    return {
      id: b.e.id,
      components: b.totals.components,
      total: b.totals.total,
      complete: b.totals.complete,
      missing: b.totals.missing,
      rank: ranks[i]!,
      votes: b.votes,
      rates: rates(b.votes.counts, b.votes.valid, options),
      vetoes: b.vetoes,
      thresholdGrade: b.byThreshold,
      proposed,
      tie: proposed === null,
      overQuota: q.overQuota.has(b.e.id),
    };
  });
  return { rows, quota: q.quota, tie: q.tie };
}
