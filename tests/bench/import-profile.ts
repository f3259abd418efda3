// Profiling aid for issue 19 point 3: one 20,000-row preview + commit, nothing else, so
// `npx node --cpu-prof --cpu-prof-dir=/tmp/prof tests/bench/import-profile.ts` shows only the import.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { removeDir } from '../helpers/app.ts';
import { importDatabase, rosterWorkbook } from './import-fixture.ts';

const ROWS = Number(process.env.ROWS ?? 20_000);
// JICENG_PROFILE_XLSX: a file to reuse (written on the first run), so the profile holds the import only.
const cached = process.env.JICENG_PROFILE_XLSX;
let bytes: Buffer;
if (cached && existsSync(cached)) bytes = readFileSync(cached);
else {
  bytes = await rosterWorkbook(ROWS);
  if (cached) writeFileSync(cached, bytes);
}
const file = { fileName: 'bench.xlsx', contentBase64: bytes.toString('base64') };
const { dir, opened, d, community } = await importDatabase('jiceng-prof-io-');
const t0 = performance.now();
const pv = await d.dispatch('roster.importPreview', { ...file, orgId: community.id });
const t1 = performance.now();
const c = await d.dispatch('roster.importCommit', { ...file, orgId: community.id });
const t2 = performance.now();
if (!pv.ok || !c.ok) throw new Error('import failed');
console.log(`preview ${(t1 - t0).toFixed(0)} ms, commit ${(t2 - t1).toFixed(0)} ms`);
opened.close();
removeDir(dir);
