import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { readBundleFile } from '../../cli/bundle.ts';
import { removeDir } from '../helpers/app.ts';
import { bundleFiles } from './county-ceiling.ts';
import { ADMIN_PASSWORD, countyWithBundles } from './county-fixture.ts';

// For `node --cpu-prof tests/bench/county-profile.ts [communities people periods] [batch]`: the
// in-process county import alone (logged in, one bundle.import per file, or bundle.importMany
// with `batch`), on a fresh copy of the cached fixture, so a profile shows the import and
// little else. Not part of `npm run bench`.
const [c = '150', p = '20000', periods = '1', mode = 'single'] = process.argv.slice(2);
const f = await countyWithBundles(Number(c), Number(p), Number(periods));
const db = join(f.dir, 'run.db');
copyFileSync(f.countyDb, db);
copyFileSync(`${f.countyDb}.keys`, `${db}.keys`);
const rt = createRuntime({ dbFile: db, migrationsFolder: sourceMigrationsFolder });
const login = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
if (!login.ok) throw new Error(login.error.message);
const session = (login.data as { sessionId: string }).sessionId;
const files = bundleFiles(f.bundlesDir);
const t = performance.now();
if (mode === 'batch') {
  const all = files.map((path) => ({ fileName: path.split('/').pop()!, ...readBundleFile(path) }));
  for (let i = 0; i < all.length; i += 200) {
    const env = await rt.dispatch('bundle.importMany', { files: all.slice(i, i + 200) }, session);
    if (!env.ok) throw new Error(env.error.message);
  }
} else {
  for (const path of files) {
    const env = await rt.dispatch('bundle.import', { fileName: path.split('/').pop()!, ...readBundleFile(path) }, session);
    if (!env.ok || (env.data as { outcome: string }).outcome !== 'ACCEPTED') throw new Error(JSON.stringify(env).slice(0, 400));
  }
}
console.log(`${files.length} bundles, ${mode}: ${(performance.now() - t).toFixed(0)} ms`);
rt.close();
removeDir(f.dir);
