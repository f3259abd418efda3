import { randomUUID } from 'node:crypto';
import { and, eq, lte } from 'drizzle-orm';
import { bundleConflicts, bundleHeld, bundleImports, bundlePeers, bundleSenderState } from '../../db/schema/index.ts';
import type { TxCtx } from '../context.ts';
import { signKeyFingerprint } from './crypto.ts';
import { serialiseRows } from './export.ts';
import { rowStatements } from './rows.ts';
import { advanceAnchor, checkAnchor, holdForReview } from './audit-anchor.ts';
import { trustPeer } from './keys.ts';
import { OUTCOME_LABEL, type Outcome } from './manifest.ts';
import type { Rejection, VerifiedBundle } from './verify.ts';

// The only writer of received records. Runs inside the import's transaction, after every
// check of verify.ts passed; the replay checks read and update sender state here, in the
// same transaction as the merge.

export type TableReport = { created: number; updated: number; retired: number; conflicts: number };

export interface ImportResult {
  fileName: string;
  sha256: string;
  outcome: Outcome;
  message: string;
  kind: 'data' | 'policy' | null;
  senderCode: string | null;
  senderName: string | null;
  seq: number | null;
  full: boolean | null;
  report: Record<string, TableReport> | null;
  /** Bundles held for a gap that this import released. */
  released: number;
}

/**
 * Why a received record was kept aside, by code (the stored reason is the Chinese text; the
 * code is derived from it in core/bundle/conflicts.ts, so there is one spelling of each).
 */
export const CONFLICT_REASONS = {
  same_id: '编号与其他单位的记录相同',
  id_clash: '身份证号已在其他社区的在岗人员名下（跨社区重复）',
  unique: '与已有记录冲突（唯一性约束）',
} as const;
export type ConflictReason = keyof typeof CONFLICT_REASONS;

export const chainOf = (m: { kind: string; sender: { orgCode: string } }) => `${m.kind}:${m.sender.orgCode}`;

export function logImport(tx: TxCtx, r: ImportResult, size: number, bundleId: string | null): void {
  tx.db
    .insert(bundleImports)
    .values({
      at: tx.nowIso, fileName: r.fileName, sha256: r.sha256, size, outcome: r.outcome, message: r.message, kind: r.kind,
      senderCode: r.senderCode, seq: r.seq, bundleId, report: r.report,
    })
    .run();
}

export function rejectedResult(fileName: string, sha256: string, rej: Rejection): ImportResult {
  const m = rej.manifest;
  return {
    fileName, sha256, outcome: rej.outcome, message: `${OUTCOME_LABEL[rej.outcome]}：${rej.message}`,
    kind: m?.kind ?? null, senderCode: m?.sender.orgCode ?? null, senderName: m?.sender.orgName ?? null, seq: m?.seq ?? null,
    full: m?.full ?? null, report: null, released: 0,
  };
}

/** Decides the replay outcome and, if accepted, merges. `fileB64` is kept only for a GAP. */
export function applyVerified(tx: TxCtx, v: VerifiedBundle, fileName: string, fileB64: string, opts: { auditAccepted?: boolean } = {}): ImportResult {
  const m = v.manifest;
  const chain = chainOf(m);
  const base = {
    fileName, sha256: v.sha256, kind: m.kind, senderCode: m.sender.orgCode, senderName: m.sender.orgName, seq: m.seq,
    full: m.full, report: null, released: 0,
  };
  const done = (outcome: Outcome, detail: string): ImportResult => ({ ...base, outcome, message: `${OUTCOME_LABEL[outcome]}${detail ? `：${detail}` : ''}` });
  const state = tx.db.select().from(bundleSenderState).where(eq(bundleSenderState.chain, chain)).get();
  const seenBefore = tx.db
    .select({ id: bundleImports.id })
    .from(bundleImports)
    .where(and(eq(bundleImports.bundleId, m.bundleId), eq(bundleImports.outcome, 'ACCEPTED')))
    .get();
  const held = tx.db.select({ sha: bundleHeld.sha256 }).from(bundleHeld).where(eq(bundleHeld.sha256, v.sha256)).get();
  if (seenBefore || state?.lastSha256 === v.sha256 || held) return done('DUPLICATE', `第 ${m.seq} 号数据包此前已收到`);
  const last = state?.lastSeq ?? 0;
  if (m.seq <= last) return done('ROLLBACK', `第 ${m.seq} 号早于已接收的第 ${last} 号`);
  if (!m.full && m.seq > last + 1) {
    tx.db.insert(bundleHeld).values({ sha256: v.sha256, chain, seq: m.seq, fileName, file: fileB64, receivedAt: tx.nowIso }).run();
    return done('GAP', `已接收到第 ${last} 号，缺少第 ${last + 1}–${m.seq - 1} 号；本包已暂存，待缺少的数据包或全量数据包导入后自动接收`);
  }
  if (!m.full && m.prevSha256 !== (state?.lastSha256 ?? '')) return done('FORK', `第 ${m.seq} 号的前序摘要与已接收的第 ${last} 号不符；请让对方重新导出全量数据包`);

  // A sender whose audit history no longer extends the county's anchor: hold, merge nothing.
  if (m.kind === 'data' && !opts.auditAccepted) {
    const finding = checkAnchor(tx, chain, m.audit, v.auditRows);
    if (!finding.ok) {
      holdForReview(tx, { sha256: v.sha256, chain, senderCode: m.sender.orgCode, seq: m.seq, fileName, file: fileB64, finding: finding.message });
      return done('AUDIT_REWRITTEN', finding.message);
    }
  }

  const report: Record<string, TableReport> = {};
  let records = 0;
  for (const { table: t, rows } of v.parts) {
    const r: TableReport = { created: 0, updated: 0, retired: 0, conflicts: 0 };
    const stmts = rowStatements(tx.sqlite, t);
    for (const row of rows) {
      records++;
      const existing = stmts.get(String(row.id));
      const conflict = (reason: string) => {
        r.conflicts++;
        tx.db.insert(bundleConflicts).values({
          id: randomUUID(), tableName: t.name, recordId: String(row.id), senderCode: m.sender.orgCode, orgId: String(row.orgId),
          record: JSON.stringify(row), reason, detectedAt: tx.nowIso,
        }).run();
      };
      if (existing && !v.owned.has(String(existing.orgId))) {
        conflict(CONFLICT_REASONS.same_id);
        continue;
      }
      if (existing && Buffer.compare(serialiseRows(t, [existing]), serialiseRows(t, [row])) === 0) continue;
      try {
        // A unique index other than the id (e.g. an ID number active in two communities)
        // fails only this statement; the record is kept aside for the county to resolve.
        if (existing) stmts.update(row, m.sender.orgCode);
        else stmts.insert(row, m.sender.orgCode);
      } catch (e) {
        const code = (e as { code?: string }).code ?? '';
        if (!code.startsWith('SQLITE_CONSTRAINT')) throw e;
        conflict(t.name === 'people' ? CONFLICT_REASONS.id_clash : CONFLICT_REASONS.unique);
        continue;
      }
      if (!existing) r.created++;
      else r.updated++;
      const retiredNow = (row.deletedAt && !existing?.deletedAt) || (existing && existing.status === '在岗' && row.status !== undefined && row.status !== '在岗');
      if (retiredNow) r.retired++;
    }
    report[t.name] = r;
  }

  const next = {
    chain, senderCode: m.sender.orgCode, signFingerprint: m.sender.signFingerprint, lastSeq: m.seq, lastSha256: v.sha256,
    lastBundleId: m.bundleId, lastImportedAt: tx.nowIso, lastCreatedAt: m.createdAt, records,
  };
  tx.db.insert(bundleSenderState).values(next).onConflictDoUpdate({ target: bundleSenderState.chain, set: next }).run();
  tx.db.delete(bundleHeld).where(and(eq(bundleHeld.chain, chain), lte(bundleHeld.seq, m.seq))).run();
  if (m.kind === 'data' && m.audit) advanceAnchor(tx, chain, m.sender.orgCode, m.bundleId, m.audit);
  if (m.rotation && signKeyFingerprint(m.rotation.signPublic) !== signKeyFingerprint(v.peer.signPublic)) {
    trustPeer(tx, { ...v.peer, ageRecipients: [m.rotation.ageRecipient], signPublic: m.rotation.signPublic, fingerprint: m.rotation.fingerprint });
    tx.db.update(bundlePeers).set({ status: 'replaced' }).where(eq(bundlePeers.id, v.peer.id)).run();
  }
  const total = Object.values(report).reduce((a, r) => ({ c: a.c + r.created, u: a.u + r.updated, x: a.x + r.conflicts }), { c: 0, u: 0, x: 0 });
  return { ...done('ACCEPTED', `第 ${m.seq} 号，新增 ${total.c} 条、更新 ${total.u} 条${total.x ? `、${total.x} 条冲突待处理` : ''}`), report };
}
