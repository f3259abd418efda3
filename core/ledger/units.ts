import { and, eq, isNull } from 'drizzle-orm';
import { orgUnits } from '../../db/schema/index.ts';
import { validationError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { assertLocallyWritable } from '../bundle/ownership.ts';
import { assertInScope, scopeIds } from '../security/scope.ts';
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

/** Whether rows of `orgId` were received in bundles (read-only here); memoised per call. */
export function receivedTest(ctx: Ctx): (orgId: string) => boolean {
  const memo = new Map<string, boolean>();
  return (orgId) => {
    let v = memo.get(orgId);
    if (v === undefined) {
      try {
        assertLocallyWritable(ctx, orgId);
        v = false;
      } catch {
        v = true;
      }
      memo.set(orgId, v);
    }
    return v;
  };
}

/** The org ids a list may show: the subtree of `orgId`, else the caller's scope (null = all). */
export function listScope(ctx: Ctx, orgId: string | null | undefined): string[] | null {
  if (orgId) return subtreeIds(ctx, orgId);
  const s = scopeIds(ctx);
  return s ? [...s] : null;
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
