import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { assessmentCycles, assessmentEntries, assessmentResults } from '../../db/schema/index.ts';
import { AppError, validationError, type FieldIssue } from '../contract/errors.ts';
import type { TxCtx } from '../context.ts';
import type { CycleSummary } from './contract.ts';
import { buildSheet, frozenSheet, syncStatuses } from './sheet.ts';
import { cycleSummary, loadCycleRow } from './store.ts';

const names = (rows: { name: string }[]) => rows.slice(0, 5).map((r) => r.name).join('、') + (rows.length > 5 ? ` 等 ${rows.length} 人` : '');

/** Confirm and lock: every person scored and graded, the quota respected; results frozen. */
export function confirmCycle(tx: TxCtx, cycleId: string): CycleSummary {
  const cycle = loadCycleRow(tx, cycleId);
  if (cycle.status === 'locked') throw new AppError('conflict', `考核周期“${cycle.name}”已确认锁定，无需重复确认`);
  const sheet = buildSheet(tx, cycleId);
  const labels = sheet.scheme.config.gradeLabels;
  const issues: FieldIssue[] = [];
  const incomplete = sheet.rows.filter((r) => !r.complete);
  if (incomplete.length) issues.push({ path: 'scores', message: `「得分」${names(incomplete)}尚未评完（如${incomplete[0]!.missing.slice(0, 3).join('、')}）` });
  const ungraded = sheet.rows.filter((r) => !r.finalGrade);
  if (ungraded.length) issues.push({ path: 'finalGrade', message: `「最终等次」${names(ungraded)}尚未确定` });
  const noReason = sheet.rows.filter((r) => r.finalGrade && r.finalGrade !== r.proposedGrade && !r.finalReason);
  if (noReason.length) issues.push({ path: 'reason', message: `「调整理由」${names(noReason)}的最终等次与拟定等次不同，须写明理由` });
  const top = sheet.rows.filter((r) => r.finalGrade === labels[0]).length;
  if (top > sheet.quota) issues.push({ path: 'finalGrade', message: `「最终等次」${labels[0]} ${top} 人，超过名额 ${sheet.quota} 人` });
  if (issues.length) throw validationError(issues);

  // json_each instead of an IN list: a county-wide cycle can exceed SQLite's variable limit.
  const clash = tx.sqlite
    .prepare(
      `SELECT p.name AS name FROM assessment_results r JOIN people p ON p.id = r.person_id
        WHERE r.year = ? AND r.deleted_at IS NULL AND r.cycle_id <> ?
          AND r.person_id IN (SELECT value FROM json_each(?))`,
    )
    .all(cycle.year, cycleId, JSON.stringify(sheet.rows.map((r) => r.personId))) as { name: string }[];
  if (clash.length)
    throw new AppError('conflict', `${names(clash)}已在本年度另一考核周期确认结果，同一人每年只能有一个确认结果`);

  const seq = tx.seq();
  const entryOrg = new Map(tx.db.select({ id: assessmentEntries.id, orgId: assessmentEntries.orgId }).from(assessmentEntries).where(eq(assessmentEntries.cycleId, cycleId)).all().map((e) => [e.id, e.orgId]));
  const ins = tx.sqlite.prepare(
    `INSERT INTO assessment_results (id, org_id, person_id, year, cycle_id, grade, total, rank, rank_of, confirmed_at, created_at, updated_at, change_seq)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of sheet.rows)
    ins.run(randomUUID(), entryOrg.get(r.entryId) ?? cycle.orgId, r.personId, cycle.year, cycleId, r.finalGrade!, r.total, r.rank, sheet.rows.length, tx.nowIso, tx.nowIso, tx.nowIso, seq);
  tx.db.update(assessmentEntries).set({ status: '已确认', updatedAt: tx.nowIso, changeSeq: seq }).where(and(eq(assessmentEntries.cycleId, cycleId), isNull(assessmentEntries.deletedAt))).run();
  // The sheet as confirmed, training hours included: what the cycle shows until re-opened.
  tx.db.update(assessmentCycles).set({ status: 'locked', frozen: frozenSheet(sheet), lockedAt: tx.nowIso, lockedBy: `${tx.actor.kind}:${tx.actor.id}`, updatedAt: tx.nowIso, changeSeq: seq }).where(eq(assessmentCycles.id, cycleId)).run();
  const out = cycleSummary(tx, cycleId);
  tx.audit({ entity: 'assessment_cycle', entityId: cycleId, before: { status: 'open' }, after: { status: 'locked', results: sheet.rows.map((r) => ({ personId: r.personId, grade: r.finalGrade, total: r.total, rank: r.rank })) } });
  return out;
}

/** The only way back from a lock: audited, with a reason; the frozen results are withdrawn. */
export function reopenCycle(tx: TxCtx, cycleId: string, reason: string): CycleSummary {
  const cycle = loadCycleRow(tx, cycleId);
  if (cycle.status !== 'locked') throw new AppError('conflict', `考核周期“${cycle.name}”未锁定，无需重新开启`);
  const seq = tx.seq();
  const withdrawn = tx.db.select().from(assessmentResults).where(and(eq(assessmentResults.cycleId, cycleId), isNull(assessmentResults.deletedAt))).all();
  tx.db.update(assessmentResults).set({ deletedAt: tx.nowIso, deleteReason: `重新开启考核：${reason}`, updatedAt: tx.nowIso, changeSeq: seq })
    .where(and(eq(assessmentResults.cycleId, cycleId), isNull(assessmentResults.deletedAt))).run();
  tx.db.update(assessmentCycles).set({ status: 'open', frozen: null, lockedAt: null, lockedBy: null, reopenCount: cycle.reopenCount + 1, updatedAt: tx.nowIso, changeSeq: seq }).where(eq(assessmentCycles.id, cycleId)).run();
  syncStatuses(tx, cycleId);
  const out = cycleSummary(tx, cycleId);
  tx.audit({ entity: 'assessment_cycle', entityId: cycleId, before: { status: 'locked', lockedAt: cycle.lockedAt, results: withdrawn.map((r) => ({ personId: r.personId, grade: r.grade, total: r.total, rank: r.rank })) }, after: { status: 'open', reason } });
  return out;
}
