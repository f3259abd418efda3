import { and, desc, eq, isNull } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { bundleConflicts, orgUnits, type BundleConflictRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { GUARD } from '../guard/tables.ts';
import { GUARDED_TABLES, type GuardedTable } from '../guard/refs.ts';
import { orgOfRow } from '../guard/load.ts';
import { readableOrgIds, scopeCondition } from '../guard/scope.ts';
import { maskIdNumber } from '../roster/id-number.ts';
import { findActiveIdClash } from '../roster/writable.ts';
import type { bundleContract } from './contract.ts';
import { ownedOrgIds } from './export.ts';
import { CONFLICT_REASONS, type ConflictReason } from './merge.ts';
import { rowStatements } from './rows.ts';
import { sharedTables, type SharedTable } from './tables.ts';

// Records a bundle could not merge (core/bundle/merge.ts keeps them whole in bundle_conflicts):
// the same record id owned by another unit, or an ID number already in post in another
// community. A reviewer decides each one; the decision is audited and never deletes a record.

type Row = Record<string, unknown>;
type Decision = 'keep_local' | 'take_received' | 'different';

/** The reason's code, from the stored Chinese text (merge.ts CONFLICT_REASONS spells each once). */
export function reasonCode(c: Pick<BundleConflictRow, 'tableName' | 'reason'>): ConflictReason {
  const hit = (Object.keys(CONFLICT_REASONS) as ConflictReason[]).find((k) => CONFLICT_REASONS[k] === c.reason);
  return hit === 'id_clash' && c.tableName !== 'people' ? 'unique' : (hit ?? 'unique');
}

const unitName = (ctx: Ctx, orgId: unknown) =>
  (typeof orgId === 'string' && ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, orgId)).get()?.name) || '未知单位';

const guarded = (name: string): name is GuardedTable => (GUARDED_TABLES as readonly string[]).includes(name);
const rowOrg = (table: string, row: Row): string => (guarded(table) ? orgOfRow(table, row) : String(row.orgId));
const tableLabel = (name: string): string => (guarded(name) ? GUARD[name].label : name);

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
const OUT_OF_SCOPE = { title: '（本账号管辖范围以外的记录）', unit: '管辖范围以外的单位', details: [] as string[] };

/** One stored row as drizzle reads it, with its `origin` and change number (what the guard reads). */
function storedRow(ctx: Ctx, t: SharedTable, id: string): Row | null {
  const idCol = t.columns.id as SQLiteColumn;
  return (ctx.db.select().from(t.table).where(eq(idCol, id)).get() as Row | undefined) ?? null;
}

/**
 * The stored rows taking the received record touches: `same`, the record with its id, which
 * it overwrites; `aside`, for an ID number clash, the person in post holding that ID number
 * (found by ID number, never the sender's own same-id record), which it sets aside.
 */
type Touched = { same: Row | null; aside: Row | null };
function touched(ctx: Ctx, c: BundleConflictRow, received: Row): Touched {
  const t = sharedTables().find((x) => x.name === c.tableName);
  if (!t) return { same: null, aside: null };
  const same = storedRow(ctx, t, c.recordId);
  if (reasonCode(c) !== 'id_clash') return { same, aside: null };
  const hit = findActiveIdClash(ctx, typeof received.idNumber === 'string' ? received.idNumber : null, c.recordId);
  return { same, aside: hit ? storedRow(ctx, t, hit.id) : null };
}

function senderName(ctx: Ctx, code: string): string {
  return ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.code, code), isNull(orgUnits.deletedAt))).get()?.name ?? code;
}

/** Whether a stored row is the sender's own record: received from it, or written here for a unit in its subtree. */
function sendersOwn(ctx: Ctx, c: BundleConflictRow, orgId: string, origin: unknown): boolean {
  if (typeof origin === 'string' && origin) return origin === c.senderCode;
  const unit = ctx.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, c.senderCode)).get();
  return !!unit && ownedOrgIds(ctx, unit.id).includes(orgId);
}

/**
 * Why the received record may not be taken, or null. The record guard for the one stored row
 * the decision changes (the dispatcher checked only the conflict row, which carries the
 * sender's unit): in the caller's scope, not sealed, and — when it would be overwritten — the
 * sender's own record and not newer than the received one. A received record of ANOTHER
 * community may be set aside: deciding between two communities is what this step is for.
 */
function takeProblem(ctx: Ctx, c: BundleConflictRow, received: Row, local: Touched): string | null {
  const t = c.tableName;
  const readable = readableOrgIds(ctx);
  for (const row of [local.same, local.aside]) {
    if (!row) continue;
    if (readable && !readable.has(rowOrg(t, row)))
      return '与之冲突的本机记录属于本账号管辖范围以外的单位，不能采用收到的记录；请由管辖该单位的审核员处理';
    const why = guarded(t) ? GUARD[t].sealed?.(ctx, row) : null;
    if (why) return why;
  }
  const same = local.same;
  if (same) {
    if (!sendersOwn(ctx, c, rowOrg(t, same), same.origin))
      return `本机同编号的${tableLabel(t)}属于“${unitName(ctx, rowOrg(t, same))}”，不是“${senderName(ctx, c.senderCode)}”自己的记录；采用会覆盖该记录，已拒绝。请选择保留本机记录，并通知报送单位核对`;
    if (typeof same.changeSeq === 'number' && typeof received.changeSeq === 'number' && same.changeSeq > received.changeSeq)
      return `本机已有“${senderName(ctx, c.senderCode)}”后来报送的该记录，这条冲突中的记录较旧，采用会使记录倒退；请选择保留本机记录`;
  }
  return null;
}

function view(ctx: Ctx, c: BundleConflictRow) {
  const received = JSON.parse(c.record) as Row;
  const touches = touched(ctx, c, received);
  const local = touches.aside ?? touches.same;
  const readable = readableOrgIds(ctx);
  const code = reasonCode(c);
  const decisions: Decision[] = ['keep_local'];
  if (!c.resolvedAt && !takeProblem(ctx, c, received, touches)) decisions.push('take_received');
  if (code === 'id_clash') decisions.push('different');
  return {
    id: c.id, tableName: c.tableName, tableLabel: tableLabel(c.tableName), senderCode: c.senderCode, senderName: senderName(ctx, c.senderCode),
    reason: c.reason, reasonCode: code, decisions, detectedAt: c.detectedAt, received: summary(ctx, c.tableName, received),
    local: !local ? null : readable && !readable.has(rowOrg(c.tableName, local)) ? OUT_OF_SCOPE : summary(ctx, c.tableName, local),
    resolution: c.resolution ?? null, resolvedAt: c.resolvedAt,
  };
}

/** Writes the received record as the merge would have; a person it displaced stays, marked deleted with the reason. */
function takeReceived(tx: TxCtx, c: BundleConflictRow, received: Row): Row | null {
  const t = sharedTables().find((x) => x.name === c.tableName);
  if (!t) throw new AppError('conflict', `冲突记录所在的表“${c.tableName}”已不存在，无法采用`);
  const touches = touched(tx, c, received);
  const problem = takeProblem(tx, c, received, touches);
  if (problem) throw new AppError('conflict', problem);
  const displaced = touches.aside;
  if (displaced) {
    // Kept, not erased: the county's copy of the other community's record is set aside (it
    // comes back, and so does the conflict, if that community still reports the person in post).
    tx.sqlite
      .prepare(`UPDATE "${t.name}" SET deleted_at = ?, delete_reason = ? WHERE id = ?`)
      .run(tx.nowIso, `跨社区重复：经审核采用“${senderName(tx, c.senderCode)}”报送的记录`, displaced.id);
  }
  const stmts = rowStatements(tx.sqlite, t);
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
    if (decision === 'different' && reasonCode(c) !== 'id_clash')
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
