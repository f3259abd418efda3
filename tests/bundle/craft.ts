import { readArchive, writeArchive } from '../../core/bundle/archive.ts';
import { ageDecrypt, ageEncrypt, signBytes } from '../../core/bundle/crypto.ts';
import { manifestBytes, signedManifestMessage, type Manifest } from '../../core/bundle/manifest.ts';

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
