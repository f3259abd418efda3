import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { readArchive, writeArchive } from '../../core/bundle/archive.ts';
import { ageDecrypt, ageEncrypt, recipientFingerprint, sha256Hex, signBytes, signKeyFingerprint } from '../../core/bundle/crypto.ts';
import { APP, serialiseRows } from '../../core/bundle/export.ts';
import { BUNDLE_FORMAT, manifestBytes, outerSigMessage, signedManifestMessage, type Manifest } from '../../core/bundle/manifest.ts';
import { sharedTables } from '../../core/bundle/tables.ts';

// An attacker's workshop: open a real bundle with a key the attacker holds, change the
// manifest, re-sign it with some key and re-encrypt it to some recipient.

export async function openBundle(identity: string, file: Uint8Array) {
  const { entries, mtime } = readArchive(await ageDecrypt([identity], file));
  const manifest = JSON.parse(new TextDecoder().decode(entries.find((e) => e.name === 'manifest.json')!.data)) as Manifest;
  return { entries, mtime, manifest };
}

export async function reseal(opts: {
  identity: string;
  file: Uint8Array;
  recipients: string[];
  signPrivate?: string;
  edit?: (m: Manifest) => void;
}): Promise<Uint8Array> {
  const { entries, mtime, manifest } = await openBundle(opts.identity, opts.file);
  let out = entries;
  if (opts.edit || opts.signPrivate) {
    opts.edit?.(manifest);
    const bytes = manifestBytes(manifest);
    out = entries.map((e) => {
      if (e.name === 'manifest.json') return { name: e.name, data: bytes };
      if (e.name === 'manifest.sig' && opts.signPrivate)
        return { name: e.name, data: new TextEncoder().encode(signBytes(opts.signPrivate, signedManifestMessage(bytes)) + '\n') };
      return e;
    });
  }
  return ageEncrypt(opts.recipients, writeArchive(out, mtime));
}

/**
 * A bundle built from scratch by an enrolled installation gone hostile: any rows, signed with
 * its real signing key, encrypted to the real recipient. Every check before the row checks passes.
 */
export async function forgeBundle(opts: {
  kind: 'data' | 'policy';
  sender: { orgId: string; orgCode: string; orgName: string; signPublic: string; signPrivate: string };
  recipient: { orgCode: string; ageRecipient: string };
  schemaVersion: number;
  rows: Record<string, Record<string, unknown>[]>;
  seq?: number;
}): Promise<Uint8Array> {
  const parts: Manifest['parts'] = [];
  const entries = [];
  for (const [table, rows] of Object.entries(opts.rows)) {
    const t = sharedTables().find((x) => x.name === table)!;
    const data = serialiseRows(t, rows);
    parts.push({ table, file: `parts/${table}.jsonl`, records: rows.length, sha256: sha256Hex(data), columns: t.keys });
    entries.push({ name: `parts/${table}.jsonl`, data });
  }
  const manifest: Manifest = {
    format: BUNDLE_FORMAT, kind: opts.kind, bundleId: randomUUID(),
    sender: { orgId: opts.sender.orgId, orgCode: opts.sender.orgCode, orgName: opts.sender.orgName, signFingerprint: signKeyFingerprint(opts.sender.signPublic) },
    recipients: [{ orgCode: opts.recipient.orgCode, ageFingerprint: recipientFingerprint(opts.recipient.ageRecipient) }],
    seq: opts.seq ?? 1, prevSha256: '', full: true, createdAt: new Date().toISOString(), app: APP, schemaVersion: opts.schemaVersion,
    rotation: null, parts,
  };
  const bytes = manifestBytes(manifest);
  const sig = new TextEncoder().encode(signBytes(opts.sender.signPrivate, signedManifestMessage(bytes)) + '\n');
  return ageEncrypt([opts.recipient.ageRecipient], writeArchive([{ name: 'manifest.json', data: bytes }, { name: 'manifest.sig', data: sig }, ...entries], 0));
}

/** The detached `.sig` an installation holding `signer` writes beside `file` (core/bundle/export.ts). */
export function signOuter(signer: { signPrivate: string; signPublic?: string }, senderCode: string, file: Uint8Array, seq = 1): string {
  const signPublic = signer.signPublic ?? publicOf(signer.signPrivate);
  const outer = { senderCode, signFingerprint: signKeyFingerprint(signPublic), seq, fileSize: file.length, fileSha256: sha256Hex(file) };
  return JSON.stringify({ format: 'jiceng-bundle-sig/1', ...outer, signature: signBytes(signer.signPrivate, outerSigMessage(outer)) }) + '\n';
}

/** The raw public key (base64) of a PKCS#8 Ed25519 private key, as the keyring stores it. */
function publicOf(signPrivate: string): string {
  const spki = createPublicKey(createPrivateKey({ key: Buffer.from(signPrivate, 'base64'), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32).toString('base64');
}
