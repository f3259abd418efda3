import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { readBundleFile } from '../../cli/bundle.ts';
import { removeDir } from '../helpers/app.ts';
import { compareSplits, load, quick, rounds } from './bench-util.ts';
import { bundleFiles, rawImport } from './county-ceiling.ts';
import { ADMIN_PASSWORD, countyWithBundles, type CountyFixture } from './county-fixture.ts';

// Issue 19, points 6 and 7: `jiceng bundle import DIR` of the community bundles into an
// encrypted county database, next to its ceiling in the same round (county-ceiling.ts: age
// decrypt + raw prepared INSERTs). Every case runs on a fresh copy of the same county database;
// the copy, the runtime's open and the login of the in-process cases are outside the timed part.
// The whole-process cases run the `jiceng` bin (the bundled dist/cli when fresh) with a
// password login, as a user would.

const root = fileURLToPath(new URL('../..', import.meta.url));
const COMMUNITIES = Number(process.env.JICENG_BENCH_COUNTY_COMMUNITIES) || 150;
const PEOPLE = Number(process.env.JICENG_BENCH_COUNTY_PEOPLE) || 20_000;
const BATCH = String(32 * 1024 * 1024);

function copies(f: CountyFixture) {
  let n = 0;
  const fresh = () => {
    const db = join(f.dir, `run-${n++}.db`);
    copyFileSync(f.countyDb, db);
    copyFileSync(`${f.countyDb}.keys`, `${db}.keys`);
    return db;
  };
  const drop = (db: string) => { for (const s of ['', '-wal', '-shm', '.keys']) rmSync(db + s, { force: true }); };
  return { fresh, drop };
}

async function opened(db: string) {
  const rt = createRuntime({ dbFile: db, migrationsFolder: sourceMigrationsFolder });
  const login = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  if (!login.ok) throw new Error(login.error.message);
  return { rt, session: (login.data as { sessionId: string }).sessionId };
}

const timed = async (fn: () => unknown): Promise<number> => { const t = performance.now(); await fn(); return performance.now() - t; };

type Out = { outcome: string; message: string };
const accepted = (rs: Out[], n: number) => {
  const bad = rs.filter((r) => r.outcome !== 'ACCEPTED');
  if (rs.length !== n || bad.length) throw new Error(`import: ${rs.length}/${n} results, ${bad.length} not accepted: ${bad[0]?.message}`);
};

async function round(f: CountyFixture, files: string[]): Promise<number[]> {
  const { fresh, drop } = copies(f);
  const times: number[] = [];
  // Ceiling: decrypt + raw insert, one transaction per bundle (and one overall, for the record).
  for (const perBundle of [true, false]) {
    const db = fresh();
    const { rt } = await opened(db);
    const sqlite = rt.current()!.opened.sqlite;
    const identity = (sqlite.prepare(`SELECT age_identity FROM bundle_own_keys WHERE status = 'active'`).get() as { age_identity: string }).age_identity;
    times.push(await timed(() => rawImport(sqlite, identity, files, perBundle)));
    rt.close();
    drop(db);
  }
  // In process, logged in: bundle.import per file, then bundle.importMany in 32 MiB batches, as the CLI sends them.
  for (const batched of [false, true]) {
    const db = fresh();
    const { rt, session } = await opened(db);
    times.push(await timed(async () => {
      const results: Out[] = [];
      let batch: { fileName: string; file: string; signature: string | null; size: number }[] = [];
      let bytes = 0;
      const flush = async () => {
        if (!batch.length) return;
        const env = await rt.dispatch('bundle.importMany', { files: batch }, session);
        if (!env.ok) throw new Error(env.error.message);
        results.push(...(env.data as { results: Out[] }).results);
        batch = [];
        bytes = 0;
      };
      for (const path of files) {
        const { file, signature, size } = readBundleFile(path);
        const fileName = path.split('/').pop()!;
        if (!batched) {
          const env = await rt.dispatch('bundle.import', { fileName, file, signature, size }, session);
          if (!env.ok) throw new Error(env.error.message);
          results.push(env.data as Out);
          continue;
        }
        if (batch.length && (bytes + file.length > Number(BATCH) || batch.length >= 200)) await flush();
        batch.push({ fileName, file, signature, size });
        bytes += file.length;
      }
      await flush();
      accepted(results, files.length);
    }));
    rt.close();
    drop(db);
  }
  // The whole process: the bin, its password login, keyed open, import, exit backup.
  for (const env of [{}, { JICENG_IMPORT_BATCH_BYTES: '1' }]) {
    const db = fresh();
    times.push(await timed(() => {
      const r = spawnSync(process.execPath, ['cli/jiceng.js', 'bundle', 'import', f.bundlesDir, '--db', db], { cwd: root, env: { ...process.env, ...f.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`jiceng bundle import: exit ${r.status}\n${r.stderr}\n${r.stdout.split('\n').filter((l) => !l.includes(' ACCEPTED ')).slice(0, 5).join('\n')}`);
    }));
    drop(db);
  }
  times.push(await timed(() => spawnSync(process.execPath, ['-e', '0'])));
  return times;
}

async function bench(title: string, periods: number, n: number, goal: boolean, senders = COMMUNITIES) {
  const t0 = performance.now();
  const f = await countyWithBundles(COMMUNITIES, PEOPLE, periods);
  if (senders < COMMUNITIES) {
    // The bundles of the first `senders` communities only (file names sort by sender), in a
    // folder of their own for the CLI; the county database is the same.
    const codes = [...new Set(bundleFiles(f.bundlesDir).map((p) => basename(p).split('_')[0]!))].slice(0, senders);
    const sub = join(f.dir, 'bundles');
    mkdirSync(sub);
    for (const p of bundleFiles(f.bundlesDir)) if (codes.includes(basename(p).split('_')[0]!)) for (const x of [p, `${p}.sig`]) copyFileSync(x, join(sub, basename(x)));
    f.bundlesDir = sub;
  }
  const files = bundleFiles(f.bundlesDir);
  console.log(`\nfixture: ${files.length} bundles from ${senders} of ${COMMUNITIES} communities (${PEOPLE} people in all${periods > 1 ? `, ${periods} per community: one full, then one incremental per quarter` : ', one full each'}), ready in ${((performance.now() - t0) / 1000).toFixed(0)} s (cached under the OS temp folder); load ${load()}`);
  const rows = await compareSplits(title, { label: 'ceiling: age decrypt + raw INSERT, one transaction per bundle' }, [
    { label: 'ceiling variant: age decrypt + raw INSERT, one transaction overall' },
    { label: 'in process, logged in: `bundle.import` per file' },
    { label: 'in process, logged in: `bundle.importMany`, 32 MiB batches' },
    { label: 'whole process `jiceng bundle import DIR`, batched in 32 MiB (default)', ...(goal ? { goal: { ms: 3000 } } : {}) },
    { label: 'whole process, `JICENG_IMPORT_BATCH_BYTES=1` (one transaction per file)', ...(goal ? { goal: { ms: 3000 } } : {}) },
    { label: '`node -e 0`' },
  ], () => round(f, files), n);
  console.log(`\nper bundle (median ÷ ${files.length}): ${rows.map((r) => `${r.label} ${(r.median / files.length).toFixed(2)} ms`).join('; ')}; load after ${load()}`);
  removeDir(f.dir);
}

const only = process.env.JICENG_BENCH_COUNTY_CASES;
if (only !== 'history') await bench(`County import: ${COMMUNITIES} full community bundles, ${PEOPLE} people`, 1, rounds(5), true);
// Five years of history: 20 quarterly bundles per community, imported in order (the issue's
// point 7). --quick: the bundles of 30 of the 150 communities (600 files), one round.
const senders = quick ? 30 : COMMUNITIES;
if (only !== 'full') await bench(`County import, five years of history: ${senders} communities × 20 quarterly bundles`, 20, quick ? 1 : 3, false, senders);
