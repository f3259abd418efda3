import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS } from '../../core/roster-io/export.ts';
import { removeDir } from '../helpers/app.ts';
import { compare, processCase, quick, rounds } from './bench-util.ts';
import { BENCH_PASSWORD, BENCH_USER, securedDemo } from './secured.ts';

// Issue 19's export row: `jiceng roster export` of 20,000 people, whole process, against the
// bare exceljs write of the same cells measured in the same run (goal: ≤ 2× the bare write).
// The bare write gets the rows already read (one raw SELECT, untimed) and writes one plain
// streaming sheet of the same rows × columns with exceljs' defaults: no title, styles, masking
// or formatting, which the real export does on top. The judge is this in-process, warm write;
// a whole bare process (tests/bench/bare-excel.ts: Node's start, loading exceljs, the same cells
// from a JSON file) is printed beside it, the kind of ceiling the import row is judged by.

const root = fileURLToPath(new URL('../..', import.meta.url));
const PEOPLE = 20_000;
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
};
run(['cli/build.ts']);

const b = await securedDemo(PEOPLE);
const keys = EXPORT_COLUMNS.map((c) => c.key);
const raw = b.sqlite().prepare(`SELECT p.*, o.name AS org_name FROM people p JOIN org_units o ON o.id = p.org_id WHERE p.status = '在岗' ORDER BY p.rowid`).all() as Record<string, unknown>[];
const cells = raw.map((r, n) => keys.map((k) => (k === 'seq' ? n + 1 : k === 'orgName' ? r.org_name : (r[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] ?? ''))));

async function bareWrite(): Promise<number> {
  const out = new PassThrough();
  let size = 0;
  out.on('data', (c: Buffer) => void (size += c.length));
  const done = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out });
  const ws = wb.addWorksheet('花名册');
  for (const row of cells) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
  await done;
  return size;
}

const out = join(b.dir, 'export.xlsx');
const cellsFile = join(b.dir, 'cells.json');
writeFileSync(cellsFile, JSON.stringify(cells));
const env = { JICENG_USER: BENCH_USER, JICENG_PASSWORD: BENCH_PASSWORD };
await compare(`Roster export: ${PEOPLE.toLocaleString('en-US')} people (${raw.length.toLocaleString('en-US')} 在岗), encrypted, county-wide 录入员`, { label: 'ceiling: bare exceljs streaming write of the same cells (rows already read)', fn: bareWrite }, [
  processCase('a bare exceljs write of the same cells, whole process (`node tests/bench/bare-excel.ts write CELLS.json OUT`)', ['tests/bench/bare-excel.ts', 'write', cellsFile, join(b.dir, 'bare.xlsx')], { cwd: root }),
  { label: '`roster.export` in process, through the runtime', fn: () => b.ok('roster.export', {}) },
  { ...processCase('`jiceng roster export OUT.xlsx`, whole process (bin → bundle, password login)', ['cli/jiceng.js', 'roster', 'export', out, '--db', b.dbFile], { cwd: root, env }), goal: { ratio: 2 } },
], rounds(5));
console.log(`\nbare write ${(await bareWrite() / 1024).toFixed(0)} KiB; the export's file ${(statSync(out).size / 1024).toFixed(0)} KiB${quick ? ' (--quick)' : ''}`);
b.close();
removeDir(b.dir);
