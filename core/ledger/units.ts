import { and, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { scopeCondition } from '../guard/scope.ts';
import { orgUnits } from '../../db/schema/index.ts';
import { validationError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { assertLocallyWritable } from '../bundle/ownership.ts';
import { assertInScope } from '../security/scope.ts';
import { subtreeIds } from '../org/handlers.ts';

/** An org unit named in an input, or a Chinese message naming the field: 「字段」单位不存在. */
export function knownUnit(ctx: Ctx, id: string, path: string, label: string): { id: string; name: string; level: string } {
  const row = ctx.db
    .select({ id: orgUnits.id, name: orgUnits.name, level: orgUnits.level })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), isNull(orgUnits.deletedAt)))
    .get();
  if (!row) throw validationError([{ path, message: `「${label}」所选单位不存在（${id}）` }]);
  return row;
}

/** The owner-writes rule for a stored row: in the caller's scope and not received from elsewhere. */
export function assertOwnRow(ctx: Ctx, orgId: string): void {
  assertInScope(ctx, orgId);
  assertLocallyWritable(ctx, orgId);
}

/** A list's org condition: the subtree of `orgId` when given, else the caller's scope (guard). */
export function orgCondition(ctx: Ctx, column: SQLiteColumn, orgId: string | null | undefined, opts: { policy?: boolean } = {}): SQL | undefined {
  return orgId ? inArray(column, subtreeIds(ctx, orgId)) : scopeCondition(ctx, column, opts);
}

/** Names of every org unit, for records that show their unit. */
export function unitNames(ctx: Ctx): Map<string, string> {
  return new Map(ctx.db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).all().map((u) => [u.id, u.name]));
}

/** The later of two ISO dates must not precede the earlier: 「时限」不能早于… */
export function assertNotBefore(later: string | null, earlier: string, path: string, label: string, earlierLabel: string): void {
  if (later && later < earlier)
    throw validationError([{ path, message: `「${label}」${later} 不能早于${earlierLabel} ${earlier}` }]);
}
