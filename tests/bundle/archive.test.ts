import { describe, expect, it } from 'vitest';
import { readArchive, writeArchive, type ArchiveEntry } from '../../core/bundle/archive.ts';

// readArchive checks the canonical form in place (issue 19: the county import spent 0.3 s
// re-serialising every archive to compare it). The reference here is the definition the
// in-place check replaced: parse, write again with writeArchive, compare byte for byte. Every
// single-byte change of a small archive, and the structural ones, must be refused by both or
// read identically by both.

function reference(bytes: Uint8Array): ArchiveEntry[] {
  const dec = new TextDecoder('utf-8', { fatal: true });
  const entries: ArchiveEntry[] = [];
  let at = 0;
  let mtime = 0;
  for (;;) {
    if (at + 512 > bytes.length) throw new Error('truncated');
    const h = bytes.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const field = (from: number, len: number) => dec.decode(h.subarray(from, from + len)).replace(/\0+$/, '');
    const name = field(0, 100);
    const sizeText = field(124, 12);
    const mtimeText = field(136, 12);
    if (!/^[0-7]{11}$/.test(sizeText) || !/^[0-7]{11}$/.test(mtimeText)) throw new Error('malformed');
    const size = parseInt(sizeText, 8);
    mtime = parseInt(mtimeText, 8);
    if (!/^(manifest\.json|manifest\.sig|parts\/[a-z][a-z0-9_]{0,62}\.jsonl)$/.test(name) || entries.some((e) => e.name === name)) throw new Error('name');
    const start = at + 512;
    if (start + size > bytes.length) throw new Error('truncated');
    entries.push({ name, data: bytes.slice(start, start + size) });
    at = start + Math.ceil(size / 512) * 512;
  }
  const again = writeArchive(entries, mtime);
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) throw new Error('not canonical');
  return entries;
}

const outcome = (read: (b: Uint8Array) => ArchiveEntry[], bytes: Uint8Array) => {
  try {
    return read(bytes).map((e) => `${e.name}:${Buffer.from(e.data).toString('hex')}`).join('|');
  } catch {
    return 'refused';
  }
};
const ours = (b: Uint8Array) => readArchive(b).entries;

const enc = new TextEncoder();
const sample = writeArchive([
  { name: 'manifest.json', data: enc.encode('{"a":1}') },
  { name: 'manifest.sig', data: enc.encode('sig\n') },
  { name: 'parts/people.jsonl', data: enc.encode('{"id":"x","name":"张三"}\n'.repeat(30)) },
  { name: 'parts/empty.jsonl', data: new Uint8Array(0) },
], 1_700_000_000);

describe('readArchive', () => {
  it('reads what writeArchive wrote, and an empty archive', () => {
    expect(outcome(ours, sample)).toBe(outcome(reference, sample));
    expect(readArchive(sample).entries.map((e) => e.name)).toEqual(['manifest.json', 'manifest.sig', 'parts/people.jsonl', 'parts/empty.jsonl']);
    expect(readArchive(sample).mtime).toBe(1_700_000_000);
    expect(readArchive(writeArchive([], 0)).entries).toEqual([]);
  });

  it('agrees with re-serialise-and-compare on every single-byte change', () => {
    let refused = 0;
    for (let i = 0; i < sample.length; i++) {
      for (const v of [0, 0x20, 0x30, 0x37, 0x61, sample[i]! ^ 0x01, 0xff]) {
        if (v === sample[i]) continue;
        const b = sample.slice();
        b[i] = v;
        const want = outcome(reference, b);
        if (want === 'refused') refused++;
        expect(outcome(ours, b), `byte ${i} → ${v}`).toBe(want);
      }
    }
    // The comparison means something: most changes are refused, the content changes are read.
    expect(refused).toBeGreaterThan(sample.length * 2);
  });

  it('agrees on structural changes: truncation, extra blocks, mixed mtimes, an empty first block', () => {
    const cases: Uint8Array[] = [
      sample.subarray(0, sample.length - 1),
      sample.subarray(0, sample.length - 512),
      sample.subarray(0, sample.length - 1024),
      new Uint8Array([...sample, ...new Uint8Array(512)]),
      new Uint8Array([...sample, 1]),
      new Uint8Array(1024),
      new Uint8Array(1536),
      new Uint8Array(512),
      new Uint8Array(0),
    ];
    // The second entry with another mtime (header checksum fixed up, so only the mtime differs).
    const one = writeArchive([{ name: 'manifest.json', data: enc.encode('x') }], 1);
    const two = writeArchive([{ name: 'manifest.sig', data: enc.encode('y') }], 2);
    cases.push(new Uint8Array([...one.subarray(0, 1024), ...two]));
    cases.push(new Uint8Array([...writeArchive([{ name: 'manifest.json', data: enc.encode('x') }], 2).subarray(0, 1024), ...two]));
    const outs = cases.map((b) => [outcome(ours, b), outcome(reference, b)]);
    for (const [got, want] of outs) expect(got).toBe(want);
    // Read: the empty archive and the pair with one mtime; everything else is refused.
    expect(outs.filter(([w]) => w !== 'refused')).toHaveLength(2);
  });
});
