import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createRuntime } from '../../core/runtime.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { personInput } from '../../core/roster/person-schema.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { orgUnits, people } from '../../db/schema/index.ts';
import { openTestApp, removeDir, tempDir } from '../helpers/app.ts';

export const ADMIN_PASSWORD = 'Cesu-Pass-2026!';

async function ok<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

/**
 * A county installation as a user has it (encrypted database, `admin` by password, keys, all
 * communities enrolled) and, in `bundlesDir`, one full data bundle (.age + .sig) from each of
 * `communities` community installations holding `total` people between them. The county's
 * database is left closed: the CLI opens it.
 */
export async function countyWithBundles(communities: number, total: number) {
  const dir = tempDir('jiceng-bench-county-');
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
    const out = await app.ok('bundle.export', { full: true });
    const f = out.files[0]!;
    writeFileSync(join(bundlesDir, f.fileName), Buffer.from(f.file, 'base64'));
    writeFileSync(join(bundlesDir, `${f.fileName}.sig`), f.signature);
    app.close();
    removeDir(cdir);
  }
  removeDir(template.dir);
  rt.close();
  return { dir, countyDb, bundlesDir, env: { JICENG_USER: 'admin', JICENG_PASSWORD: ADMIN_PASSWORD } };
}
