import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTableWithColumns } from 'drizzle-orm/sqlite-core';
import { orgUnits } from '../../../db/schema/index.ts';
import { AppError, notFound, validationError } from '../../contract/errors.ts';
import type { Ctx, TxCtx } from '../../context.ts';
import { getOrgUnit, subtreeIds } from '../../org/handlers.ts';
import { scopeCondition } from '../../guard/scope.ts';
import { assertInScope } from '../../security/scope.ts';
import { mergePatch } from '../../contract/partial.ts';

// The record plumbing the 共建 and 网格 handlers share: scope-limited lists, loading a row the
// caller may change, and stamped insert / update / soft delete. Rules stay in rules.ts.

// Every table here carries sharedColumns(); drizzle's generics cannot say "any such table".
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Shared = SQLiteTableWithColumns<any> & { id: SQLiteColumn; orgId: SQLiteColumn; deletedAt: SQLiteColumn };

/** The WHERE of a list: live rows under `orgId` (checked against the caller's scope), else the caller's scope. */
export function listWhere(ctx: Ctx, table: Shared, orgId: string | null | undefined): SQL | undefined {
  const where: (SQL | undefined)[] = [isNull(table.deletedAt)];
  if (orgId) {
    assertInScope(ctx, orgId);
    where.push(inArray(table.orgId, subtreeIds(ctx, orgId)));
  } else where.push(scopeCondition(ctx, table.orgId));
  return and(...where);
}

export function orgNameMap(ctx: Ctx): Map<string, string> {
  return new Map(ctx.db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).all().map((o) => [o.id, o.name]));
}

/** A live row of `table` the caller may see; `label` names it in the message. */
export function loadRow<T extends { orgId: string }>(ctx: Ctx, table: Shared, id: string, label: string): T {
  const row = ctx.db.select().from(table).where(and(eq(table.id, id), isNull(table.deletedAt))).get() as T | undefined;
  if (!row) throw notFound(label, id);
  assertInScope(ctx, row.orgId);
  return row;
}

/** The org a record is kept at: it must exist, be in scope, and be of an allowed level. */
export function keepingOrg(ctx: Ctx, orgId: string, levels: readonly string[], path = 'orgId') {
  const org = getOrgUnit(ctx, orgId);
  assertInScope(ctx, orgId);
  if (!levels.includes(org.level)) {
    const names: Record<string, string> = { county: '县（区）', street: '街道', community: '社区' };
    throw validationError([{ path, message: `「组织」${org.name}是${names[org.level]}，此类台账只能记在${levels.map((l) => names[l]).join('或')}` }]);
  }
  return org;
}

/** A record may not move to another keeping org once written (it is that org's record). */
export function sameOrg(before: { orgId: string }, orgId: string): void {
  if (before.orgId !== orgId) throw validationError([{ path: 'orgId', message: '「组织」不能修改：台账记录属于登记它的单位' }]);
}

/**
 * The full input an update is checked and written with: the stored row's values of the input's
 * fields, overlaid with the fields the caller gave (omitted = unchanged, null = cleared).
 */
export function storedWith<T extends Record<string, unknown>>(ctx: Ctx, table: Shared, id: string, label: string, input: { shape: object }, patch: Record<string, unknown>): T {
  return mergePatch<T>(Object.keys(input.shape), loadRow<{ orgId: string }>(ctx, table, id, label), patch);
}

export function insertRow(tx: TxCtx, table: Shared, values: Record<string, unknown>): string {
  const id = randomUUID();
  tx.db.insert(table).values({ ...values, id, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() }).run();
  return id;
}

export function updateRow(tx: TxCtx, table: Shared, id: string, values: Record<string, unknown>): void {
  tx.db.update(table).set({ ...values, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(table.id, id)).run();
}

export function softRemove(tx: TxCtx, table: Shared, id: string, reason: string): void {
  tx.db.update(table).set({ deletedAt: tx.nowIso, deleteReason: reason, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(table.id, id)).run();
}

export function conflict(path: string, message: string): AppError {
  return new AppError('conflict', message, [{ path, message }]);
}

/** Strips the bookkeeping columns a record shape does not show. */
export function plain<T extends { changeSeq: number; deletedAt: string | null; deleteReason: string | null; createdAt: string }>(r: T) {
  const { changeSeq: _s, deletedAt: _d, deleteReason: _r, createdAt: _c, ...rest } = r;
  return rest;
}
