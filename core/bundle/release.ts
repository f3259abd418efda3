import { asc, eq } from 'drizzle-orm';
import { bundleHeld, bundleSenderState } from '../../db/schema/index.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { applyVerified, chainOf, logImport } from './merge.ts';
import { base64Size } from './limits.ts';
import { verifyContent, type VerifiedBundle } from './verify.ts';

// Bundles held for a gap (outcome GAP) wait for the bundle before them. Whatever moves a
// chain on (an import, or a reviewer accepting a bundle held for its audit history) releases
// the held ones that now follow in sequence, in the same transaction.

export interface HeldVerified {
  v: VerifiedBundle;
  fileName: string;
  file: string;
}

/** Decrypts and checks the gap-held bundles of `chain` again (before the transaction: decryption is async). */
export async function verifyGapHeld(ctx: Ctx, chain: string): Promise<HeldVerified[]> {
  const out: HeldVerified[] = [];
  const rows = ctx.db.select().from(bundleHeld).where(eq(bundleHeld.chain, chain)).orderBy(asc(bundleHeld.seq)).all();
  for (const h of rows) {
    // Its signature file was checked when it arrived; keys revoked since are caught here.
    const v = await verifyContent(ctx, new Uint8Array(Buffer.from(h.file, 'base64')));
    if (v.ok) out.push({ v, fileName: h.fileName, file: h.file });
  }
  return out;
}

/** Merges, in sequence order, each held bundle that is next in its chain; returns how many were accepted. */
export function releaseGapHeld(tx: TxCtx, held: HeldVerified[]): number {
  let released = 0;
  for (const h of held) {
    const state = tx.db.select().from(bundleSenderState).where(eq(bundleSenderState.chain, chainOf(h.v.manifest))).get();
    if (h.v.manifest.seq !== (state?.lastSeq ?? 0) + 1) continue;
    // Already released by an earlier bundle of the same batch (bundle.importMany).
    if (!tx.db.select({ sha: bundleHeld.sha256 }).from(bundleHeld).where(eq(bundleHeld.sha256, h.v.sha256)).get()) continue;
    tx.db.delete(bundleHeld).where(eq(bundleHeld.sha256, h.v.sha256)).run();
    const r = applyVerified(tx, h.v, h.fileName, h.file);
    logImport(tx, r, base64Size(h.file), h.v.manifest.bundleId);
    if (r.outcome === 'ACCEPTED') released++;
  }
  return released;
}
