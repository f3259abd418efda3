import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';

// The few cryptographic primitives of the bundle format, in one place: SHA-256, Ed25519
// (node:crypto, OpenSSL) and age X25519 (the `age-encryption` package, buffer API only).

export const sha256Hex = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKeyPair {
  /** PKCS#8 DER, base64 */
  privateKey: string;
  /** raw 32 bytes, base64 */
  publicKey: string;
}

export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: spki.subarray(spki.length - 32).toString('base64'),
  };
}

export function signBytes(privateKeyB64: string, data: Uint8Array): string {
  const key = createPrivateKey({ key: Buffer.from(privateKeyB64, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, data, key).toString('base64');
}

// A county verifies two signatures per bundle with the same 150 peer keys: building the key
// object each time was 47 ms of a 150-bundle import. Key objects are immutable.
const publicKeys = new Map<string, KeyObject>();

/** False for any malformed key or signature instead of throwing: callers map it to an outcome code. */
export function verifyBytes(publicKeyB64: string, data: Uint8Array, signatureB64: string): boolean {
  try {
    const raw = Buffer.from(publicKeyB64, 'base64');
    const sig = Buffer.from(signatureB64, 'base64');
    if (raw.length !== 32 || sig.length !== 64 || sig.toString('base64') !== signatureB64) return false;
    let key = publicKeys.get(publicKeyB64);
    if (!key) {
      key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
      if (publicKeys.size >= 10_000) publicKeys.clear();
      publicKeys.set(publicKeyB64, key);
    }
    return verify(null, data, key, sig);
  } catch {
    return false;
  }
}

const P = 2n ** 255n - 19n;
// y of the four points of order 8; the other small-order points have y = 1, -1 or 0.
const Y8 = 0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n;
const SMALL_ORDER_Y = new Set([0n, 1n, P - 1n, Y8, P - Y8]);

/**
 * A public key that must never be enrolled: wrong length, a non-canonical y (≥ p), or a
 * point of small order (every such point has y ∈ {0, 1, −1, ±y8}). OpenSSL's verify accepts
 * some signatures under these keys that any message would satisfy, so they are refused here.
 */
export function isWeakEd25519PublicKey(raw: Uint8Array): boolean {
  if (raw.length !== 32) return true;
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = (y << 8n) | BigInt(i === 31 ? raw[i]! & 0x7f : raw[i]!);
  return y >= P || SMALL_ORDER_Y.has(y);
}

/** 128 bits of SHA-256 as 8 groups of 4 upper-case hex characters, for reading aloud. */
export function formatFingerprint(hex: string): string {
  return hex.slice(0, 32).toUpperCase().match(/.{4}/g)!.join(' ');
}

export const normalizeFingerprint = (s: string): string => s.replace(/[\s-]/g, '').toUpperCase();

/** The fingerprint of an installation: both public keys, so one comparison covers both. */
export function installationFingerprint(signPublicB64: string, ageRecipient: string): string {
  return formatFingerprint(sha256Hex(`jiceng-key/v1\n${signPublicB64}\n${ageRecipient}\n`));
}

// Memoised: every received bundle looks its sender up by sign fingerprint among all peers
// (150 at a county), twice; a pure function of the key, so the cache cannot go stale.
const signFprCache = new Map<string, string>();
export const signKeyFingerprint = (signPublicB64: string): string => {
  let f = signFprCache.get(signPublicB64);
  if (f === undefined) {
    f = formatFingerprint(sha256Hex(`jiceng-sign/v1\n${signPublicB64}\n`));
    if (signFprCache.size >= 10_000) signFprCache.clear();
    signFprCache.set(signPublicB64, f);
  }
  return f;
};
export const recipientFingerprint = (ageRecipient: string): string => formatFingerprint(sha256Hex(`jiceng-age/v1\n${ageRecipient}\n`));

export async function newAgeIdentity(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

/** Parses an `age-keygen` file: comments, then exactly one `AGE-SECRET-KEY-1…` line. */
export async function parseAgeKeygenFile(text: string): Promise<{ identity: string; recipient: string }> {
  const keys = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (keys.length !== 1 || !/^AGE-SECRET-KEY-1[0-9A-Z]+$/.test(keys[0]!)) throw new Error('不是 age-keygen 生成的身份文件（应含且仅含一行 AGE-SECRET-KEY-1…）');
  const identity = keys[0]!;
  return { identity, recipient: await identityToRecipient(identity) };
}

export async function ageEncrypt(recipients: string[], plaintext: Uint8Array): Promise<Uint8Array> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  return e.encrypt(plaintext);
}

/**
 * Whole-buffer decryption only: `decrypt(Uint8Array)` authenticates every chunk, including
 * the final one, before it returns a single byte. Armored input is refused up front.
 */
export async function ageDecrypt(identities: string[], file: Uint8Array): Promise<Uint8Array> {
  const magic = new TextEncoder().encode('age-encryption.org/v1\n');
  if (file.length < magic.length || magic.some((b, i) => file[i] !== b)) throw new Error('not a binary age v1 file');
  const d = new Decrypter();
  for (const id of identities) d.addIdentity(id);
  return d.decrypt(file);
}
