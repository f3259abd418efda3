import { inArray, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { orgUnits } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { scopeIds, scopeRootId } from '../security/scope.ts';

// The list half of the guard (Frappe's permission_query_conditions): one condition that a
// list adds to its WHERE, so rows outside the caller's org scope never leave the database.

/** The scope root and every unit above it: whose policy records the caller may read. */
export function ancestorIds(ctx: Ctx, rootId: string): string[] {
  const parents = new Map(ctx.db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).all().map((u) => [u.id, u.parentId]));
  const out: string[] = [];
  // A visited set, not trust in the tree: a cycle received in a bundle must not hang a walk.
  for (let id: string | null | undefined = rootId; id && !out.includes(id); id = parents.get(id)) out.push(id);
  return out;
}

/** The org ids whose records the caller may read, or null when unrestricted. */
export function readableOrgIds(ctx: Ctx, opts: { policy?: boolean } = {}): Set<string> | null {
  const ids = scopeIds(ctx);
  if (!ids || !opts.policy) return ids;
  const root = scopeRootId(ctx);
  if (root) for (const a of ancestorIds(ctx, root)) ids.add(a);
  return ids;
}

/** A WHERE condition keeping a list inside the caller's scope; undefined when unrestricted. */
export function scopeCondition(ctx: Ctx, column: SQLiteColumn, opts: { policy?: boolean } = {}): SQL | undefined {
  const ids = readableOrgIds(ctx, opts);
  return ids ? inArray(column, [...ids]) : undefined;
}
