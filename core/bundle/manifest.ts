import { z } from 'zod';
import { manifestAudit } from './audit-anchor.ts';

// The signed manifest. Its exact bytes are what manifest.sig signs (with a domain prefix),
// so the recipient named here cannot be changed by re-encrypting the archive to someone else.

export const BUNDLE_FORMAT = 'jiceng-bundle/1';
export const MANIFEST_SIG_DOMAIN = 'jiceng-bundle/v1 manifest\n';
export const OUTER_SIG_DOMAIN = 'jiceng-bundle/v1 file\n';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const fpr = z.string().regex(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/);

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  kind: z.enum(['data', 'policy']),
  bundleId: z.string().uuid(),
  sender: z.strictObject({ orgId: z.string(), orgCode: z.string(), orgName: z.string(), signFingerprint: fpr }),
  recipients: z.array(z.strictObject({ orgCode: z.string(), ageFingerprint: fpr })).min(1),
  seq: z.number().int().min(1),
  /** SHA-256 of the previous bundle file of this chain; '' for the first. */
  prevSha256: z.union([hex64, z.literal('')]),
  full: z.boolean(),
  createdAt: z.string(),
  app: z.strictObject({ name: z.string(), version: z.string() }),
  schemaVersion: z.number().int().min(0),
  /** A new key pair announced under the old signing key (rotation). */
  rotation: z.strictObject({ signPublic: z.string(), ageRecipient: z.string(), fingerprint: fpr }).nullable(),
  /** Data bundles: the sender's audit head and the carried rows (core/bundle/audit-anchor.ts). */
  audit: manifestAudit.nullable().optional(),
  parts: z.array(
    z.strictObject({
      table: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
      file: z.string(),
      records: z.number().int().min(0),
      sha256: hex64,
      columns: z.array(z.string()),
    }),
  ),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Canonical bytes: keys in schema order, no whitespace; the signature covers exactly these. */
export function manifestBytes(m: Manifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifestSchema.parse(m)));
}

export function signedManifestMessage(bytes: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(MANIFEST_SIG_DOMAIN);
  const out = new Uint8Array(prefix.length + bytes.length);
  out.set(prefix);
  out.set(bytes, prefix.length);
  return out;
}

/** The detached signature file beside a bundle: who claims to have sent it, and a signature over the file. */
export const outerSigSchema = z.strictObject({
  format: z.literal('jiceng-bundle-sig/1'),
  senderCode: z.string(),
  signFingerprint: fpr,
  seq: z.number().int().min(1),
  /** The file's size in bytes, signed: a receiver compares it with the file on disk before reading it. */
  fileSize: z.number().int().min(0),
  fileSha256: hex64,
  signature: z.string(),
});
export type OuterSig = z.infer<typeof outerSigSchema>;

export function outerSigMessage(s: Omit<OuterSig, 'signature' | 'format'>): Uint8Array {
  return new TextEncoder().encode(`${OUTER_SIG_DOMAIN}${s.senderCode}\n${s.signFingerprint}\n${s.seq}\n${s.fileSize}\n${s.fileSha256}\n`);
}

export const OUTCOMES = [
  'ACCEPTED', 'DUPLICATE', 'ROLLBACK', 'GAP', 'FORK', 'SIG_UNKNOWN_KEY', 'SENDER_MISMATCH',
  'RECIPIENT_MISMATCH', 'KEY_REVOKED', 'CORRUPT', 'SCHEMA_INVALID', 'OUT_OF_SCOPE', 'TOO_LARGE',
  'AUDIT_REWRITTEN', 'SIG_MISSING',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  ACCEPTED: '已接收',
  DUPLICATE: '重复（此前已接收，未作改动）',
  ROLLBACK: '旧数据包（序号早于已接收的）',
  GAP: '缺少前序数据包，已暂存',
  FORK: '数据包链不连续（前序摘要不符）',
  SIG_UNKNOWN_KEY: '签名密钥未登记',
  SENDER_MISMATCH: '发送单位与签名不符',
  RECIPIENT_MISMATCH: '数据包不是发给本单位的',
  KEY_REVOKED: '发送方密钥已吊销',
  CORRUPT: '文件损坏或被篡改',
  SCHEMA_INVALID: '数据内容不合规',
  OUT_OF_SCOPE: '数据超出发送单位的范围',
  TOO_LARGE: '文件超过大小上限',
  AUDIT_REWRITTEN: '发送方审计记录被改写，数据已暂扣，待审核员决定',
  SIG_MISSING: '缺少签名文件（.sig），未解密',
};
