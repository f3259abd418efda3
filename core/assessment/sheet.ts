import type { Ctx, TxCtx } from '../context.ts';
import type { Sheet, SheetRow } from './contract.ts';
import { evaluateCycle } from './rules/evaluate.ts';
import { leafIndicators } from './scheme-schema.ts';
import { cycleEntries, cycleSessions, cycleSummary, loadCycleRow, loadFrozenSheet, loadSchemeRow, toSchemeRecord, type CycleRow } from './store.ts';
import { trainingHoursFor, trainingPoints } from './training-source.ts';

// An open cycle's sheet is computed on every read from the stored points, tallies and the
// training module, so a total or a proposal can never go stale. `confirm` stores the sheet
// as it stood (frozenSheet) and a locked cycle is shown from that copy only: a training
// record removed afterwards cannot change a confirmed total, rank, grade or printout.

/** What `confirm` stores: the sheet without the live cycle summary. */
export type FrozenSheet = Omit<Sheet, 'cycle'>;

export function frozenSheet(s: Sheet): FrozenSheet {
  const { cycle: _c, ...rest } = s;
  // Stored as it will be shown once locked: every row confirmed, the scheme in use by a lock.
  return { ...rest, scheme: { ...rest.scheme, usedByLockedCycle: true }, rows: rest.rows.map((r) => ({ ...r, status: '已确认' })) };
}

export function buildSheet(ctx: Ctx, cycleId: string): Sheet {
  const cycleRow = loadCycleRow(ctx, cycleId);
  // Cycles locked before snapshots existed have no copy and are still computed live.
  const frozen = cycleRow.status === 'locked' ? (loadFrozenSheet(ctx, cycleId) as FrozenSheet | null) : null;
  if (frozen) return { ...frozen, cycle: cycleSummary(ctx, cycleId) };
  return computeSheet(ctx, cycleRow);
}

function computeSheet(ctx: Ctx, cycleRow: CycleRow): Sheet {
  const cycleId = cycleRow.id;
  const scheme = toSchemeRecord(ctx, loadSchemeRow(ctx, cycleRow.schemeId));
  const cfg = scheme.config;
  const leaves = leafIndicators(cfg);
  const autoLeaves = leaves.filter((l) => l.auto === 'trainingHours');
  const training = autoLeaves.length ? trainingHoursFor(ctx, cycleRow.year, cycleRow.orgId) : null;
  const entries = cycleEntries(ctx, cycleId);
  const sessions = cycleSessions(ctx, cycleId);

  const prepared = entries.map(({ e }) => {
    const scores = { ...e.scores };
    const autoKeys: string[] = [];
    const t = training?.get(e.personId) ?? null;
    for (const l of autoLeaves) {
      const pts = trainingPoints(l.maxPoints, t ?? undefined);
      if (pts !== null) {
        scores[l.key] = pts;
        autoKeys.push(l.key);
      }
    }
    return { id: e.id, scores, autoKeys, training: t };
  });
  const ev = evaluateCycle(cfg, prepared, sessions);
  const locked = cycleRow.status === 'locked';
  const rows: SheetRow[] = entries.map(({ e, orgName }, i) => {
    const r = ev.rows[i]!;
    const p = prepared[i]!;
    const anyInput = Object.keys(e.scores).length > 0 || r.votes.valid > 0;
    return {
      entryId: e.id, personId: e.personId, name: e.personName, orgName, posts: e.posts,
      status: locked ? '已确认' : !anyInput ? '未评' : r.complete ? '已评' : '评分中',
      scores: p.scores, autoKeys: p.autoKeys, training: p.training,
      components: r.components, total: r.total, complete: r.complete, missing: r.missing, rank: r.rank,
      votes: r.votes, rates: r.rates, vetoes: r.vetoes, thresholdGrade: r.thresholdGrade,
      proposedGrade: r.proposed, tie: r.tie, overQuota: r.overQuota,
      finalGrade: e.finalGrade, finalReason: e.finalReason, selfAssessment: e.selfAssessment, reportNotes: e.reportNotes,
    };
  });
  return {
    cycle: cycleSummary(ctx, cycleId),
    scheme,
    leaves: leaves.map((l) => ({ ...l, auto: l.auto })),
    rows,
    sessions,
    quota: ev.quota,
    tie: ev.tie,
    trainingSource: training ? 'training' : 'none',
  };
}

/**
 * Brings the stored per-person status (read by the cycle list) in line with the computed
 * one after scores or tallies change; only rows whose status moved are written.
 */
export function syncStatuses(tx: TxCtx, cycleId: string): void {
  const stored = new Map(
    (tx.sqlite.prepare('SELECT id, status FROM assessment_entries WHERE cycle_id = ? AND deleted_at IS NULL').all(cycleId) as { id: string; status: string }[]).map((r) => [r.id, r.status]),
  );
  const upd = tx.sqlite.prepare('UPDATE assessment_entries SET status = ?, updated_at = ?, change_seq = ? WHERE id = ?');
  for (const r of buildSheet(tx, cycleId).rows) if (stored.get(r.entryId) !== r.status) upd.run(r.status, tx.nowIso, tx.seq(), r.entryId);
}
