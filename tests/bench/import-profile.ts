// Profiling aid for issue 19 point 3: one 20,000-row preview + commit, nothing else, so
// `npx node --cpu-prof --cpu-prof-dir=/tmp/prof tests/bench/import-profile.ts` shows only the import.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { createDispatcher } from '../../core/dispatch.ts';
import { systemActor } from '../../core/installation.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';

const ROWS = Number(process.env.ROWS ?? 20_000);
const dir = tempDir('jiceng-prof-io-');
// JICENG_PROFILE_XLSX: a file to reuse (written on the first run), so the profile holds the import only.
const cached = process.env.JICENG_PROFILE_XLSX;
let bytes: Buffer;
if (cached && existsSync(cached)) bytes = readFileSync(cached);
else {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['新城社区工作者花名册']);
  ws.addRow(STANDARD_HEADERS);
  for (let i = 0; i < ROWS; i++) ws.addRow(standardRow(i));
  bytes = Buffer.from(await wb.xlsx.writeBuffer());
  if (cached) writeFileSync(cached, bytes);
}
const file = { fileName: 'bench.xlsx', contentBase64: bytes.toString('base64') };

const opened = openDatabase({ file: join(dir, `${randomUUID()}.db`), migrationsFolder: sourceMigrationsFolder, key: null });
const actor = systemActor(opened.db);
const d = createDispatcher({ db: opened.db, sqlite: opened.sqlite, actor: () => actor });
const ok = async (op: string, input: object) => {
  const env = await d.dispatch(op, input);
  if (!env.ok) throw new Error(env.error.message);
  return env.data as { id: string };
};
const county = await ok('org.create', { level: 'county', name: '秦都区', code: '610402000000' });
const street = await ok('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
const community = await ok('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
const t0 = performance.now();
const pv = await d.dispatch('roster.importPreview', { ...file, orgId: community.id });
const t1 = performance.now();
const c = await d.dispatch('roster.importCommit', { ...file, orgId: community.id });
const t2 = performance.now();
if (!pv.ok || !c.ok) throw new Error('import failed');
console.log(`preview ${(t1 - t0).toFixed(0)} ms, commit ${(t2 - t1).toFixed(0)} ms`);
opened.close();
removeDir(dir);
