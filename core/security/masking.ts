import type { Ctx } from '../context.ts';
import { FULL_PII_ROLES } from './roles.ts';

/**
 * Whether the caller sees ID numbers and phones in full in forms and exports (PIPL: minimum
 * necessary). Everyone else sees them masked and may reveal one value at a time, which is audited.
 */
export function canSeeFull(ctx: Ctx, _field: 'idNumber' | 'phone'): boolean {
  return ctx.actor.kind === 'system' || (ctx.actor.role !== undefined && FULL_PII_ROLES.includes(ctx.actor.role));
}
