import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import { bundleExports, counters, orgUnits, type BundleExportRow, type BundlePeerRow } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { localIsoDate } from '../roster/dates.ts';
import { writeArchive } from './archive.ts';
import { auditExcerpt } from './audit-anchor.ts';
import { ageEncrypt, recipientFingerprint, sha256Hex, signBytes, signKeyFingerprint } from './crypto.ts';
import { activeKey, ownKeyById, requireBinding, type Binding } from './keys.ts';
import { BUNDLE_FORMAT, manifestBytes, outerSigMessage, signedManifestMessage, type Manifest, type OuterSig } from './manifest.ts';
import { dataTables, policyTables, type SharedTable } from './tables.ts';

export const APP = { name: 'jiceng-ledger', version: '0.1.0' };

export function chainKey(kind: 'data' | 'policy', recipientCode: string): string {
  return `${kind}:${recipientCode}`;
}

export function chainHead(ctx: Ctx, chain: string): BundleExportRow | null {
  return (
    ctx.db
      .select()
      .from(bundleExports)
      .where(and(eq(bundleExports.chain, chain), eq(bundleExports.status, 'written')))
      .orderBy(desc(bundleExports.seq))
      .get() ?? null
  );
}

export function currentChangeSeq(ctx: Ctx): number {
  return ctx.db.select().from(counters).where(eq(counters.name, 'change')).get()?.value ?? 0;
}

export function schemaVersion(ctx: Ctx): number {
  return ctx.sqlite.pragma('user_version', { simple: true }) as number;
}

/** The org unit ids whose records `b` owns: its unit and every unit below it. */
export function ownedOrgIds(ctx: Ctx, rootId: string): string[] {
  const all = ctx.db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).all();
  return subtreeOf(all, rootId);
}

export function subtreeOf(units: { id: string; parentId: string | null }[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

/** One JSON line per row, keys in column order, so the same row always gives the same bytes. */
export function serialiseRows(t: SharedTable, rows: Record<string, unknown>[]): Uint8Array {
  let text = '';
  for (const r of rows) {
    const ordered: Record<string, unknown> = {};
    for (const k of t.keys) ordered[k] = r[k] ?? null;
    text += JSON.stringify(ordered) + '\n';
  }
  return new TextEncoder().encode(text);
}

export interface BuiltBundle {
  file: Uint8Array;
  outerSig: OuterSig;
  manifest: Manifest;
  fileName: string;
  sha256: string;
  row: BundleExportRow;
  /** What must still hold inside the transaction that reserves the sequence number. */
  expect: { headSeq: number; changeSeq: number };
}

export async function buildBundle(ctx: Ctx, kind: 'data' | 'policy', full: boolean, recipient: BundlePeerRow): Promise<BuiltBundle> {
  const binding: Binding = requireBinding(ctx);
  if (kind === 'data' && binding.role !== 'community') throw new AppError('conflict', '只有社区向县（区）报送数据包');
  if (kind === 'policy' && binding.role !== 'county') throw new AppError('conflict', '只有县（区）下发政策包');
  const chain = chainKey(kind, recipient.orgCode);
  const head = chainHead(ctx, chain);
  const active = activeKey(ctx);
  // Until the recipient has seen a bundle signed by the old key that announces the new
  // one, keep signing with the key it knows.
  const signer = head && head.signKeyId !== active.id ? ownKeyById(ctx, head.signKeyId) : active;
  const rotation = signer.id !== active.id ? { signPublic: active.signPublic, ageRecipient: active.ageRecipient, fingerprint: active.fingerprint } : null;
  const toChangeSeq = currentChangeSeq(ctx);
  const fromChangeSeq = full || !head ? 0 : head.toChangeSeq;
  const owners = kind === 'data' ? ownedOrgIds(ctx, binding.orgId) : [binding.orgId];
  const tables = kind === 'data' ? dataTables() : policyTables();
  const entries = [];
  const parts: Manifest['parts'] = [];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const c = t.columns;
    // The sender's own unit row is the county's to change: a data bundle never carries it (the
    // recipient refuses one that differs from its copy), nor rows this installation received.
    const own = kind === 'data' && t.name === 'org_units' ? [ne(c.id!, binding.orgId)] : [];
    const rows = ctx.db
      .select()
      .from(t.table)
      .where(and(inArray(c.orgId!, owners), gt(c.changeSeq!, fromChangeSeq), lte(c.changeSeq!, toChangeSeq), sql`"origin" IS NULL`, ...own))
      .orderBy(asc(c.changeSeq!), asc(c.id!))
      .all() as Record<string, unknown>[];
    const data = serialiseRows(t, rows);
    const file = `parts/${t.name}.jsonl`;
    entries.push({ name: file, data });
    parts.push({ table: t.name, file, records: rows.length, sha256: sha256Hex(data), columns: t.keys });
    counts[t.name] = rows.length;
  }
  const now = ctx.now();
  const seq = (head?.seq ?? 0) + 1;
  // Data bundles anchor the sender's audit trail at the county: the head and the rows since the last bundle.
  const excerpt = kind === 'data' ? auditExcerpt(ctx, full ? 0 : (head?.auditSeq ?? 0)) : null;
  if (excerpt) entries.push(excerpt.entry);
  const manifest: Manifest = {
    format: BUNDLE_FORMAT, kind, bundleId: randomUUID(),
    sender: { orgId: binding.orgId, orgCode: binding.orgCode, orgName: binding.orgName, signFingerprint: signKeyFingerprint(signer.signPublic) },
    recipients: recipient.ageRecipients.map((r) => ({ orgCode: recipient.orgCode, ageFingerprint: recipientFingerprint(r) })),
    seq, prevSha256: head?.sha256 ?? '', full, createdAt: now.toISOString(), app: APP,
    schemaVersion: schemaVersion(ctx), rotation, ...(excerpt ? { audit: excerpt.audit } : {}), parts,
  };
  const mBytes = manifestBytes(manifest);
  const sig = new TextEncoder().encode(signBytes(signer.signPrivate, signedManifestMessage(mBytes)) + '\n');
  const archive = writeArchive([{ name: 'manifest.json', data: mBytes }, { name: 'manifest.sig', data: sig }, ...entries], Math.floor(now.getTime() / 1000));
  const file = await ageEncrypt(recipient.ageRecipients, archive);
  const sha256 = sha256Hex(file);
  const date = localIsoDate(now).replaceAll('-', '');
  const fileName = kind === 'data'
    ? `${binding.orgCode}_${date}_${String(seq).padStart(6, '0')}${full ? '_full' : ''}.age`
    : `${binding.orgCode}_policy_to_${recipient.orgCode}_${date}_${String(seq).padStart(6, '0')}.age`;
  const outer = { senderCode: binding.orgCode, signFingerprint: manifest.sender.signFingerprint, seq, fileSize: file.length, fileSha256: sha256 };
  const outerSig: OuterSig = { format: 'jiceng-bundle-sig/1', ...outer, signature: signBytes(signer.signPrivate, outerSigMessage(outer)) };
  const row: BundleExportRow = {
    id: randomUUID(), kind, chain, seq, full, bundleId: manifest.bundleId, fileName, sha256, prevSha256: manifest.prevSha256,
    toChangeSeq, signKeyId: signer.id, counts, status: 'pending', error: null, createdAt: now.toISOString(), finishedAt: null,
    auditSeq: excerpt?.audit.seq ?? null,
  };
  return { file, outerSig, manifest, fileName, sha256, row, expect: { headSeq: head?.seq ?? 0, changeSeq: toChangeSeq } };
}
