import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBundleFile } from '../../cli/bundle.ts';
import { BUNDLE_MAX_BYTES } from '../../core/bundle/limits.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { countRows, dbDigest, exportBundle, importBundle, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

// Issue 13: a bundle is imported only together with its detached signature, which declares
// the file's size; a file without it, or larger than the limit, is refused before anything
// is decrypted, and a caller with the file on disk does not even read it.

const opened: Installation[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
  for (const d of dirs.splice(0)) removeDir(d);
});

async function pair() {
  const county = await newCounty();
  const comm = await newCommunity(county);
  opened.push(county, comm);
  await comm.app.ok('roster.create', personInput(comm.orgId, 1));
  return { county, comm, b: await exportBundle(comm) };
}

/** A file of `size` bytes that takes no disk space (a hole), like a stick with a 200 MB file on it. */
function sparseFile(path: string, size: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
}

const lastImport = (i: Installation) =>
  i.app.opened.sqlite.prepare('SELECT outcome, size, message FROM bundle_imports ORDER BY id DESC LIMIT 1').get() as { outcome: string; size: number; message: string };

describe('the detached signature is required', () => {
  it('a real bundle without its .sig is SIG_MISSING, logged, nothing else written', async () => {
    const { county, b } = await pair();
    const before = dbDigest(county.app);
    const r = await importBundle(county, b.file, null);
    expect(r.outcome).toBe('SIG_MISSING');
    expect(r.message).toContain('签名文件');
    expect(dbDigest(county.app)).toBe(before);
    expect(countRows(county.app, 'people')).toBe(0);
    expect(lastImport(county).outcome).toBe('SIG_MISSING');
    // With its signature the same file goes through.
    expect((await importBundle(county, b.file, b.signature)).outcome).toBe('ACCEPTED');
  });

  it('garbage without a .sig is refused as SIG_MISSING, never handed to the age parser (which would say CORRUPT)', async () => {
    const { county } = await pair();
    const r = await importBundle(county, new Uint8Array(200_000).fill(7), null);
    expect(r.outcome).toBe('SIG_MISSING');
    const seen = await county.app.ok('bundle.inspect', { fileName: 'x.age', file: Buffer.from('junk').toString('base64'), signature: null });
    expect(seen).toMatchObject({ ok: false, outcome: 'SIG_MISSING' });
  });

  it('a file whose size differs from the size its signature declares is CORRUPT before decryption', async () => {
    const { county, b } = await pair();
    const longer = new Uint8Array([...b.file, 0]);
    const r = await importBundle(county, longer, b.signature);
    expect(r.outcome).toBe('CORRUPT');
    expect(r.message).toContain(`与数据包（${longer.length} 字节）不符`);
  });
});

describe('a file on disk is refused by its size and signature without being read', () => {
  it('200 MB without a .sig, and 300 MB with one, cost no memory and are logged with their size', async () => {
    const { county, b } = await pair();
    const dir = tempDir();
    dirs.push(dir);
    const unsigned = join(dir, 'unsigned.age');
    sparseFile(unsigned, 200 * 1024 * 1024);
    const huge = join(dir, 'huge.age');
    const hugeSize = BUNDLE_MAX_BYTES + 40 * 1024 * 1024;
    sparseFile(huge, hugeSize);
    // A signature that declares the size truthfully: only the limit stops it.
    writeFileSync(`${huge}.sig`, b.signature.replace(/"fileSize":\d+/, `"fileSize":${hugeSize}`));

    global.gc?.();
    const mem = () => process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;
    const before = mem();
    const a = readBundleFile(unsigned);
    const c = readBundleFile(huge);
    // Reading either file would take hundreds of MB (plus a third more as base64).
    expect(mem() - before).toBeLessThan(32 * 1024 * 1024);
    expect(a).toMatchObject({ file: '', signature: null, size: 200 * 1024 * 1024 });
    expect(c).toMatchObject({ file: '', size: hugeSize });

    expect((await county.app.ok('bundle.import', { fileName: 'unsigned.age', ...a })).outcome).toBe('SIG_MISSING');
    expect(lastImport(county)).toMatchObject({ outcome: 'SIG_MISSING', size: 200 * 1024 * 1024 });
    expect((await county.app.ok('bundle.import', { fileName: 'huge.age', ...c })).outcome).toBe('TOO_LARGE');
    expect(lastImport(county)).toMatchObject({ outcome: 'TOO_LARGE', size: hugeSize });
    expect(countRows(county.app, 'people')).toBe(0);
  });

  it('a bundle with its true .sig is read and accepted', async () => {
    const { county, b } = await pair();
    const dir = tempDir();
    dirs.push(dir);
    const path = join(dir, b.fileName);
    writeFileSync(path, b.file);
    writeFileSync(`${path}.sig`, b.signature);
    const input = readBundleFile(path);
    expect(input.file.length).toBeGreaterThan(0);
    expect((await county.app.ok('bundle.import', { fileName: b.fileName, ...input })).outcome).toBe('ACCEPTED');
  });
});
