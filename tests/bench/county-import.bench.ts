import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeDir } from '../helpers/app.ts';
import { compare, processCase, rounds } from './bench-util.ts';
import { countyWithBundles } from './county-fixture.ts';

// Issue 19, point 6: `jiceng bundle import DIR` of 150 full community bundles (20,000 people)
// into an encrypted county database, as the whole process (login by password, bundled CLI).
// Batched (bundle.importMany, one transaction per 32 MiB) against one transaction per file,
// interleaved, each run on a fresh copy of the same county database.

const root = fileURLToPath(new URL('../..', import.meta.url));
const t0 = performance.now();
const f = await countyWithBundles(150, 20_000);
console.log(`fixture: 150 community bundles, encrypted county database (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
const pristine = join(f.dir, 'pristine.db');
copyFileSync(f.countyDb, pristine);
copyFileSync(`${f.countyDb}.keys`, `${pristine}.keys`);
let n = 0;
// A fresh county copy for each run; the copy is outside the timed process.
const fresh = () => {
  const db = join(f.dir, `run-${n++}.db`);
  copyFileSync(pristine, db);
  copyFileSync(`${pristine}.keys`, `${db}.keys`);
  return db;
};
const importCase = (label: string, env: NodeJS.ProcessEnv, goal?: { ms: number }) => {
  return {
    label, ...(goal ? { goal } : {}),
    fn: () => {
      const db = fresh();
      const run = processCase(label, ['cli/jiceng.js', 'bundle', 'import', f.bundlesDir, '--db', db], { cwd: root, env: { ...f.env, ...env } });
      run.fn();
      for (const s of ['', '-wal', '-shm', '.keys']) rmSync(db + s, { force: true });
    },
  };
};
await compare('County import: 150 community bundles, 20,000 people, whole process', processCase('ceiling: `node -e 0`', ['-e', '0']), [
  importCase('`jiceng bundle import DIR`, batched (bundle.importMany, 32 MiB)', { JICENG_IMPORT_BATCH_BYTES: String(32 * 1024 * 1024) }, { ms: 3000 }),
  importCase('one transaction per bundle (the default)', {}),
], rounds(5));
removeDir(f.dir);
