import { Decrypter, Encrypter } from 'age-encryption';
import { z } from 'zod';
import { bundleOwnKeys, type BundleOwnKeyRow } from '../../db/schema/index.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { TxCtx } from '../context.ts';
import { allOwnKeys, getBinding, setBinding, type Binding } from './keys.ts';

// The private-key backup is an age file encrypted under a passphrase (age's scrypt recipient),
// never plain JSON: a copy left on a USB stick gives nothing without the passphrase.

export const KEY_BACKUP_FORMAT = 'jiceng-key-backup/1';
// 2^16 × 8 × 128 B = 64 MiB per derivation: a brute force stays slow, an office PC copes.
const SCRYPT_LOG_N = 16;

export interface KeyBackup {
  format: typeof KEY_BACKUP_FORMAT;
  binding: Binding;
  createdAt: string;
  keys: BundleOwnKeyRow[];
}

export async function sealKeyBackup(backup: KeyBackup, passphrase: string): Promise<Uint8Array> {
  const e = new Encrypter();
  e.setPassphrase(passphrase);
  e.setScryptWorkFactor(SCRYPT_LOG_N);
  return e.encrypt(JSON.stringify(backup));
}

const backupShape = z.object({
  format: z.literal(KEY_BACKUP_FORMAT),
  binding: z.object({ orgId: z.string(), orgCode: z.string(), orgName: z.string(), role: z.enum(['county', 'community']) }).loose(),
  createdAt: z.string(),
  keys: z.array(z.object({
    id: z.string(), status: z.enum(['active', 'retired']), ageIdentity: z.string().startsWith('AGE-SECRET-KEY-1'), ageRecipient: z.string(),
    ageSource: z.enum(['generated', 'age-keygen']), signPrivate: z.string(), signPublic: z.string(), fingerprint: z.string(),
    createdAt: z.string(), retiredAt: z.string().nullable(),
  })).min(1),
});

export async function openKeyBackup(file: Uint8Array, passphrase: string): Promise<KeyBackup> {
  const d = new Decrypter();
  d.addPassphrase(passphrase);
  let text: string;
  try {
    text = await d.decrypt(file, 'text');
  } catch {
    throw validationError([{ path: 'passphrase', message: '「口令」不正确，或文件不是本系统的私钥备份' }]);
  }
  const parsed = backupShape.safeParse(JSON.parse(text));
  if (!parsed.success) throw validationError([{ path: 'file', message: '「备份文件」内容不完整，无法恢复' }]);
  return parsed.data as KeyBackup;
}

/** Restores the key pairs this installation lacks; an existing binding must be the same unit. */
export function restoreKeys(tx: TxCtx, backup: KeyBackup): number {
  const bound = getBinding(tx);
  if (bound && bound.orgCode !== backup.binding.orgCode)
    throw new AppError('conflict', `备份属于 ${backup.binding.orgName}（${backup.binding.orgCode}），本机绑定的是 ${bound.orgName}（${bound.orgCode}），未恢复`);
  if (!bound) setBinding(tx, backup.binding);
  const have = new Set(allOwnKeys(tx).map((k) => k.id));
  const hasActive = allOwnKeys(tx).some((k) => k.status === 'active');
  const missing = backup.keys.filter((k) => !have.has(k.id));
  for (const k of missing)
    tx.db.insert(bundleOwnKeys).values({ ...k, status: !hasActive && k.status === 'active' ? 'active' : 'retired', retiredAt: k.retiredAt ?? (hasActive || k.status !== 'active' ? tx.nowIso : null) }).run();
  return missing.length;
}
