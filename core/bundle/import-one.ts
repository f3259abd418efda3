import { asc, eq } from 'drizzle-orm';
import { bundleHeld, bundleSenderState } from '../../db/schema/index.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { sha256Hex } from './crypto.ts';
import { applyVerified, chainOf, logImport, rejectedResult, type ImportResult } from './merge.ts';
import { maxBundleBytes, verifyBundle, type VerifiedBundle } from './verify.ts';

export type HeldCandidate = { v: VerifiedBundle; fileName: string; file: string };

export interface PreparedImport {
  /**
   * Replay checks, merge, release of held bundles and the import log row; no audit row.
   * `alsoHeld`: bundles an earlier file of the same batch left held for a gap (they were
   * not in the database yet when this one was prepared).
   */
  apply(tx: TxCtx, alsoHeld?: HeldCandidate[]): ImportResult;
  /** This bundle, verified, for the batch's `alsoHeld` should it be held for a gap. */
  candidate: HeldCandidate | null;
  bundleId: string | null;
  /** The bundle announces a new signing key: later bundles of its sender verify only after it is merged. */
  rotates: boolean;
}

/**
 * One received bundle: everything that can be checked without writing (size, decryption,
 * signatures, record scope) runs here, outside the transaction; `apply` runs inside the
 * caller's transaction (bundle.import: one bundle; bundle.importMany: several, one commit).
 */
export async function prepareImport(ctx: Ctx, input: { fileName: string; file: string; signature?: string | null | undefined }): Promise<PreparedImport> {
  const fileName = input.fileName;
  if ((input.file.length * 3) / 4 > maxBundleBytes(ctx) + 3) {
    return {
      bundleId: null, rotates: false, candidate: null,
      apply(tx) {
        const r = rejectedResult(fileName, '', { ok: false, outcome: 'TOO_LARGE', message: `超过上限 ${maxBundleBytes(tx)} 字节` });
        logImport(tx, r, Math.floor((input.file.length * 3) / 4), null);
        return r;
      },
    };
  }
  const bytes = new Uint8Array(Buffer.from(input.file, 'base64'));
  const v = await verifyBundle(ctx, bytes, input.signature ?? null);
  // Bundles held for a gap in the same chain are re-verified now, so the transaction
  // can release them if this one fills the gap.
  const held: HeldCandidate[] = [];
  if (v.ok) {
    const rows = ctx.db.select().from(bundleHeld).where(eq(bundleHeld.chain, chainOf(v.manifest))).orderBy(asc(bundleHeld.seq)).all();
    for (const h of rows) {
      const hv = await verifyBundle(ctx, new Uint8Array(Buffer.from(h.file, 'base64')), null);
      if (hv.ok) held.push({ v: hv, fileName: h.fileName, file: h.file });
    }
  }
  return {
    bundleId: v.ok ? v.manifest.bundleId : null,
    rotates: v.ok && v.manifest.rotation !== null,
    candidate: v.ok ? { v, fileName, file: input.file } : null,
    apply(tx, alsoHeld = []) {
      let result: ImportResult;
      if (!v.ok) result = rejectedResult(fileName, sha256Hex(bytes), v);
      else {
        result = applyVerified(tx, v, fileName, input.file);
        if (result.outcome === 'ACCEPTED') {
          const chain = chainOf(v.manifest);
          const more = alsoHeld.filter((h) => chainOf(h.v.manifest) === chain);
          const candidates = more.length ? [...held, ...more].sort((a, b) => a.v.manifest.seq - b.v.manifest.seq) : held;
          for (const h of candidates) {
            const state = tx.db.select().from(bundleSenderState).where(eq(bundleSenderState.chain, chainOf(h.v.manifest))).get();
            if (h.v.manifest.seq !== (state?.lastSeq ?? 0) + 1) continue;
            // Already released by an earlier bundle of the same batch.
            if (!tx.db.select({ sha: bundleHeld.sha256 }).from(bundleHeld).where(eq(bundleHeld.sha256, h.v.sha256)).get()) continue;
            tx.db.delete(bundleHeld).where(eq(bundleHeld.sha256, h.v.sha256)).run();
            const r = applyVerified(tx, h.v, h.fileName, h.file);
            logImport(tx, r, Math.floor((h.file.length * 3) / 4), h.v.manifest.bundleId);
            if (r.outcome === 'ACCEPTED') result.released++;
          }
        }
      }
      logImport(tx, result, bytes.length, v.ok ? v.manifest.bundleId : (v.manifest?.bundleId ?? null));
      return result;
    },
  };
}
