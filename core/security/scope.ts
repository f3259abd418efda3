import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { subtreeIds } from '../org/handlers.ts';

/** The org ids the caller may touch, or null when unrestricted. */
export function scopeIds(ctx: Ctx): Set<string> | null {
  const root = ctx.actor.orgScopeId;
  if (ctx.actor.kind === 'system' || !root) return null;
  return new Set(subtreeIds(ctx, root));
}

export function inScope(ctx: Ctx, orgId: string): boolean {
  const ids = scopeIds(ctx);
  return ids === null || ids.has(orgId);
}

export function assertInScope(ctx: Ctx, orgId: string): void {
  if (!inScope(ctx, orgId)) throw new AppError('forbidden', '无权访问该组织单位的数据（超出本账号的管辖范围）');
}
