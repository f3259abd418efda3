import { inArray } from 'drizzle-orm';
import { assessmentEntries } from '../../db/schema/index.ts';
import type { TxCtx } from '../context.ts';
import type { Sheet } from './contract.ts';
import { buildSheet, syncStatuses } from './sheet.ts';

// A final grade is chosen against a proposal. When new scores or votes change that proposal,
// the grade no longer answers the sheet on screen: it is cleared (in the same mutation, so the
// audit row shows it) and must be chosen again, so a stale grade can never be confirmed.

export interface ClearedGrade {
  entryId: string;
  name: string;
  finalGrade: string;
  proposedBefore: string | null;
  proposedNow: string | null;
}

export function clearStaleGrades(tx: TxCtx, cycleId: string, before: Sheet): ClearedGrade[] {
  const after = new Map(buildSheet(tx, cycleId).rows.map((r) => [r.entryId, r]));
  const cleared: ClearedGrade[] = [];
  for (const r of before.rows) {
    const now = after.get(r.entryId);
    if (!now || r.finalGrade === null || now.proposedGrade === r.proposedGrade) continue;
    cleared.push({ entryId: r.entryId, name: r.name, finalGrade: r.finalGrade, proposedBefore: r.proposedGrade, proposedNow: now.proposedGrade });
  }
  if (cleared.length)
    tx.db.update(assessmentEntries)
      .set({ finalGrade: null, finalReason: null, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(inArray(assessmentEntries.id, cleared.map((c) => c.entryId))).run();
  return cleared;
}

/**
 * After scores or votes changed (saveScores, saveSession, deleteSession): the stored statuses
 * follow the sheet and grades chosen against a changed proposal are cleared. The caller's
 * audit row carries the result under `clearedGrades` (always present, possibly empty).
 */
export function settleAfterChange(tx: TxCtx, cycleId: string, before: Sheet): ClearedGrade[] {
  syncStatuses(tx, cycleId);
  return clearStaleGrades(tx, cycleId, before);
}
