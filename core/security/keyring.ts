import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileDurably } from '../files/durable.ts';
import { derive, newSalt } from './passwords.ts';

// The keyring sits beside the database as `<db>.keys`. It holds the random database master key,
// wrapped (AES-256-GCM) once per account with that account's password-derived key and once
// with the recovery key. It must be readable before the database can be opened, so it also
// keeps the lockout counters and the pre-login policy, and failed logins waiting to be
// written to the audit log. It contains no key in the clear.

export interface WrappedKey {
  salt: string;
  wrapped: string;
}

export interface KeyringAccount extends WrappedKey {
  failures: number;
  lockedUntil: string | null;
}

export interface SecurityPolicy {
  maxFailures: number;
  lockMinutes: number;
  idleMinutes: number;
}

export interface PendingEvent {
  at: string;
  username: string;
  operation: string;
  reason: string;
}

export interface Keyring {
  format: 1;
  policy: SecurityPolicy;
  accounts: Record<string, KeyringAccount>;
  recovery: WrappedKey;
  pending: PendingEvent[];
  /** Failure counters of usernames that do not exist, so they lock like real ones. */
  ghosts?: Record<string, { failures: number; lockedUntil: string | null }>;
}

export const DEFAULT_POLICY: SecurityPolicy = { maxFailures: 5, lockMinutes: 15, idleMinutes: 10 };

export const keyringPath = (dbFile: string) => `${dbFile}.keys`;

export function readKeyring(dbFile: string): Keyring | null {
  const file = keyringPath(dbFile);
  if (!existsSync(file)) return null;
  const k = JSON.parse(readFileSync(file, 'utf8')) as Keyring;
  if (k.format !== 1 || !k.accounts || !k.recovery) throw new Error('keyring format');
  return { ...k, policy: { ...DEFAULT_POLICY, ...k.policy }, pending: k.pending ?? [] };
}

/** Atomic, flushed replace: a crash leaves the old keyring or the new one, never half of one. */
export function writeKeyring(dbFile: string, k: Keyring): void {
  writeFileDurably(keyringPath(dbFile), JSON.stringify(k, null, 1), { mode: 0o600 });
}

const aad = (label: string) => Buffer.from(`jiceng-keyring-v1:${label}`);

export function wrapKey(master: Buffer, secret: string, label: string): WrappedKey {
  const salt = newSalt();
  return { salt, wrapped: wrapWith(master, derive(secret, salt).wrapKey, label) };
}

export function wrapWith(master: Buffer, key: Buffer, label: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(label));
  const ct = Buffer.concat([c.update(master), c.final()]);
  return Buffer.concat([iv, ct, c.getAuthTag()]).toString('base64');
}

/** The master key, or null when the key does not open it (wrong password). */
export function unwrapWith(w: WrappedKey, key: Buffer, label: string): Buffer | null {
  const raw = Buffer.from(w.wrapped, 'base64');
  try {
    const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(aad(label));
    d.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]);
  } catch {
    return null;
  }
}

// Recovery keys: 160 random bits in Crockford-style base32, eight groups of four, printed at setup.
const B32 = 'ABCDEFGHJKMNPQRSTVWXYZ0123456789';

export function newRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

export function normalizeRecoveryKey(s: string): string {
  const clean = s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}

export const RECOVERY_LABEL = 'recovery';
export const accountLabel = (username: string) => `account:${username}`;
