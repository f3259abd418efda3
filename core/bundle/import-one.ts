import type { Ctx, TxCtx } from '../context.ts';
import { sha256Hex } from './crypto.ts';
import { base64Size } from './limits.ts';
import { applyVerified, chainOf, logImport, rejectedResult, type ImportResult } from './merge.ts';
import { releaseGapHeld, verifyGapHeld, type HeldVerified } from './release.ts';
import { checkOuter, checkPresenceAndSize, verifyBundle, type Rejection } from './verify.ts';

export type HeldCandidate = HeldVerified;

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

type ImportInput = { fileName: string; file: string; signature?: string | null | undefined; size?: number | null | undefined };

/**
 * No signature file, too large, or a caller that refused to read the file (limits.ts
 * refuseUnread sends an empty `file` and its size): refused on size and signature alone,
 * the bytes never decoded. Null when the bundle is to be decrypted and verified.
 */
export function earlyRefusal(ctx: Ctx, input: ImportInput): { size: number; refusal: Rejection | null } {
  const unread = input.file === '' && input.size != null;
  const size = unread ? input.size! : base64Size(input.file);
  // On the normal path only what needs no bytes: verifyBundle runs the full outer check next.
  if (!unread) return { size, refusal: checkPresenceAndSize(ctx, size, input.signature ?? null) };
  // An unread file: the outer check says why the caller refused it (it can only fail, having no bytes).
  const early = checkOuter(ctx, size, input.signature ?? null, null);
  return { size, refusal: early ?? { ok: false, outcome: 'CORRUPT', message: '文件内容缺失' } };
}

/**
 * One received bundle: everything that can be checked without writing (signature file, size,
 * decryption, signatures, record scope) runs here, outside the transaction; `apply` runs inside
 * the caller's transaction (bundle.import: one bundle; bundle.importMany: several, one commit).
 */
export async function prepareImport(ctx: Ctx, input: ImportInput): Promise<PreparedImport> {
  const fileName = input.fileName;
  const { size, refusal: rej } = earlyRefusal(ctx, input);
  if (rej) {
    return {
      bundleId: null, rotates: false, candidate: null,
      apply(tx) {
        const r = rejectedResult(fileName, '', rej);
        logImport(tx, r, size, null);
        return r;
      },
    };
  }
  const bytes = new Uint8Array(Buffer.from(input.file, 'base64'));
  const v = await verifyBundle(ctx, bytes, input.signature ?? null);
  // Bundles held for a gap in the same chain are re-verified now, so the transaction
  // can release them if this one fills the gap.
  const held = v.ok ? await verifyGapHeld(ctx, chainOf(v.manifest)) : [];
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
          result.released += releaseGapHeld(tx, more.length ? [...held, ...more].sort((a, b) => a.v.manifest.seq - b.v.manifest.seq) : held);
        }
      }
      logImport(tx, result, bytes.length, v.ok ? v.manifest.bundleId : (v.manifest?.bundleId ?? null));
      return result;
    },
  };
}
