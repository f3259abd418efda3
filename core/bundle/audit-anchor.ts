import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { bundleAuditAnchors, bundleAuditHolds } from '../../db/schema/index.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { GENESIS, readHead, rowHash, type AuditFields } from '../security/audit-chain.ts';
import { sha256Hex } from './crypto.ts';

// The county anchors each community's audit trail. A key-holder at the community can always
// rewrite the local audit table and re-hash it so that audit.verify passes; what they cannot do
// is make the rewritten history agree with the head the county already holds from an earlier
// signed bundle. Every data bundle carries the sender's audit head (seq, hash) inside the signed
// manifest, plus the rows since the head of its previous bundle; the county checks that those
// rows extend its anchor hash by hash, and holds the bundle (AUDIT_REWRITTEN) when they do not.

// Named like a part so the archive format needs no change; it is not a table part (no manifest.parts entry).
export const AUDIT_ROWS_FILE = 'parts/audit_log.jsonl';

export const manifestAudit = z.strictObject({
  /** The sender's audit head when the bundle was built. */
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The first row carried (rows fromSeq..seq are in AUDIT_ROWS_FILE). */
  fromSeq: z.number().int().min(1),
  rowsSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestAudit = z.infer<typeof manifestAudit>;

interface AuditLine extends AuditFields {
  id: number;
  prevHash: string;
  hash: string;
}

const COLS = 'id, at, actor, actor_name AS actorName, operation, entity, entity_id AS entityId, before, after, outcome, subject, org_id AS orgId, prev_hash AS prevHash, hash';

/** The sender side: the head and the rows after `afterSeq`, as a manifest field and an archive entry. */
export function auditExcerpt(ctx: Ctx, afterSeq: number): { audit: ManifestAudit; entry: { name: string; data: Uint8Array } } {
  const head = readHead(ctx.sqlite);
  const last = ctx.sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  // The head as the chain itself has it: a broken head is the chain-break row's business.
  const seq = last?.id ?? head?.seq ?? 0;
  const fromSeq = Math.min(afterSeq + 1, Math.max(seq, 1));
  const rows = ctx.sqlite.prepare(`SELECT ${COLS} FROM audit_log WHERE id >= ? ORDER BY id`).all(fromSeq) as AuditLine[];
  const data = new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
  return { audit: { seq, hash: last?.hash ?? GENESIS, fromSeq, rowsSha256: sha256Hex(data) }, entry: { name: AUDIT_ROWS_FILE, data } };
}

/** Receiver side, before any write: the carried rows must hash to the signed head. */
export function readAuditRows(audit: ManifestAudit, data: Uint8Array | undefined): AuditLine[] | string {
  if (!data || sha256Hex(data) !== audit.rowsSha256) return '审计记录部分缺失或与清单摘要不符';
  let rows: AuditLine[];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    rows = text === '' ? [] : text.trimEnd().split('\n').map((l) => JSON.parse(l) as AuditLine);
  } catch {
    return '审计记录部分格式不正确';
  }
  return rows;
}

export interface AnchorFinding {
  ok: boolean;
  message: string;
}

/** Whether the carried rows extend the anchor this county holds for `chain`. */
export function checkAnchor(ctx: Ctx, chain: string, audit: ManifestAudit | null | undefined, rows: AuditLine[] | null): AnchorFinding {
  if (!audit || !rows) return { ok: false, message: '数据包未携带发送方的审计记录（审计链头）' };
  const anchor = ctx.db.select().from(bundleAuditAnchors).where(eq(bundleAuditAnchors.chain, chain)).get();
  // The carried rows must be one unbroken chain ending at the signed head.
  let prev: { id: number; hash: string } | null = null;
  for (const r of rows) {
    if (prev && (r.id !== prev.id + 1 || r.prevHash !== prev.hash)) return { ok: false, message: `发送方审计记录在第 ${prev.id}–${r.id} 条之间不连续` };
    if (rowHash(r.id, r.prevHash, r) !== r.hash) return { ok: false, message: `发送方第 ${r.id} 条审计记录的内容与其哈希不符` };
    prev = r;
  }
  const first = rows[0];
  if (rows.length && (first!.id !== audit.fromSeq || prev!.id !== audit.seq || prev!.hash !== audit.hash))
    return { ok: false, message: '携带的审计记录与签名清单中的审计链头不符' };
  if (!anchor) {
    if (audit.fromSeq === 1 && first && first.prevHash !== GENESIS) return { ok: false, message: '发送方第 1 条审计记录不是链的起点' };
    return { ok: true, message: '' };
  }
  if (audit.seq < anchor.seq)
    return { ok: false, message: `发送方审计记录只到第 ${audit.seq} 条，而上次报送时已到第 ${anchor.seq} 条（记录被删除或重编号）` };
  if (audit.seq === anchor.seq && !rows.length)
    return audit.hash === anchor.hash ? { ok: true, message: '' } : { ok: false, message: `发送方第 ${anchor.seq} 条审计记录与上次报送时不同（历史被改写）` };
  if (!first || audit.fromSeq > anchor.seq + 1) return { ok: false, message: `缺少发送方第 ${anchor.seq + 1}–${audit.fromSeq - 1} 条审计记录` };
  const atAnchor = audit.fromSeq <= anchor.seq ? rows[anchor.seq - audit.fromSeq]!.hash : rows[0]!.prevHash;
  if (atAnchor !== anchor.hash)
    return { ok: false, message: `发送方第 ${anchor.seq} 条及以前的审计记录与上次报送时（数据包 ${anchor.bundleId.slice(0, 8)}）不同：历史被改写` };
  return { ok: true, message: '' };
}

/** After a merge: the anchor moves to the bundle's signed head. */
export function advanceAnchor(tx: TxCtx, chain: string, senderCode: string, bundleId: string, audit: ManifestAudit): void {
  const row = { chain, senderCode, seq: audit.seq, hash: audit.hash, bundleId, anchoredAt: tx.nowIso };
  tx.db.insert(bundleAuditAnchors).values(row).onConflictDoUpdate({ target: bundleAuditAnchors.chain, set: row }).run();
}

export function holdForReview(tx: TxCtx, h: { sha256: string; chain: string; senderCode: string; seq: number; fileName: string; file: string; finding: string }): void {
  tx.db.insert(bundleAuditHolds).values({
    sha256: h.sha256, chain: h.chain, senderCode: h.senderCode, bundleSeq: h.seq, fileName: h.fileName, file: h.file, finding: h.finding,
    receivedAt: tx.nowIso, status: 'held',
  }).onConflictDoNothing().run();
}

export function openHolds(ctx: Ctx) {
  return ctx.db.select().from(bundleAuditHolds).where(eq(bundleAuditHolds.status, 'held')).all();
}
