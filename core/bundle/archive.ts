// The inner archive is a plain POSIX ustar file, so `age -d -i key.txt f.age | tar -tv`
// lists it with standard tools. We write one canonical form (fixed modes and owners, no
// padding beyond the two zero end blocks) and the reader accepts only that form: it
// re-serialises what it parsed and compares byte for byte.

export interface ArchiveEntry {
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;
const ENTRY_NAME = /^(manifest\.json|manifest\.sig|parts\/[a-z][a-z0-9_]{0,62}\.jsonl)$/;
const enc = new TextEncoder();

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (s: string, at: number) => h.set(enc.encode(s), at);
  put(name, 0);
  put('0000644\0', 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(octal(size, 12), 124);
  put(octal(mtime, 12), 136);
  put('        ', 148);
  put('0', 156);
  put('ustar\0', 257);
  put('00', 263);
  put('jiceng', 265);
  put('jiceng', 297);
  let sum = 0;
  for (const b of h) sum += b;
  put(octal(sum, 7) + ' ', 148);
  return h;
}

export function writeArchive(entries: ArchiveEntry[], mtime: number): Uint8Array {
  let total = 2 * BLOCK;
  for (const e of entries) total += BLOCK + Math.ceil(e.data.length / BLOCK) * BLOCK;
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    if (!ENTRY_NAME.test(e.name)) throw new Error(`bad archive entry name ${e.name}`);
    out.set(header(e.name, e.data.length, mtime), at);
    at += BLOCK;
    out.set(e.data, at);
    at += Math.ceil(e.data.length / BLOCK) * BLOCK;
  }
  return out;
}

/** Throws on anything but the canonical form written by `writeArchive`. */
export function readArchive(bytes: Uint8Array): { entries: ArchiveEntry[]; mtime: number } {
  const entries: ArchiveEntry[] = [];
  const dec = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  let mtime = 0;
  for (;;) {
    if (at + BLOCK > bytes.length) throw new Error('archive truncated');
    const h = bytes.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    const field = (from: number, len: number) => dec.decode(h.subarray(from, from + len)).replace(/\0+$/, '');
    const name = field(0, 100);
    const sizeText = field(124, 12);
    const mtimeText = field(136, 12);
    if (!/^[0-7]{11}$/.test(sizeText) || !/^[0-7]{11}$/.test(mtimeText)) throw new Error('archive header malformed');
    const size = parseInt(sizeText, 8);
    mtime = parseInt(mtimeText, 8);
    if (!ENTRY_NAME.test(name) || entries.some((e) => e.name === name)) throw new Error('archive entry name invalid');
    const start = at + BLOCK;
    if (start + size > bytes.length) throw new Error('archive truncated');
    entries.push({ name, data: bytes.slice(start, start + size) });
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  const again = writeArchive(entries, mtime);
  if (again.length !== bytes.length || again.some((b, i) => b !== bytes[i])) throw new Error('archive not in canonical form');
  return { entries, mtime };
}
