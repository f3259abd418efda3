import { eq } from 'drizzle-orm';
import { bundleAuditHolds } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError } from '../contract/errors.ts';
import type { bundleContract } from './contract.ts';
import { logImport, applyVerified } from './merge.ts';
import { verifyContent } from './verify.ts';
import { base64Size } from './limits.ts';
import { releaseGapHeld, verifyGapHeld } from './release.ts';
import { senderCodesInScope } from './handlers-exchange.ts';

type Ops = Pick<typeof bundleContract, 'bundle.auditHolds' | 'bundle.auditDecide'>;

const view = ({ file: _f, chain: _c, ...rest }: typeof bundleAuditHolds.$inferSelect) => rest;

// A held bundle is decided by a reviewer: accepting merges it and moves the anchor to its head
// (the rewrite is then on record, with the reviewer's note); refusing keeps it out for good.
export const auditHoldHandlers: HandlersFor<Ops> = {
  // A scoped account sees and decides the holds of the senders it covers only.
  'bundle.auditHolds': (ctx) => {
    const seen = senderCodesInScope(ctx);
    return ctx.db.select().from(bundleAuditHolds).all().filter((h) => !seen || seen.has(h.senderCode)).map(view);
  },

  'bundle.auditDecide': {
    async prepare(ctx, input) {
      const hold = ctx.db.select().from(bundleAuditHolds).where(eq(bundleAuditHolds.sha256, input.sha256)).get();
      const seen = senderCodesInScope(ctx);
      if (!hold || (seen && !seen.has(hold.senderCode))) throw new AppError('not_found', '未找到该暂扣的数据包');
      if (hold.status !== 'held') throw new AppError('conflict', `该数据包已于 ${hold.decidedAt} 处理（${hold.status === 'accepted' ? '已接收' : '已拒收'}）`);
      // Everything but the audit anchor is checked again: keys may have been revoked since.
      // Its signature file was checked when it arrived.
      const v = input.decision === 'accept' ? await verifyContent(ctx, new Uint8Array(Buffer.from(hold.file, 'base64'))) : null;
      // Bundles held for a gap behind this one follow it once it is accepted.
      const held = v?.ok ? await verifyGapHeld(ctx, hold.chain) : [];
      return (tx) => {
        const decided = { decidedAt: tx.nowIso, decidedBy: tx.actor.name, note: input.note };
        let released = 0;
        if (v) {
          if (!v.ok) throw new AppError('conflict', `该数据包已不能接收：${v.message}`);
          const r = applyVerified(tx, v, hold.fileName, hold.file, { auditAccepted: true });
          logImport(tx, r, base64Size(hold.file), v.manifest.bundleId);
          if (r.outcome !== 'ACCEPTED') throw new AppError('conflict', `该数据包未能接收：${r.message}`);
          released = releaseGapHeld(tx, held);
        }
        tx.db.update(bundleAuditHolds).set({ status: v ? 'accepted' : 'refused', ...decided }).where(eq(bundleAuditHolds.sha256, hold.sha256)).run();
        tx.audit({ entity: 'bundle_audit_hold', entityId: hold.sha256, before: { status: 'held', finding: hold.finding }, after: { status: v ? 'accepted' : 'refused', note: input.note, ...(released ? { released } : {}) } });
        return view(tx.db.select().from(bundleAuditHolds).where(eq(bundleAuditHolds.sha256, hold.sha256)).get()!);
      };
    },
  },
};
