import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { createRuntime } from '../../core/runtime.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { personInput } from '../../core/roster/person-schema.ts';
import { sha256Hex } from '../../core/bundle/crypto.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { orgUnits, people, trainingAttendance, trainingClasses } from '../../db/schema/index.ts';
import { openTestApp, removeDir, tempDir } from '../helpers/app.ts';

export const ADMIN_PASSWORD = 'Cesu-Pass-2026!';

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

export interface CountyFixture {
  /** A fresh folder for the caller's copies; the caller removes it. */
  dir: string;
  /** The cached county database (and its `.keys`): copy it, never open it in place. */
  countyDb: string;
  bundlesDir: string;
  /** Number of bundle files (.age) in bundlesDir. */
  bundles: number;
  env: { JICENG_USER: string; JICENG_PASSWORD: string };
}

// The fixture takes minutes to build (150 community installations, each with its own keys and
// exports), so it is cached under the OS temp folder, keyed by its parameters and by the
// sources that shape the files (migrations, the bundle writer, this file).
function cacheKey(parts: string[]): string {
  const h = createHash('sha256');
  h.update(parts.join('|'));
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const migrations = join(root, 'db', 'migrations');
  for (const f of readdirSync(migrations, { recursive: true }).map(String).sort()) if (f.endsWith('.sql') || f.endsWith('.json')) h.update(f).update(readFileSync(join(migrations, f)));
  for (const f of ['core/bundle/export.ts', 'core/bundle/manifest.ts', 'core/bundle/archive.ts', 'tests/bench/county-fixture.ts']) h.update(readFileSync(join(root, f)));
  return h.digest('hex').slice(0, 16);
}

/**
 * A county installation as a user has it (encrypted database, `admin` by password, keys, all
 * communities enrolled) and, in `bundlesDir`, the data bundles (.age + .sig) of `communities`
 * community installations holding `total` people between them. `periods` 1: one full bundle
 * each. `periods` n > 1 (five years of history): each community sends a full bundle with its
 * roster and its first quarter's training, then n − 1 incremental bundles, one per quarter, each
 * with that quarter's training class and its people's attendance and a few roster edits, as
 * communities send them. File names sort in sender and sequence order. The county's database is
 * left closed: the CLI opens it.
 */
export async function countyWithBundles(communities: number, total: number, periods = 1): Promise<CountyFixture> {
  const cache = join(tmpdir(), `jiceng-bench-county-cache-${communities}-${total}-${periods}-${cacheKey([String(communities), String(total), String(periods)])}`);
  if (!existsSync(join(cache, 'done'))) {
    const staging = tempDir('jiceng-bench-county-build-');
    await build(staging, communities, total, periods);
    writeFileSync(join(staging, 'done'), new Date().toISOString());
    removeDir(cache);
    renameSync(staging, cache);
  }
  const bundlesDir = join(cache, 'bundles');
  return {
    dir: tempDir('jiceng-bench-county-'), countyDb: join(cache, 'county.db'), bundlesDir,
    bundles: readdirSync(bundlesDir).filter((n) => n.endsWith('.age')).length,
    env: { JICENG_USER: 'admin', JICENG_PASSWORD: ADMIN_PASSWORD },
  };
}

async function build(dir: string, communities: number, total: number, periods: number): Promise<void> {
  const countyDb = join(dir, 'county.db');
  const bundlesDir = join(dir, 'bundles');
  mkdirSync(bundlesDir);
  const demo = generateDemo({ communities, people: total, today: localIsoDate(new Date()) });
  const rt = createRuntime({ dbFile: countyDb, migrationsFolder: sourceMigrationsFolder });
  const root = demo.orgs[0]!;
  await ok(rt.dispatch('setup.init', { orgs: [{ level: root.level, name: root.name, code: root.code }], admin: { username: 'admin', displayName: '系统管理员', password: ADMIN_PASSWORD } }) as never);
  const session = (await ok(rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD }) as never) as { sessionId: string }).sessionId;
  const call = <T>(op: string, input: unknown) => ok<T>(rt.dispatch(op, input, session) as never);
  rt.current()!.dispatcher.transact('bench.seed', (tx) => {
    const ids = new Map<string, string>([[root.key, tx.db.select().from(orgUnits).all()[0]!.id]]);
    for (const o of demo.orgs.slice(1)) {
      const id = randomUUID();
      ids.set(o.key, id);
      tx.db.insert(orgUnits).values({ id, orgId: id, parentId: ids.get(o.parentKey!)!, level: o.level, name: o.name, code: o.code, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() }).run();
    }
    tx.audit({ entity: 'bench' });
  });
  await call('keys.init', { orgCode: root.code });
  const profile = await call<{ text: string; fingerprint: string }>('enroll.exportProfile', {});

  // One template community database with the county's tree and every person, copied per community.
  const template = openTestApp({ dir: tempDir('jiceng-bench-template-') });
  await template.ok('enroll.importProfile', { text: profile.text, confirm: profile.fingerprint });
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

  for (const c of demo.orgs.filter((o) => o.level === 'community')) {
    const cdir = tempDir('jiceng-bench-c-');
    copyFileSync(template.dbFile, join(cdir, 'test.db'));
    const app = openTestApp({ dir: cdir });
    await app.ok('keys.init', { orgCode: c.code });
    const req = await app.ok('enroll.exportRequest', {});
    await call('enroll.importRequest', { text: req.text, confirm: req.fingerprint });
    const unitId = app.opened.db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, c.code)).get()!.id;
    const own = app.opened.db.select({ id: people.id }).from(people).where(eq(people.orgId, unitId)).all().map((p) => p.id);
    for (let q = 0; q < periods; q++) {
      if (periods > 1) quarter(app, unitId, own, q);
      const out = await app.ok('bundle.export', { full: q === 0 });
      const f = out.files[0]!;
      const bytes = Buffer.from(f.file, 'base64');
      writeFileSync(join(bundlesDir, f.fileName), bytes);
      writeFileSync(join(bundlesDir, `${f.fileName}.sig`), f.signature);
      // The next incremental bundle starts where a written one ended.
      await app.ok('bundle.exportDone', { exportId: f.id, ok: true, sha256: sha256Hex(bytes) });
    }
    app.close();
    removeDir(cdir);
  }
  removeDir(template.dir);
  rt.close();
}

/** One quarter of a community's work: a training class, its people's attendance, a few roster edits. */
function quarter(app: ReturnType<typeof openTestApp>, unitId: string, own: string[], q: number): void {
  const year = 2022 + Math.floor(q / 4);
  const month = String((q % 4) * 3 + 1).padStart(2, '0');
  app.dispatcher.transact('bench.seed', (tx) => {
    const s = tx.seq();
    const classId = randomUUID();
    tx.db.insert(trainingClasses).values({
      id: classId, orgId: unitId, name: `${year}年第${(q % 4) + 1}季度社区工作者集中轮训`, category: '轮训', level: '社区', form: '集中',
      startDate: `${year}-${month}-10`, endDate: `${year}-${month}-11`, days: 2, hours: 16, compulsory: true, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: s,
    }).run();
    for (const [i, personId] of own.entries()) {
      tx.db.insert(trainingAttendance).values({
        id: randomUUID(), orgId: unitId, classId, personId, status: i % 17 === 0 ? '请假' : '出席', result: i % 17 === 0 ? null : '合格',
        createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: s,
      }).run();
    }
    // A few people change a phone number each quarter.
    for (const personId of own.slice(q % 5, (q % 5) + 3))
      tx.db.update(people).set({ phone: `139${String(q).padStart(4, '0')}${String(own.indexOf(personId)).padStart(4, '0')}`, updatedAt: tx.nowIso, changeSeq: s }).where(eq(people.id, personId)).run();
    tx.audit({ entity: 'bench' });
  });
}
