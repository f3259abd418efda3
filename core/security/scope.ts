import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { getBinding } from '../bundle/keys.ts';
import { subtreeIds } from '../org/handlers.ts';
import { ancestorIds } from '../guard/scope.ts';

// A community installation holds only its own subtree (and the county's units above it for
// policy records): whatever its accounts' own scope, nobody there may touch another
// community's records, even if an older county profile brought the whole county tree.

/** The unit whose subtree this installation works on, or null (county, or not bound yet). */
function installationRoot(ctx: Ctx): string | null {
  const b = getBinding(ctx);
  return b?.role === 'community' ? b.orgId : null;
}

/** The unit the caller's scope starts at (account scope narrowed by the installation), or null when unrestricted. */
export function scopeRootId(ctx: Ctx): string | null {
  if (ctx.actor.kind === 'system') return null;
  return workScopeRoot(ctx, ctx.actor.orgScopeId ?? null);
}

/** The same for an account with scope `own`: where its unit pickers should start. */
export function workScopeRoot(ctx: Ctx, own: string | null): string | null {
  const inst = installationRoot(ctx);
  if (!inst) return own;
  if (!own) return inst;
  // An account scoped inside the community keeps its narrower scope; one scoped above it
  // (the street, the county) or to the community itself is narrowed to the community; one
  // scoped to a unit beside it keeps its own scope, which covers nothing here (scopeIds).
  if (subtreeIds(ctx, inst).includes(own)) return own;
  return ancestorIds(ctx, inst).includes(own) ? inst : own;
}

/** The org ids the caller may touch, or null when unrestricted. */
export function scopeIds(ctx: Ctx): Set<string> | null {
  if (ctx.actor.kind === 'system') return null;
  const own = ctx.actor.orgScopeId ?? null;
  const inst = installationRoot(ctx);
  if (!own && !inst) return null;
  if (!inst) return new Set(subtreeIds(ctx, own!));
  const instIds = subtreeIds(ctx, inst);
  if (!own) return new Set(instIds);
  // The intersection: the community for an account scoped above it, the account's own
  // subtree inside it, nothing for an account scoped to a unit beside it.
  const ownIds = new Set(subtreeIds(ctx, own));
  return new Set(instIds.filter((id) => ownIds.has(id)));
}

/**
 * The account's own scope, not narrowed by the installation: what account management goes by,
 * since an unscoped account at a community installation is bounded by the installation anyway.
 */
export function accountScopeIds(ctx: Ctx): Set<string> | null {
  const own = ctx.actor.kind === 'system' ? null : (ctx.actor.orgScopeId ?? null);
  return own ? new Set(subtreeIds(ctx, own)) : null;
}

export function inScope(ctx: Ctx, orgId: string): boolean {
  const ids = scopeIds(ctx);
  return ids === null || ids.has(orgId);
}

export function assertInScope(ctx: Ctx, orgId: string): void {
  if (!inScope(ctx, orgId)) throw new AppError('forbidden', '无权访问该组织单位的数据（超出本账号的管辖范围）');
}
