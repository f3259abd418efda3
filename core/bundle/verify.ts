import { eq } from 'drizzle-orm';
import { settings, type BundlePeerRow } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { readArchive } from './archive.ts';
import { AUDIT_ROWS_FILE, readAuditRows } from './audit-anchor.ts';
import { ageDecrypt, recipientFingerprint, sha256Hex, verifyBytes } from './crypto.ts';
import { checkRowScope } from './check-rows.ts';
import { schemaVersion } from './export.ts';
import { allOwnKeys, getBinding, peerBySignFingerprint } from './keys.ts';
import { manifestSchema, outerSigMessage, outerSigSchema, signedManifestMessage, type Manifest, type Outcome } from './manifest.ts';
import { checkRecord, policyTables, sharedTables, type SharedTable } from './tables.ts';
import { BUNDLE_MAX_BYTES } from './limits.ts';

// Every check that can reject a bundle, with no write at all. The merge runs only on what
// this returns as `ok`.

const MAX_KEY = 'bundle.maxBytes';

/** The limit in force: BUNDLE_MAX_BYTES unless `settings` `bundle.maxBytes` lowers it (tests, a tighter county). */
export function maxBundleBytes(ctx: Pick<Ctx, 'db'>): number {
  const row = ctx.db.select().from(settings).where(eq(settings.key, MAX_KEY)).get();
  return typeof row?.value === 'number' ? Math.min(row.value, BUNDLE_MAX_BYTES) : BUNDLE_MAX_BYTES;
}

export interface Rejection {
  ok: false;
  outcome: Outcome;
  message: string;
  manifest?: Manifest;
}

export interface VerifiedBundle {
  ok: true;
  sha256: string;
  manifest: Manifest;
  peer: BundlePeerRow;
  parts: { table: SharedTable; rows: Record<string, unknown>[] }[];
  /** The org unit ids the sender may write records for. */
  owned: Set<string>;
  /** The sender's audit rows carried with a data bundle (checked against the anchor at merge). */
  auditRows: ReturnType<typeof readAuditRows> extends infer R ? Exclude<R, string> | null : never;
}

const reject = (outcome: Outcome, message: string, manifest?: Manifest): Rejection => ({ ok: false, outcome, message, ...(manifest ? { manifest } : {}) });

/**
 * The checks that need only the file's size and its detached signature, before anything is
 * decrypted. `bytes` is null when the caller refused to read the file (too large, no .sig, or a
 * size other than the signature declares; `refuseUnread` in limits.ts): the answer is then a
 * rejection by size and signature alone.
 */
/** The two checks that need neither the bytes nor the signature's content: the signature file is there, the size within the limit. */
export function checkPresenceAndSize(ctx: Ctx, size: number, outerSigText: string | null): Rejection | null {
  if (outerSigText === null)
    return reject('SIG_MISSING', '数据包须与同名的签名文件（如 X.age 与 X.age.sig）一起导入；未解密，未作任何改动');
  const max = maxBundleBytes(ctx);
  if (size > max) return reject('TOO_LARGE', `文件大小 ${size} 字节，超过上限 ${max} 字节`);
  return null;
}

export function checkOuter(ctx: Ctx, size: number, outerSigText: string | null, bytes: Uint8Array | null): Rejection | null {
  const early = checkPresenceAndSize(ctx, size, outerSigText);
  if (early || outerSigText === null) return early;
  let outer;
  try {
    outer = outerSigSchema.parse(JSON.parse(outerSigText));
  } catch {
    return reject('CORRUPT', '签名文件格式不正确');
  }
  if (outer.fileSize !== size) return reject('CORRUPT', `签名文件声明的大小（${outer.fileSize} 字节）与数据包（${size} 字节）不符`);
  const peer = peerBySignFingerprint(ctx, outer.signFingerprint);
  if (!peer) return reject('SIG_UNKNOWN_KEY', `签名密钥 ${outer.signFingerprint} 未登记`);
  if (peer.status === 'revoked') return reject('KEY_REVOKED', `“${peer.orgName}”的密钥已吊销`);
  if (!bytes || outer.fileSha256 !== sha256Hex(bytes) || !verifyBytes(peer.signPublic, outerSigMessage(outer), outer.signature))
    return reject('CORRUPT', '签名文件与数据包不符（文件被改动或签名被替换）');
  return null;
}

// The detached signature lets a forged or oversized file be refused before the age parser sees it.
export async function verifyBundle(ctx: Ctx, file: Uint8Array, outerSigText: string | null): Promise<Rejection | VerifiedBundle> {
  return checkOuter(ctx, file.length, outerSigText, file) ?? verifyContent(ctx, file);
}

/**
 * Everything after the detached signature. Alone only for a bundle this installation already
 * held (GAP, AUDIT_REWRITTEN): its signature file was checked when it arrived.
 */
export async function verifyContent(ctx: Ctx, file: Uint8Array): Promise<Rejection | VerifiedBundle> {
  const binding = getBinding(ctx);
  if (!binding) return reject('RECIPIENT_MISMATCH', '本机尚未初始化密钥，无法接收数据包');
  const sha256 = sha256Hex(file);

  let archive: Uint8Array;
  const own = allOwnKeys(ctx);
  try {
    archive = await ageDecrypt(own.map((k) => k.ageIdentity), file);
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/no identity matched/i.test(msg)) return reject('RECIPIENT_MISMATCH', '数据包不是加密给本单位的');
    return reject('CORRUPT', '解密失败：文件损坏或被篡改');
  }

  let entries;
  try {
    entries = new Map(readArchive(archive).entries.map((e) => [e.name, e.data]));
  } catch {
    return reject('CORRUPT', '数据包内部结构损坏');
  }
  const mBytes = entries.get('manifest.json');
  const sigBytes = entries.get('manifest.sig');
  if (!mBytes || !sigBytes) return reject('CORRUPT', '数据包缺少清单或签名');
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(mBytes)));
  } catch {
    return reject('CORRUPT', '数据包清单格式不正确');
  }
  const sigText = new TextDecoder().decode(sigBytes);
  if (!sigText.endsWith('\n')) return reject('CORRUPT', '清单签名格式不正确', manifest);

  const peer = peerBySignFingerprint(ctx, manifest.sender.signFingerprint);
  if (!peer || !verifyBytes(peer.signPublic, signedManifestMessage(mBytes), sigText.slice(0, -1)))
    return reject('SIG_UNKNOWN_KEY', `签名无法用已登记的密钥验证（声称的密钥 ${manifest.sender.signFingerprint}）`, manifest);
  if (peer.status === 'revoked') return reject('KEY_REVOKED', `“${peer.orgName}”的密钥已吊销`, manifest);
  const expectedRole = manifest.kind === 'data' ? 'community' : 'county';
  if (peer.orgCode !== manifest.sender.orgCode || peer.orgId !== manifest.sender.orgId || peer.role !== expectedRole)
    return reject('SENDER_MISMATCH', `签名属于“${peer.orgName}”（${peer.orgCode}），但数据包声称来自 ${manifest.sender.orgCode}`, manifest);

  const ownFprs = new Set(own.map((k) => recipientFingerprint(k.ageRecipient)));
  if (!manifest.recipients.some((r) => r.orgCode === binding.orgCode && ownFprs.has(r.ageFingerprint)))
    return reject('RECIPIENT_MISMATCH', '数据包签名时指定的接收单位不是本单位（可能被转发）', manifest);

  const names = new Set(['manifest.json', 'manifest.sig', ...manifest.parts.map((p) => p.file), ...(manifest.audit ? [AUDIT_ROWS_FILE] : [])]);
  if (names.size !== entries.size || [...entries.keys()].some((n) => !names.has(n)))
    return reject('CORRUPT', '数据包内容与清单不符', manifest);
  if (manifest.schemaVersion > schemaVersion(ctx))
    return reject('SCHEMA_INVALID', `数据包来自较新版本（结构版本 ${manifest.schemaVersion}），请先升级本程序`, manifest);

  const auditRows = manifest.audit ? readAuditRows(manifest.audit, entries.get(AUDIT_ROWS_FILE)) : null;
  if (typeof auditRows === 'string') return reject('CORRUPT', auditRows, manifest);

  // A data bundle is read against every shared table, so a policy table it carries is named
  // and refused as OUT_OF_SCOPE (check-rows.ts) rather than passed over as unknown.
  const known = new Map((manifest.kind === 'data' ? sharedTables() : policyTables()).map((t) => [t.name, t]));
  const parts: VerifiedBundle['parts'] = [];
  const seen = new Set<string>();
  for (const p of manifest.parts) {
    const data = entries.get(p.file)!;
    if (p.file !== `parts/${p.table}.jsonl` || seen.has(p.table) || sha256Hex(data) !== p.sha256)
      return reject('CORRUPT', `数据部分 ${p.file} 的摘要与清单不符`, manifest);
    seen.add(p.table);
    const t = known.get(p.table);
    if (!t) {
      if (p.records === 0) continue;
      return reject('SCHEMA_INVALID', `本系统没有数据表 ${p.table}`, manifest);
    }
    if (p.columns.join(',') !== t.keys.join(',')) return reject('SCHEMA_INVALID', `数据表 ${p.table} 的字段与本系统不一致`, manifest);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      return reject('SCHEMA_INVALID', `数据部分 ${p.file} 不是有效的 UTF-8 文本`, manifest);
    }
    const lines = text === '' ? [] : text.split('\n');
    if (lines.length && lines.pop() !== '') return reject('SCHEMA_INVALID', `数据部分 ${p.file} 未以换行结尾`, manifest);
    if (lines.length !== p.records) return reject('SCHEMA_INVALID', `数据表 ${p.table} 的记录数与清单不符`, manifest);
    const rows: Record<string, unknown>[] = [];
    for (const [i, line] of lines.entries()) {
      let r: unknown;
      try {
        r = JSON.parse(line);
      } catch {
        return reject('SCHEMA_INVALID', `数据表 ${p.table} 第 ${i + 1} 行不是有效的 JSON`, manifest);
      }
      const problems = checkRecord(t, r);
      const rid = (r as { id?: unknown } | null)?.id;
      if (problems.length)
        return reject('SCHEMA_INVALID', `数据表 ${p.table} 第 ${i + 1} 行${typeof rid === 'string' ? `（编号 ${rid.slice(0, 64)}）` : ''}：${problems.slice(0, 3).join('；')}`, manifest);
      rows.push(r as Record<string, unknown>);
    }
    parts.push({ table: t, rows });
  }

  const scope = checkRowScope(ctx, manifest, peer, parts);
  if (!scope.ok) return reject('OUT_OF_SCOPE', scope.message, manifest);
  const owned = scope.owned;

  return { ok: true, sha256, manifest, peer, parts, owned, auditRows };
}
