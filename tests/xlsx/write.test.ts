import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '../../core/roster-io/export.ts';
import { readSpreadsheetSync } from '../../core/roster-io/read.ts';
import { openXlsx } from '../../core/roster-io/xlsx.ts';
import { writeSheet, type CellValue, type SheetSpec } from '../../core/xlsx/write.ts';
import { columnLetter } from '../../core/xlsx/columns.ts';
import { removeDir, tempDir, type TestApp } from '../helpers/app.ts';
import { csvLine, STANDARD_HEADERS, standardRow } from '../fixtures/roster-io/people.ts';
import { bytesInput, importApp } from '../roster-io/helpers.ts';

// Our own .xlsx writer (issue 19, export row): the roster export read back by exceljs (what
// Excel-compatible readers see), by our own reader, and by Python's zipfile + XML parser.

const dirs: string[] = [];
const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) {
    a.close();
    removeDir(a.dir);
  }
  for (const d of dirs.splice(0)) removeDir(d);
});

function sheet(rows: CellValue[][], extra: Partial<SheetSpec> = {}): Promise<Buffer> {
  return writeSheet({
    sheetName: '花名册', creator: '基层党建台账', title: '标题',
    columns: [{ header: '序号', width: 6 }, { header: '姓名', width: 10 }, { header: '身份证号', width: 21, text: true }],
    rowCount: rows.length, cell: (n, i) => rows[n]![i], ...extra,
  });
}

/** Every cell of the first sheet as our reader sees it: text as strings, numbers as numbers. */
function ours(buf: Buffer): (string | number | null)[][] {
  const [first] = openXlsx(buf);
  return [...first!.rows()].map((r) => r.cells.map((c) => (c.t === 'text' || c.t === 'number' ? c.v : c.t === 'empty' ? null : `?${c.t}`)));
}

async function excel(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

const python = spawnSync('python3', ['-c', 'import zipfile, xml.dom.minidom']).status === 0;

describe('the roster export written by core/xlsx/write.ts', () => {
  it('reads back in exceljs with the values, types and layout the exceljs export had', async () => {
    const { app, orgId } = await importApp();
    apps.push(app);
    const csv = [csvLine(STANDARD_HEADERS), csvLine(standardRow(0)), csvLine(standardRow(1))].join('\n');
    await app.ok('roster.importCommit', { ...bytesInput('a.csv', csv), orgId });
    // Values a form could hold that an import would reshape: set directly.
    const [a, b] = app.opened.sqlite.prepare('SELECT id FROM people ORDER BY rowid').all() as { id: string }[];
    app.opened.sqlite.prepare('UPDATE people SET name = ?, remarks = ?, grid = ? WHERE id = ?').run('𠀀明', '=SUM(A1)', 'A&B <x> "q"', a!.id);
    app.opened.sqlite.prepare('UPDATE people SET remarks = ? WHERE id = ?').run('@cmd', b!.id);
    const out = await app.ok('roster.export', { orgId });
    expect(out.count).toBe(2);
    const buf = Buffer.from(out.contentBase64, 'base64');

    const wb = await excel(buf);
    expect(wb.creator).toBe('基层党建台账');
    const ws = wb.getWorksheet('花名册')!;
    expect(ws).toBeDefined();
    const n = EXPORT_COLUMNS.length;
    const last = columnLetter(n - 1);
    expect(ws.model.merges).toEqual([`A1:${last}1`]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe(`A2:${last}2`);

    const title = ws.getCell('A1');
    expect(title.value).toBe('新城社区工作者花名册');
    expect(title.font).toMatchObject({ bold: true, size: 16 });
    expect(title.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle' });
    expect(ws.getRow(1).height).toBe(30);
    expect(ws.getRow(2).height).toBe(22);

    const thin = { style: 'thin', color: { argb: 'FF999999' } };
    EXPORT_COLUMNS.forEach((c, i) => {
      const text = c.kind === 'id' || c.kind === 'phone' || c.kind === 'date';
      const h = ws.getCell(2, i + 1);
      expect(h.value, c.header).toBe(c.header);
      expect(h.font).toMatchObject({ bold: true });
      expect(h.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } });
      expect(h.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
      expect(h.border).toMatchObject({ top: thin, bottom: thin, left: thin, right: thin });
      expect(ws.getColumn(i + 1).width, c.header).toBe(c.width);
      expect(ws.getColumn(i + 1).numFmt ?? null, c.header).toBe(text ? '@' : null);
    });

    const col = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
    expect(ws.getRow(3).getCell(col('seq')).value).toBe(1);
    expect(ws.getRow(4).getCell(col('seq')).value).toBe(2);
    // The list decides the order; find the edited person's row.
    const at = ws.getRow(3).getCell(col('name')).value === '𠀀明' ? 3 : 4;
    const row = ws.getRow(at);
    const other = ws.getRow(7 - at);
    const idCell = row.getCell(col('idNumber'));
    expect(typeof idCell.value).toBe('string');
    const ids = [0, 1].map((i) => standardRow(i)[STANDARD_HEADERS.indexOf('身份证号')]);
    expect(ids).toContain(idCell.value);
    expect(idCell.numFmt).toBe('@');
    expect(row.getCell(col('birthDate')).numFmt).toBe('@');
    expect(row.getCell(col('birthDate')).value).toMatch(/^\d{4}\.\d{2}$/);
    expect(row.getCell(col('phone')).numFmt).toBe('@');
    expect(row.getCell(col('name')).value).toBe('𠀀明');
    expect(row.getCell(col('grid')).value).toBe('A&B <x> "q"');
    // Formula injection stays escaped, and nothing is written as a formula.
    expect(row.getCell(col('remarks')).value).toBe("'=SUM(A1)");
    expect(other.getCell(col('remarks')).value).toBe("'@cmd");
    expect(row.getCell(col('remarks')).type).toBe(ExcelJS.ValueType.String);

    // Our own reader: the header is found under the title and the rows come back as written.
    const read = readSpreadsheetSync(buf);
    expect(read.sheetName).toBe('花名册');
    expect(read.rows.map((r) => r.row)).toEqual([3, 4]);
    const nameAt = EXPORT_COLUMNS.findIndex((c) => c.key === 'name');
    expect(read.rows[at - 3]!.cells[nameAt]).toEqual({ t: 'text', v: '𠀀明' });
    expect(read.rows[0]!.cells[0]).toEqual({ t: 'number', v: 1 });
  });

  it('exports an empty roster as the title and header only', async () => {
    const { app, orgId } = await importApp();
    apps.push(app);
    const out = await app.ok('roster.export', { orgId });
    expect(out.count).toBe(0);
    const buf = Buffer.from(out.contentBase64, 'base64');
    const ws = (await excel(buf)).getWorksheet('花名册')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getCell('C2').value).toBe('姓名');
    expect(readSpreadsheetSync(buf).rows).toEqual([]);
  });
});

describe('writeSheet', () => {
  it('escapes & < > " and keeps control characters, CR, _xHHHH_ look-alikes and edge spaces', async () => {
    const tricky = ['&<>"\'', 'a\x01b\x0Bc\x1Fd', 'line\r\nbreak\rcr', 'x_x0041_y', '  both ends ', '\ttab', 'ok\uFFFEok', '𠀀𪚥'];
    const buf = await sheet(tricky.map((t, n) => [n + 1, t, null]));
    const got = ours(buf);
    expect(got.slice(2).map((r) => r[1])).toEqual(tricky.map((t) => t));
    // exceljs (and so Excel-compatible parsers) reads the entity-escaped ones unchanged too.
    const ws = (await excel(buf)).worksheets[0]!;
    expect(ws.getCell('B3').value).toBe('&<>"\'');
    expect(ws.getCell('B10').value).toBe('𠀀𪚥');
  });

  it('writes 1 row, and rows across chunk boundaries in order with a pause between chunks', async () => {
    expect(ours(await sheet([[1, '张三', '610402198001010011']]))).toEqual([
      // The merged-over title cells are styled but empty.
      ['标题', null, null], ['序号', '姓名', '身份证号'], [1, '张三', '610402198001010011'],
    ]);
    let pauses = 0;
    const rows = Array.from({ length: 5 }, (_, n): CellValue[] => [n + 1, `人${n}`, n % 2 ? '' : `id${n}`]);
    const buf = await sheet(rows, { rowsPerChunk: 2, pause: async () => void pauses++ });
    expect(pauses).toBe(2);
    expect(ours(buf).slice(2)).toEqual([[1, '人0', 'id0'], [2, '人1'], [3, '人2', 'id2'], [4, '人3'], [5, '人4', 'id4']]);
    const ws = (await excel(buf)).worksheets[0]!;
    expect(ws.getCell('C3').numFmt).toBe('@');
    expect(ws.getCell('A7').value).toBe(5);
  });

  it('writes rows larger than its 2 MiB text buffer, and many rows across it, intact', async () => {
    // 25 cells of 30,000 ideographs: one row of 750,000 UTF-16 units, over 2 MiB as UTF-8.
    const wide = Array.from({ length: 25 }, (_, i) => ({ header: `列${i}`, width: 10 }));
    const big = (n: number, i: number) => String.fromCodePoint(0x4e00 + ((n * 25 + i) % 20000)).repeat(30_000);
    const small = (n: number, i: number) => `第${n}行${i}列𠀀&`;
    const rowCount = 4000;
    const cell = (n: number, i: number) => (n === 1 || n === 2500 ? big(n, i) : small(n, i));
    const buf = await writeSheet({ sheetName: 'S', creator: 'c', columns: wide, rowCount, cell });
    const got = ours(buf).slice(1);
    expect(got.length).toBe(rowCount);
    let bad = 0;
    got.forEach((row, n) => row.forEach((v, i) => void (v !== cell(n, i) && bad++)));
    expect(bad).toBe(0);
  });

  it('writes 0 rows with no title as a header-only sheet frozen under row 1', async () => {
    const buf = await sheet([], { title: undefined });
    const ws = (await excel(buf)).worksheets[0]!;
    expect(ws.rowCount).toBe(1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:C1');
    expect(ws.model.merges).toEqual([]);
  });

  it.skipIf(!python)('is a valid zip (CRCs checked) of well-formed XML parts', async () => {
    const dir = tempDir('jiceng-xlsxw-');
    dirs.push(dir);
    const rows = Array.from({ length: 3000 }, (_, n): CellValue[] => [n + 1, `名字${n}&<\x02>`, `${n}`.padStart(18, '0')]);
    const file = join(dir, 'a.xlsx');
    writeFileSync(file, await sheet(rows, { rowsPerChunk: 700 }));
    const script = 'import sys, zipfile, xml.dom.minidom\nz = zipfile.ZipFile(sys.argv[1])\nbad = z.testzip()\nassert bad is None, bad\nfor n in z.namelist(): xml.dom.minidom.parseString(z.read(n))\nprint(len(z.namelist()))';
    const r = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('8');
  });
});

describe('lazy loading', () => {
  it('the export never loads exceljs; the template still does', () => {
    // A fresh process: exceljs is CommonJS, so a load shows in the require cache.
    const script = `
      import { createRequire } from 'node:module';
      import { rosterWorkbook } from './core/roster-io/export.ts';
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/exceljs/'));
      const ctx = { actor: { kind: 'system' }, now: () => new Date() };
      const row = { posts: ['书记'], idNumber: '610402198001010011', phone: null, name: '张三' };
      await rosterWorkbook(ctx, '花名册', [{ row, orgName: '新城社区' }]);
      const afterExport = loaded();
      await rosterWorkbook(ctx, '模板', [], true);
      console.log(JSON.stringify([afterExport, loaded()]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
    expect(r.stderr.replace(/.*ExperimentalWarning.*\n?|.*--trace-warnings.*\n?/g, '')).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([false, true]);
  });
});
