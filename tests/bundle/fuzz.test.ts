import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../core/demo/generate.ts';
import { people } from '../../db/schema/index.ts';
import { removeDir } from '../helpers/app.ts';
import { signOuter } from './craft.ts';
import { backupKeys, countRows, dbDigest, exportBundle, importBundle, newCommunity, newCounty, personInput, type Exported, type Installation } from './fixture.ts';

// T-BUN-1: mutants of one valid bundle, from a fixed seed. The default run takes a sample;
// `npm run test:reliability` sets JICENG_FUZZ_COUNT=10000.
const COUNT = Number(process.env.JICENG_FUZZ_COUNT ?? 200);
const SEED = 20261127;

let county: Installation;
let comm: Installation;
let base: Exported;
let other: Exported;
let commKey: { signPrivate: string };

beforeAll(async () => {
  county = await newCounty();
  comm = await newCommunity(county);
  await comm.app.dispatcher.transact('test.seed', (tx) => {
    const s = tx.seq();
    for (let i = 0; i < 500; i++)
      tx.db.insert(people).values({
        ...personInput(comm.orgId, i, { remarks: `第${i}条备注，𠮷`.repeat(3) }), id: crypto.randomUUID(), status: '在岗',
        createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: s,
      }).run();
    tx.audit({ entity: 'test' });
  });
  base = await exportBundle(comm, { written: false });
  other = await exportBundle(comm, { written: false, full: true });
  commKey = (await backupKeys(comm))[0]!;
}, 120_000);

afterAll(() => {
  for (const i of [county, comm]) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

type Mutant = { kind: string; file: Uint8Array; signature: string | null };

function mutate(rnd: () => number, src: Uint8Array, n: number): Mutant {
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const bytes = (k: number) => Uint8Array.from({ length: k }, () => int(0, 255));
  const cat = n % 7;
  if (cat === 0 || cat === 1) {
    const f = src.slice();
    for (let i = int(1, 8); i > 0; i--) f[int(0, f.length - 1)]! ^= 1 << int(0, 7);
    if (f.every((b, i) => b === src[i])) f[0]! ^= 1;
    return { kind: 'bitflip', file: f, signature: null };
  }
  if (cat === 2) {
    const headerEnd = src.indexOf(0x0a, new TextDecoder().decode(src.subarray(0, 400)).indexOf('---'));
    const boundaries = [headerEnd + 1 + 16];
    for (let c = 1; headerEnd + 17 + c * (65536 + 16) < src.length; c++) boundaries.push(headerEnd + 17 + c * (65536 + 16));
    const at = rnd() < 0.5 ? boundaries[int(0, boundaries.length - 1)]! + int(-1, 1) : int(0, src.length - 1);
    return { kind: 'truncate', file: src.slice(0, Math.max(0, Math.min(at, src.length - 1))), signature: null };
  }
  if (cat === 3) {
    const at = int(0, src.length);
    const k = int(1, 16);
    const file = rnd() < 0.5
      ? new Uint8Array([...src.subarray(0, at), ...bytes(k), ...src.subarray(at)])
      : new Uint8Array([...src.subarray(0, Math.min(at, src.length - k)), ...src.subarray(Math.min(at, src.length - k) + k)]);
    return { kind: 'insert-delete', file, signature: null };
  }
  if (cat === 4) {
    const text = new TextDecoder('latin1').decode(src.subarray(0, src.indexOf(0x0a, new TextDecoder('latin1').decode(src.subarray(0, 600)).indexOf('---')) + 1));
    const lines = text.split('\n').slice(0, -1);
    const i = int(0, lines.length - 1);
    const j = int(0, lines.length - 1);
    const edited = rnd() < 0.5 ? [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)] : lines.map((l, k) => (k === i ? lines[j]! : k === j ? lines[i]! : l));
    const head = new TextEncoder().encode(edited.join('\n') + '\n');
    const file = new Uint8Array([...head, ...src.subarray(text.length)]);
    if (file.length === src.length && file.every((b, k) => b === src[k])) file[text.length - 2]! ^= 1;
    return { kind: 'header-lines', file, signature: null };
  }
  if (cat === 5) {
    // A valid file with another bundle's detached signature, or a mutated file with the right one.
    return rnd() < 0.5
      ? { kind: 'swapped-sig', file: src, signature: other.signature }
      : { kind: 'swapped-file', file: other.file, signature: base.signature };
  }
  return { kind: 'trailing', file: new Uint8Array([...src, ...bytes(int(1, 64))]), signature: null };
}

describe('mutation fuzz', () => {
  it(`rejects all ${COUNT} mutants and leaves the database unchanged`, async () => {
    const rnd = mulberry32(SEED);
    const before = dbDigest(county.app);
    const accepted: string[] = [];
    const kinds = new Map<string, number>();
    for (let n = 0; n < COUNT; n++) {
      const m = mutate(rnd, base.file, n);
      kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
      const logs = countRows(county.app, 'bundle_imports');
      // Mutants other than the swapped ones carry a detached signature made for them with the
      // community's real key (a key-holder's tampering), so they reach the age parser and the
      // archive reader instead of stopping at the signature file.
      const r = await importBundle(county, m.file, m.signature ?? signOuter(commKey, comm.orgCode, m.file), `mutant-${n}.age`);
      if (r.outcome === 'ACCEPTED' || r.outcome === 'DUPLICATE' || r.outcome === 'GAP') accepted.push(`${n}:${m.kind}:${r.outcome}`);
      expect(countRows(county.app, 'bundle_imports')).toBe(logs + 1);
    }
    expect(accepted).toEqual([]);
    expect(dbDigest(county.app)).toBe(before);
    expect(kinds.size).toBe(7);
    // The unmutated bundle still goes through: the fuzz did not just break the importer.
    expect((await importBundle(county, base.file, base.signature)).outcome).toBe('ACCEPTED');
  }, 3_600_000);
});
