import { and, desc, eq, isNull } from 'drizzle-orm';
import { bundleConflicts, orgUnits, type BundleConflictRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { GUARD } from '../guard/tables.ts';
import { GUARDED_TABLES, type GuardedTable } from '../guard/refs.ts';
import { scopeCondition } from '../guard/scope.ts';
import { maskIdNumber } from '../roster/id-number.ts';
import type { bundleContract } from './contract.ts';
import { rowStatements } from './rows.ts';
import { sharedTables } from './tables.ts';

// Records a bundle could not merge (core/bundle/merge.ts keeps them whole in bundle_conflicts):
// the same record id owned by another unit, or an ID number already in post in another
// community. A reviewer decides each one; the decision is audited and never deletes a record.

type Row = Record<string, unknown>;
type Decision = 'keep_local' | 'take_received' | 'different';
const ID_CLASH = '身份证号';

const unitName = (ctx: Ctx, orgId: unknown) =>
  (typeof orgId === 'string' && ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, orgId)).get()?.name) || '未知单位';

function tableLabel(name: string): string {
  return (GUARDED_TABLES as readonly string[]).includes(name) ? GUARD[name as GuardedTable].label : name;
}

/** What a reviewer needs to tell two records apart, with the ID number masked. */
function summary(ctx: Ctx, table: string, r: Row) {
  const title = String(r.name ?? r.title ?? r.id ?? '');
  const details: string[] = [];
  if (table === 'people') {
    if (r.gender) details.push(`性别 ${String(r.gender)}`);
    if (r.birthDate) details.push(`出生 ${String(r.birthDate)}`);
    if (r.idNumber) details.push(`身份证号 ${maskIdNumber(String(r.idNumber))}`);
    if (Array.isArray(r.posts) && r.posts.length) details.push(`岗位 ${r.posts.join('、')}`);
    if (r.status) details.push(`状态 ${String(r.status)}`);
  }
  if (r.updatedAt) details.push(`更新于 ${String(r.updatedAt).slice(0, 10)}`);
  return { title, unit: unitName(ctx, r.orgId), details };
}

/** The stored record the received one clashes with: the same id, else the same ID number in post. */
function localRecord(ctx: Ctx, c: BundleConflictRow, received: Row): Row | null {
  const t = sharedTables().find((x) => x.name === c.tableName);
  if (!t) return null;
  const same = rowStatements(ctx.sqlite, t).get(c.recordId);
  if (same) return same;
  if (c.tableName !== 'people' || typeof received.idNumber !== 'string') return null;
  const hit = ctx.sqlite
    .prepare("SELECT id FROM people WHERE id_number = ? AND status = '在岗' AND deleted_at IS NULL AND id <> ?")
    .get(received.idNumber, c.recordId) as { id: string } | undefined;
  return hit ? (rowStatements(ctx.sqlite, t).get(hit.id) ?? null) : null;
}

function senderName(ctx: Ctx, code: string): string {
  return ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.code, code), isNull(orgUnits.deletedAt))).get()?.name ?? code;
}

function view(ctx: Ctx, c: BundleConflictRow) {
  const received = JSON.parse(c.record) as Row;
  const local = localRecord(ctx, c, received);
  return {
    id: c.id, tableName: c.tableName, tableLabel: tableLabel(c.tableName), senderCode: c.senderCode, senderName: senderName(ctx, c.senderCode),
    reason: c.reason, detectedAt: c.detectedAt, received: summary(ctx, c.tableName, received), local: local ? summary(ctx, c.tableName, local) : null,
    resolution: c.resolution ?? null, resolvedAt: c.resolvedAt,
  };
}

/** Writes the received record as the merge would have; a record it displaced stays, marked deleted with the reason. */
function takeReceived(tx: TxCtx, c: BundleConflictRow, received: Row): Row | null {
  const t = sharedTables().find((x) => x.name === c.tableName);
  if (!t) throw new AppError('conflict', `冲突记录所在的表“${c.tableName}”已不存在，无法采用`);
  const stmts = rowStatements(tx.sqlite, t);
  const displaced = stmts.get(c.recordId) ? null : localRecord(tx, c, received);
  if (displaced) {
    // Kept, not erased: the county's copy of the other community's record is set aside (it
    // comes back, and so does the conflict, if that community still reports the person in post).
    tx.sqlite
      .prepare(`UPDATE "${t.name}" SET deleted_at = ?, delete_reason = ? WHERE id = ?`)
      .run(tx.nowIso, `跨社区重复：经审核采用“${senderName(tx, c.senderCode)}”报送的记录`, displaced.id);
  }
  try {
    if (stmts.get(c.recordId)) stmts.update(received, c.senderCode);
    else stmts.insert(received, c.senderCode);
  } catch (e) {
    if (!String((e as { code?: string }).code ?? '').startsWith('SQLITE_CONSTRAINT')) throw e;
    throw new AppError('conflict', '收到的记录仍与本机其他记录冲突（唯一性约束），未作任何修改');
  }
  return displaced;
}

export const conflictHandlers: HandlersFor<Pick<typeof bundleContract, 'bundle.conflicts' | 'bundle.resolveConflict'>> = {
  'bundle.conflicts': (ctx) =>
    ctx.db
      .select()
      .from(bundleConflicts)
      .where(and(isNull(bundleConflicts.resolvedAt), scopeCondition(ctx, bundleConflicts.orgId)))
      .orderBy(desc(bundleConflicts.detectedAt))
      .limit(500)
      .all()
      .map((c) => view(ctx, c)),
  'bundle.resolveConflict': (tx, input) => {
    const c = tx.db.select().from(bundleConflicts).where(eq(bundleConflicts.id, input.conflictId)).get()!;
    if (c.resolvedAt) throw new AppError('conflict', `该冲突记录已于 ${c.resolvedAt.slice(0, 10)} 处理`);
    const decision: Decision = input.decision;
    const received = JSON.parse(c.record) as Row;
    if (decision === 'different' && !(c.tableName === 'people' && c.reason.includes(ID_CLASH)))
      throw new AppError('validation', '「处理方式」只有身份证号重复的人员记录可以标记为不同人员', [{ path: 'decision', message: '「处理方式」不适用于该记录' }]);
    const before = view(tx, c);
    const displaced = decision === 'take_received' ? takeReceived(tx, c, received) : null;
    tx.db.update(bundleConflicts).set({ resolvedAt: tx.nowIso, resolution: decision, resolvedBy: tx.actor.id }).where(eq(bundleConflicts.id, c.id)).run();
    const after = view(tx, tx.db.select().from(bundleConflicts).where(eq(bundleConflicts.id, c.id)).get()!);
    tx.audit({
      entity: 'bundle_conflict', entityId: c.id,
      before: { reason: c.reason, received: before.received, local: before.local },
      after: { resolution: decision, setAside: displaced ? String(displaced.id) : null },
    });
    return after;
  },
};
