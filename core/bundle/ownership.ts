import { and, eq, inArray } from 'drizzle-orm';
import { bundlePeers } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { ownedOrgIds } from './export.ts';
import { getBinding } from './keys.ts';

/**
 * Records received in bundles stay owned by the sending community and are read-only here:
 * module handlers call this before writing a record of `orgId`. At a community it refuses
 * the county's policy records; at the county, the subtree of every enrolled community.
 */
export function assertLocallyWritable(ctx: Ctx, orgId: string): void {
  const b = getBinding(ctx);
  if (!b) return;
  const peers = ctx.db
    .select({ orgId: bundlePeers.orgId, orgName: bundlePeers.orgName })
    .from(bundlePeers)
    .where(and(eq(bundlePeers.role, b.role === 'county' ? 'community' : 'county'), inArray(bundlePeers.status, ['trusted', 'revoked'])))
    .all();
  for (const p of peers) {
    const foreign = b.role === 'county' ? ownedOrgIds(ctx, p.orgId) : [p.orgId];
    if (foreign.includes(orgId))
      throw new AppError('forbidden', `该记录由“${p.orgName}”报送，在本机只读；如需修改请由该单位修改后重新报送`);
  }
}
