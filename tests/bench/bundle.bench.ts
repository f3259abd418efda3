import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { generateDemo } from '../../core/demo/generate.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { personInput } from '../../core/roster/person-schema.ts';
import { ageDecrypt, ageEncrypt, newAgeIdentity } from '../../core/bundle/crypto.ts';
import { orgUnits, people } from '../../db/schema/index.ts';
import { openTestApp, removeDir, tempDir, type TestApp } from '../helpers/app.ts';

// Bundle exchange at county scale: 150 community installations each export a full bundle
// of their people (20,000 in all), the county imports all 150; then one 20,000-person
// bundle; then age encryption throughput against the reference `age` CLI.

const COMMUNITIES = 150;
const PEOPLE = 20_000;
const root = tempDir('jiceng-bundle-bench-');
const today = localIsoDate(new Date());
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
const row = (label: string, value: string) => console.log(`| ${label} | ${value} |`);

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

const demo = generateDemo({ communities: COMMUNITIES, people: PEOPLE, today });
console.log(`\n### Bundle exchange: ${COMMUNITIES} communities, ${PEOPLE} people\n\n| case | figure |\n|---|---|`);

// County: the demo org tree, its keys.
const county = openTestApp({ dir: root });
county.dispatcher.transact('bench.seed', (tx) => {
  const ids = new Map<string, string>();
  for (const o of demo.orgs) {
    const id = randomUUID();
    ids.set(o.key, id);
    tx.db.insert(orgUnits).values({
      id, orgId: id, parentId: o.parentKey ? ids.get(o.parentKey)! : null, level: o.level, name: o.name, code: o.code,
      createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
    }).run();
  }
  tx.audit({ entity: 'bench' });
});
await ok(county.dispatcher.call('keys.init', { orgCode: demo.orgs[0]!.code }));
const profile = await ok(county.dispatcher.call('enroll.exportProfile', {}));

// A template community database: the county's tree and every person under their community.
const template = openTestApp({ dir: tempDir('jiceng-bench-template-') });
await ok(template.dispatcher.call('enroll.importProfile', { text: profile.text, confirm: profile.fingerprint }));
template.dispatcher.transact('bench.seed', (tx) => {
  const byCode = new Map(tx.db.select().from(orgUnits).all().map((u) => [u.code, u.id]));
  const codeOf = new Map(demo.orgs.map((o) => [o.key, o.code]));
  const s = tx.seq();
  for (const p of demo.people) {
    const { orgKey, ...fields } = p;
    const valid = personInput.parse({ ...fields, orgId: byCode.get(codeOf.get(orgKey)!) });
    tx.db.insert(people).values({ ...valid, id: randomUUID(), status: '在岗', createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: s }).run();
  }
  tx.audit({ entity: 'bench' });
});
template.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
template.close();

const communities = demo.orgs.filter((o) => o.level === 'community');
const bundles: { name: string; file: string; signature: string }[] = [];
let exportMs = 0;
let setupMs = 0;
for (const c of communities) {
  let t = performance.now();
  const dir = tempDir('jiceng-bench-c-');
  copyFileSync(template.dbFile, join(dir, 'test.db'));
  const app: TestApp = openTestApp({ dir });
  await ok(app.dispatcher.call('keys.init', { orgCode: c.code }));
  const req = await ok(app.dispatcher.call('enroll.exportRequest', {}));
  await ok(county.dispatcher.call('enroll.importRequest', { text: req.text, confirm: req.fingerprint }));
  setupMs += performance.now() - t;
  t = performance.now();
  const out = await ok(app.dispatcher.call('bundle.export', { full: true }));
  exportMs += performance.now() - t;
  bundles.push({ name: out.files[0]!.fileName, file: out.files[0]!.file, signature: out.files[0]!.signature });
  app.close();
  removeDir(dir);
}
const bytes = bundles.reduce((a, b) => a + (b.file.length * 3) / 4, 0);
row(`setup of ${COMMUNITIES} installations (copy db, keys.init, enrollment)`, `${setupMs.toFixed(0)} ms`);
row(`export: ${COMMUNITIES} full bundles`, `${exportMs.toFixed(0)} ms total, ${(exportMs / COMMUNITIES).toFixed(1)} ms each`);
row('bundle size', `${(bytes / COMMUNITIES / 1024).toFixed(1)} KiB each, ${(bytes / 1024 / 1024).toFixed(2)} MiB in all`);
let t = performance.now();
let cpu = process.cpuUsage();
const cpuMs = () => { const u = process.cpuUsage(cpu); return `${((u.user + u.system) / 1000).toFixed(0)} ms CPU`; };
let accepted = 0;
for (const b of bundles) {
  const r = await ok(county.dispatcher.call('bundle.import', { fileName: b.name, file: b.file, signature: b.signature }));
  if (r.outcome === 'ACCEPTED') accepted++;
}
const importMs = performance.now() - t;
const countyPeople = county.opened.db.select({ id: people.id }).from(people).all().length;
row(`import at the county: ${COMMUNITIES} bundles`, `${importMs.toFixed(0)} ms wall, ${cpuMs()} (${accepted} ACCEPTED, ${countyPeople} people), ${(countyPeople / (importMs / 1000)).toFixed(0)} records/s`);
t = performance.now();
await ok(county.dispatcher.call('bundle.overview', {}));
row('bundle.overview', ms(t));

// One bundle with all 20,000 people: a single community owning the whole dataset.
const bigDir = tempDir('jiceng-bench-big-');
copyFileSync(template.dbFile, join(bigDir, 'test.db'));
const big = openTestApp({ dir: bigDir });
const target = communities[0]!;
const targetId = big.opened.db.select().from(orgUnits).where(eq(orgUnits.code, target.code)).get()!.id;
big.opened.sqlite.prepare('UPDATE people SET org_id = ?').run(targetId);
await ok(big.dispatcher.call('keys.init', { orgCode: target.code }));
const req = await ok(big.dispatcher.call('enroll.exportRequest', {}));
const county2 = openTestApp({ dir: tempDir('jiceng-bench-county2-') });
county.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
county2.close();
copyFileSync(county.dbFile, county2.dbFile);
const c2 = openTestApp({ dir: county2.dir });
c2.opened.sqlite.exec('DELETE FROM people; DELETE FROM bundle_sender_state;');
await ok(c2.dispatcher.call('enroll.importRequest', { text: req.text, confirm: req.fingerprint }));
t = performance.now();
const bigOut = await ok(big.dispatcher.call('bundle.export', { full: true }));
row(`export: one bundle of ${PEOPLE} people`, `${ms(t)}, ${((bigOut.files[0]!.file.length * 3) / 4 / 1024 / 1024).toFixed(2)} MiB`);
t = performance.now();
cpu = process.cpuUsage();
const bigIn = await ok(c2.dispatcher.call('bundle.import', { fileName: 'big.age', file: bigOut.files[0]!.file, signature: bigOut.files[0]!.signature }));
row(`import: one bundle of ${PEOPLE} people`, `${ms(t)} wall, ${cpuMs()} (${bigIn.outcome})`);
big.close();
c2.close();
county.close();

// age throughput, same bytes through typage and the reference CLI.
console.log('\n### age encryption throughput (64 MiB)\n\n| case | time | MiB/s |\n|---|---|---|');
const plain = randomBytes(64 * 1024 * 1024);
const id = await newAgeIdentity();
const mib = plain.length / 1024 / 1024;
const tput = (label: string, f: () => unknown) => async () => {
  const s = performance.now();
  await f();
  const e = performance.now() - s;
  console.log(`| ${label} | ${e.toFixed(0)} ms | ${(mib / (e / 1000)).toFixed(1)} |`);
};
let enc: Uint8Array = new Uint8Array();
await tput('age-encryption (typage) encrypt', async () => { enc = await ageEncrypt([id.recipient], plain); })();
await tput('age-encryption (typage) decrypt', async () => { await ageDecrypt([id.identity], enc); })();
const work = tempDir('jiceng-bench-age-');
writeFileSync(join(work, 'plain'), plain);
writeFileSync(join(work, 'key.txt'), `${id.identity}\n`);
await tput('age CLI encrypt (incl. process start, file I/O)', () => execFileSync('age', ['-r', id.recipient, '-o', join(work, 'c.age'), join(work, 'plain')]))();
await tput('age CLI decrypt (incl. process start, file I/O)', () => execFileSync('age', ['-d', '-i', join(work, 'key.txt'), '-o', join(work, 'p'), join(work, 'c.age')]))();
if (!readFileSync(join(work, 'p')).equals(plain)) throw new Error('age CLI round trip mismatch');
for (const d of [root, work, bigDir, county2.dir]) removeDir(d);
