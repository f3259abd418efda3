// Roster import/export figures: `npx node tests/bench/roster-io.bench.ts` (or `npm run bench roster-io`).
// A 20,000-row .xlsx dry run and commit, the export of 20,000 rows, and the baseline: the same
// already-parsed rows inserted with one prepared statement in one transaction.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase, type OpenedDb } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { createDispatcher, type Dispatcher } from '../../core/dispatch.ts';
import { systemActor } from '../../core/installation.ts';
import { parseImport, planAsync } from '../../core/roster-io/import.ts';
import { importWriter } from '../../core/roster-io/write.ts';
import { forget } from '../../core/roster-io/preview-cache.ts';
import type { Ctx } from '../../core/context.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';
import { load, rounds } from './bench-util.ts';
import { cliImportCompare } from './import-cli.ts';

const ROWS = 20_000;
const RUNS = 3;
const dir = tempDir('jiceng-bench-io-');

interface Fresh {
  opened: OpenedDb;
  d: Dispatcher;
  orgId: string;
  ctx: Ctx;
}

async function fresh(): Promise<Fresh> {
  const opened = openDatabase({ file: join(dir, `${randomUUID()}.db`), migrationsFolder: sourceMigrationsFolder, key: null });
  const actor = systemActor(opened.db);
  const d = createDispatcher({ db: opened.db, sqlite: opened.sqlite, actor: () => actor });
  const ok = async (op: 'org.create', input: object) => {
    const env = await d.call(op, input as never);
    if (!env.ok) throw new Error(env.error.message);
    return env.data as { id: string };
  };
  const county = await ok('org.create', { level: 'county', name: '秦都区', code: '610402000000' });
  const street = await ok('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await ok('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  const ctx = { db: opened.db, sqlite: opened.sqlite, actor, now: () => new Date(), security: null } as unknown as Ctx;
  return { opened, d, orgId: community.id, ctx };
}

function stats(label: string, times: number[], note = ''): number {
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`| ${label} | ${median.toFixed(0)} ms | ${times[0]!.toFixed(0)} ms | ${times.length} | ${note} |`);
  return median;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('花名册');
ws.addRow(['新城社区工作者花名册']);
ws.addRow(STANDARD_HEADERS);
for (let i = 0; i < ROWS; i++) ws.addRow(standardRow(i));
const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
const file = { fileName: 'bench.xlsx', contentBase64: xlsx.toString('base64') };
// Issue 19's measure first (the whole CLI process against exceljs's and our own bare read, one
// run), then the in-process phases below.
await cliImportCompare(xlsx, ROWS, rounds(5));
console.log(`\n### Roster import/export in process, ${ROWS.toLocaleString('en-US')} rows (.xlsx ${(xlsx.length / 1024).toFixed(0)} KiB), plaintext, system actor\n\nload average ${load()}\n`);
console.log('| case | median | best | runs | note |\n|---|---|---|---|---|');

const dry: number[] = [];
const commit: number[] = [];
const parse: number[] = [];
const plan: number[] = [];
const write: number[] = [];
const baseline: number[] = [];
const exportTimes: number[] = [];
const pairs: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const f = await fresh();
  const [tDry, p] = await timed(() => f.d.call('roster.importPreview', { ...file, orgId: f.orgId }));
  if (!p.ok || p.data.counts.create !== ROWS) throw new Error(`dry run: ${JSON.stringify(p).slice(0, 300)}`);
  dry.push(tDry);

  // The phases of a commit, measured on their own.
  const [tParse, parsed] = await timed(() => parseImport(f.ctx, { ...file, orgId: f.orgId }));
  parse.push(tParse);
  const [tPlan, planned] = await timed(() => planAsync(f.ctx, parsed, { id: f.orgId, name: '新城社区' }));
  plan.push(tPlan);
  const rows = planned.rows.map((r) => ({ data: r.data!, asWritten: r.asWritten! }));

  // Baseline: the already-parsed rows, one prepared statement, one transaction.
  const cols = ['id', 'org_id', 'created_at', 'updated_at', 'change_seq', 'status', 'name', 'gender', 'ethnicity', 'birth_date', 'id_number',
    'native_place', 'political_status', 'party_join_date', 'work_start_date', 'community_work_start_date', 'ft_education', 'ft_degree',
    'ft_school_major', 'pt_education', 'pt_degree', 'pt_school_major', 'posts', 'one_shoulder', 'cross_posting', 'reserve_cadre',
    'post_category', 'sw_qualification', 'sw_qualification_date', 'phone', 'grid', 'remarks'];
  const stmt = f.opened.sqlite.prepare(`INSERT INTO people (${cols.join(',')}) VALUES (${cols.map(() => '?').join(',')})`);
  const now = new Date().toISOString();
  const baselineInsert = () =>
    f.opened.sqlite.transaction(() => {
      for (const { data: r } of rows)
        stmt.run(randomUUID(), r.orgId, now, now, 1, '在岗', r.name, r.gender, r.ethnicity, r.birthDate, r.idNumber, r.nativePlace,
          r.politicalStatus, r.partyJoinDate, r.workStartDate, r.communityWorkStartDate, r.ftEducation, r.ftDegree, r.ftSchoolMajor,
          r.ptEducation, r.ptDegree, r.ptSchoolMajor, JSON.stringify(r.posts), r.oneShoulder ? 1 : 0, r.crossPosting ? 1 : 0,
          r.reserveCadre ? 1 : 0, r.postCategory, r.swQualification, r.swQualificationDate, r.phone, r.grid, r.remarks);
    }).immediate();
  const importInsert = () =>
    f.d.transact('bench.write', (tx) => {
      const w = importWriter(tx);
      for (const r of rows) w.insert(r.data, r.asWritten);
    });
  const empty = () => f.opened.sqlite.prepare('DELETE FROM people').run();
  // Warm-up (file growth, page cache), then both in alternating order on an emptied table.
  baselineInsert();
  empty();
  for (const which of run % 2 ? (['import', 'base'] as const) : (['base', 'import'] as const)) {
    const [t] = await timed(which === 'base' ? baselineInsert : importInsert);
    (which === 'base' ? baseline : write).push(t);
    empty();
  }

  forget(); // a commit without a preview before it: reads and checks the file itself
  const [tCommit, c] = await timed(() => f.d.call('roster.importCommit', { ...file, orgId: f.orgId }));
  if (!c.ok || c.data.created !== ROWS) throw new Error(`commit: ${JSON.stringify(c).slice(0, 300)}`);
  commit.push(tCommit);

  const [tExport, e] = await timed(() => f.d.call('roster.export', { orgId: f.orgId }));
  if (!e.ok || e.data.count !== ROWS) throw new Error('export');
  exportTimes.push(tExport);
  f.opened.close();

  // What the dialog and the CLI do: preview, then commit the same file (issue 19, point 4).
  const g = await fresh();
  const [tPair, pc] = await timed(async () => {
    const pv = await g.d.call('roster.importPreview', { ...file, orgId: g.orgId });
    if (!pv.ok) throw new Error('preview');
    return g.d.call('roster.importCommit', { ...file, orgId: g.orgId });
  });
  if (!pc.ok || pc.data.created !== ROWS) throw new Error(`preview + commit: ${JSON.stringify(pc).slice(0, 300)}`);
  pairs.push(tPair);
  g.opened.close();
}

stats('importPreview (dry run): read + validate + match', dry);
const tCommit = stats('importCommit: read + validate + match + write, one transaction', commit);
const tRead = stats('  phase: read .xlsx (own reader, core/roster-io/xlsx.ts)', parse);
const tPair = stats('importPreview + importCommit of the same file (the dialog, the CLI): one read, one check', pairs);
stats('  phase: validate + match (person schema)', plan);
const tWrite = stats('  phase: write inside the transaction (import writer)', write);
const tBase = stats('baseline: parsed rows, one prepared INSERT, one transaction', baseline);
stats('export 20,000 rows to .xlsx', exportTimes);
console.log(`\nload average ${load()}; preview + commit / bare read (own reader), same run: ${(tPair / tRead).toFixed(2)}× (goal < 2×); cold commit / bare read: ${(tCommit / tRead).toFixed(2)}×`);
console.log(`\nwrite step / baseline: ${(tWrite / tBase).toFixed(2)}×; whole commit / baseline: ${(tCommit / tBase).toFixed(1)}×`);
removeDir(dir);
