import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { formatFingerprint, installationFingerprint, isWeakEd25519PublicKey, signBytes } from '../../core/bundle/crypto.ts';
import { newCounty, type Installation } from './fixture.ts';

// Small-order points of edwards25519 and their non-canonical encodings (the low_order_A
// family of C2SP/CCTV ed25519vectors.json).
const LOW_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  '0100000000000000000000000000000000000000000000000000000000000080',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
];

const opened: Installation[] = [];
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

describe('Ed25519 key hygiene', () => {
  it('refuses every small-order and non-canonical public key and accepts real ones', () => {
    for (const hex of LOW_ORDER) expect(isWeakEd25519PublicKey(Buffer.from(hex, 'hex')), hex).toBe(true);
    for (let i = 0; i < 50; i++) {
      const spki = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
      expect(isWeakEd25519PublicKey(spki.subarray(12))).toBe(false);
    }
  });

  it('refuses a low-order key in an enrollment request, even with a matching fingerprint', async () => {
    const county = await newCounty();
    opened.push(county);
    const { privateKey } = generateKeyPairSync('ed25519');
    const priv = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    for (const hex of LOW_ORDER.slice(0, 8)) {
      const signPublic = Buffer.from(hex, 'hex').toString('base64');
      const ageRecipient = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
      const body = JSON.stringify({
        format: 'jiceng-enrollment-request/1', org: { id: county.communityIds[0], code: '610402001001', name: '新城社区' },
        ageRecipients: [ageRecipient], signPublic, fingerprint: installationFingerprint(signPublic, ageRecipient), createdAt: '2026-11-27T00:00:00Z',
      });
      const text = JSON.stringify({ body, signature: signBytes(priv, new TextEncoder().encode(`jiceng-enroll/v1\n${body}`)) });
      const r = await county.app.dispatcher.call('enroll.importRequest', { text, confirm: installationFingerprint(signPublic, ageRecipient) });
      expect(r.ok, hex).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('弱密钥');
    }
    expect((await county.app.ok('keys.show', {})).peers).toHaveLength(0);
  });

  it('renders fingerprints as 8 groups of 4 hex characters, deterministically', () => {
    expect(formatFingerprint('0123456789abcdef0123456789abcdefffff')).toBe('0123 4567 89AB CDEF 0123 4567 89AB CDEF');
    expect(installationFingerprint('AAAA', 'age1x')).toBe(installationFingerprint('AAAA', 'age1x'));
    expect(installationFingerprint('AAAA', 'age1x')).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  });

  it('private keys leave the database only through the audited backup', async () => {
    const county = await newCounty();
    opened.push(county);
    const shown = JSON.stringify(await county.app.ok('keys.show', {}));
    expect(shown).not.toContain('AGE-SECRET-KEY');
    const before = (county.app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE operation = 'keys.backup'").get() as { n: number }).n;
    const pass = 'Backup-passphrase-2026';
    const mismatch = await county.app.dispatcher.call('keys.backup', { passphrase: pass, passphraseAgain: `${pass}x` });
    expect(!mismatch.ok && mismatch.error.issues).toEqual([{ path: 'passphraseAgain', message: '「再次输入口令」与口令不一致' }]);
    const backup = await county.app.ok('keys.backup', { passphrase: pass, passphraseAgain: pass });
    const file = Buffer.from(backup.base64, 'base64');
    // An age file under a passphrase: no key material in the clear, not even base64 of it.
    expect(file.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(file.toString('latin1')).not.toMatch(/AGE-SECRET-KEY|signPrivate|BEGIN|jiceng-key-backup/);
    const keys = (await county.app.ok('keys.show', {})).keys as { ageRecipient: string }[];
    for (const k of keys) expect(file.toString('latin1')).not.toContain(k.ageRecipient);
    const after = (county.app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE operation = 'keys.backup' AND outcome = 'ok'").get() as { n: number }).n;
    expect(after).toBe(before + 1);
    // Read back: a wrong passphrase is refused by field; the right one restores onto a fresh installation.
    const wrong = await county.app.dispatcher.call('keys.importBackup', { base64: backup.base64, passphrase: 'not-the-pass-phrase' });
    expect(!wrong.ok && wrong.error.issues?.[0]?.path).toBe('passphrase');
    const fresh = await newCounty();
    opened.push(fresh);
    const restored = await fresh.app.dispatcher.call('keys.importBackup', { base64: backup.base64, passphrase: pass });
    // The same unit on another computer: the backed-up pair is added beside its own active one.
    expect(restored.ok && restored.data.restored).toBe(1);
    expect(restored.ok && restored.data.keys.map((k) => k.status).sort()).toEqual(['active', 'retired']);
  });
});
