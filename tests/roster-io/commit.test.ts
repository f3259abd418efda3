import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir } from '../helpers/app.ts';
import { auditCount, bytesInput, fixture, importApp, peopleCount, type ImportApp } from './helpers.ts';
import { csvLine, person, standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';

let ctx: ImportApp;
afterEach(() => {
  ctx?.app.close();
  if (ctx) removeDir(ctx.app.dir);
});

const csv = (rows: string[][], headers = STANDARD_HEADERS) => [csvLine(headers), ...rows.map(csvLine)].join('\r\n') + '\r\n';
const validRows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => standardRow(from + i));

async function commit(input: { fileName: string; contentBase64: string }, extra: { validOnly?: boolean; mapping?: { index: number; field: string | null }[] } = {}) {
  return ctx.app.dispatcher.call('roster.importCommit', { ...input, orgId: ctx.orgId, ...extra });
}

async function previewData(input: { fileName: string; contentBase64: string }, mapping?: { index: number; field: string | null }[]) {
  const env = await ctx.app.dispatcher.call('roster.importPreview', { ...input, orgId: ctx.orgId, ...(mapping ? { mapping } : {}) });
  if (!env.ok) throw new Error(env.error.message);
  return env.data;
}

async function loadXlsx(b64: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

describe('all or nothing', () => {
  it('1,000 valid rows and one bad check digit at data row 500: zero rows written, one exact error', async () => {
    ctx = await importApp();
    const auditBefore = auditCount(ctx.app);
    const p = await previewData(fixture('bad-row-500.xlsx'));
    const errors = p.issues.filter((i) => i.severity === 'error');
    expect(errors).toHaveLength(1);
    // Title row 1, header row 2, data row 500 → sheet row 502.
    expect(errors[0]).toMatchObject({ row: 502, column: '身份证号', letter: 'F' });
    expect(errors[0]!.message).toContain('校验位不符');
    const env = await commit(fixture('bad-row-500.xlsx'));
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('validation');
      expect(env.error.message).toContain('未导入任何数据');
      expect(env.error.issues?.[0]?.message).toContain('第 502 行');
    }
    expect(peopleCount(ctx.app)).toBe(0);
    expect(auditCount(ctx.app)).toBe(auditBefore);
  });

  it.each([1, 1000])('a bad date at data row %i of 1,000 blocks the whole file', async (at) => {
    ctx = await importApp();
    const rows = validRows(1000);
    rows[at - 1]![4] = '1985.13';
    const env = await commit(bytesInput('r.csv', csv(rows)));
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.issues).toEqual([{ path: `第${at + 1}行.出生年月`, message: expect.stringContaining('“1985.13”') }]);
    expect(peopleCount(ctx.app)).toBe(0);
  });

  it('validOnly imports the valid rows and reports the skipped one', async () => {
    ctx = await importApp();
    const rows = validRows(5);
    rows[2]![1] = '';
    const done = await commit(bytesInput('r.csv', csv(rows)), { validOnly: true });
    expect(done.ok).toBe(true);
    if (done.ok) expect(done.data).toMatchObject({ created: 4, skipped: 1 });
    expect(peopleCount(ctx.app)).toBe(4);
    const audit = ctx.app.opened.sqlite.prepare("SELECT after FROM audit_log WHERE operation = 'roster.importCommit'").get() as { after: string };
    expect(JSON.parse(audit.after)).toMatchObject({ skippedRows: [4] });
  });
});

describe('matching and the preview', () => {
  it('create / update by 身份证号 / unchanged, and rows without an ID matched by name with a warning', async () => {
    ctx = await importApp();
    await commit(bytesInput('a.csv', csv(validRows(3))));
    const rows = validRows(4);
    rows[1]![13] = '13800000000';
    rows[2]![5] = '';
    const p = await previewData(bytesInput('b.csv', csv(rows)));
    expect(p.counts).toEqual({ create: 1, update: 1, unchanged: 2, error: 0 });
    expect(p.rows.find((r) => r.row === 3)).toMatchObject({
      action: 'update', changes: [{ field: 'phone', header: '联系电话', new: '13800000000', pay: false }],
    });
    expect(p.rows.find((r) => r.row === 4)?.action).toBe('unchanged');
    expect(p.issues).toEqual([expect.objectContaining({ row: 4, severity: 'warning', message: expect.stringContaining('按姓名匹配') })]);
    const done = await commit(bytesInput('b.csv', csv(rows)));
    expect(done.ok && done.data).toMatchObject({ created: 1, updated: 1, unchanged: 2 });
    const phone = ctx.app.opened.sqlite.prepare('SELECT phone FROM people WHERE id_number = ?').get(person(1).id) as { phone: string };
    expect(phone.phone).toBe('13800000000');
  });

  it('a duplicate ID inside the file and an ID active in another org unit are errors', async () => {
    ctx = await importApp();
    await ctx.app.dispatcher.call('roster.importCommit', { ...bytesInput('o.csv', csv(validRows(1, 7))), orgId: ctx.otherOrgId });
    const rows = [...validRows(2), standardRow(0), standardRow(7)];
    const p = await previewData(bytesInput('d.csv', csv(rows)));
    const errors = p.issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ row: 4, column: '身份证号', message: '「身份证号」与第 2 行重复' }),
      expect.objectContaining({ row: 5, column: '身份证号', message: expect.stringContaining('已登记在“东风社区”') }),
    ]);
  });

  it('rules of the person schema apply, with the sheet row, header and value; a sex that disagrees with the ID is a warning', async () => {
    ctx = await importApp();
    const rows = validRows(2);
    rows[0]![2] = rows[0]![2] === '男' ? '女' : '男';
    rows[1]![12] = '临时';
    const p = await previewData(bytesInput('r.csv', csv(rows)));
    expect(p.issues).toEqual([
      expect.objectContaining({ row: 3, column: '岗位类别', value: '临时', severity: 'error', message: expect.stringContaining('「岗位类别」的值“临时”不在代码表中') }),
      expect.objectContaining({ row: 2, column: '性别', letter: 'C', severity: 'warning', message: expect.stringContaining('与身份证号不一致') }),
    ]);
    expect(p.unknownValues).toEqual([expect.objectContaining({ table: 'postCategory', value: '临时', count: 1, rows: [3] })]);
  });
});

describe('column mapping', () => {
  it('an override is applied, remembered for that header layout after a commit, and reported as such', async () => {
    ctx = await importApp();
    const headers = [...STANDARD_HEADERS];
    headers[13] = '常用号码';
    const file = bytesInput('m.csv', csv(validRows(2), headers));
    const first = await previewData(file);
    expect(first.mapping[13]).toMatchObject({ header: '常用号码', field: null, detected: null });
    expect(first.notices.some((n) => n.includes('常用号码'))).toBe(true);
    const mapping = [{ index: 13, field: 'phone' }];
    const withOverride = await previewData(file, mapping);
    expect(withOverride.mapping[13]?.field).toBe('phone');
    expect((await commit(file, { mapping })).ok).toBe(true);
    const again = await previewData(bytesInput('m2.csv', csv(validRows(2, 10), headers)));
    expect(again.mappingSource).toBe('remembered');
    expect(again.mapping[13]?.field).toBe('phone');
  });

  it('an override that maps two columns to one field is refused', async () => {
    ctx = await importApp();
    const env = await ctx.app.dispatcher.call('roster.importPreview', { ...bytesInput('m.csv', csv(validRows(1))), orgId: ctx.orgId, mapping: [{ index: 14, field: 'name' }] });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toContain('对应了两列');
  });
});

describe('export and the round trip', () => {
  it('export → import gives no changes; the layout is county style', async () => {
    ctx = await importApp();
    const rows = validRows(30);
    rows[0]![14] = '=HYPERLINK("http://x")';
    rows[1]![5] = '';
    rows[1]![1] = '独一无二';
    await commit(bytesInput('seed.csv', csv(rows)));
    const out = await ctx.app.ok('roster.export', { orgId: ctx.orgId });
    expect(out.count).toBe(30);
    const ws = await loadXlsx(out.contentBase64);
    expect(String(ws.getCell('A1').value)).toContain('新城社区');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getRow(2).getCell(1).value).toBe('序号');
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    const col = (h: string) => headers.indexOf(h) + 1;
    const withId = [...Array(30).keys()].map((i) => ws.getRow(3 + i)).find((r) => r.getCell(col('姓名')).value === person(2).name)!;
    expect(withId.getCell(col('身份证号')).value).toBe(person(2).id);
    expect(typeof withId.getCell(col('联系电话')).value).toBe('string');
    expect(withId.getCell(col('出生年月')).value).toBe(person(2).birth.slice(0, 7).replace('-', '.'));
    const remarks = [...Array(30).keys()].map((i) => ws.getRow(3 + i).getCell(col('备注')).value);
    expect(remarks).toContain('\'=HYPERLINK("http://x")');

    const back = await previewData({ fileName: out.fileName, contentBase64: out.contentBase64 });
    expect(back.counts).toEqual({ create: 0, update: 0, unchanged: 30, error: 0 });
    const before = auditCount(ctx.app);
    const done = await commit({ fileName: out.fileName, contentBase64: out.contentBase64 });
    expect(done.ok && done.data).toMatchObject({ created: 0, updated: 0, unchanged: 30 });
    expect(auditCount(ctx.app)).toBe(before + 1);
  });

  it('the blank template imports as a header with no data rows', async () => {
    ctx = await importApp();
    const t = await ctx.app.ok('roster.exportTemplate', {});
    const ws = await loadXlsx(t.contentBase64);
    expect(ws.getRow(2).getCell(3).value).toBe('姓名');
    const env = await ctx.app.dispatcher.call('roster.importPreview', { ...t, orgId: ctx.orgId });
    expect(!env.ok && env.error.message).toContain('没有数据行');
  });
});

describe('error report', () => {
  it('is a copy of the .xlsx with a 错误说明 column and the bad cell filled', async () => {
    ctx = await importApp();
    const rep = await ctx.app.ok('roster.importErrorReport', { ...fixture('bad-row-500.xlsx'), orgId: ctx.orgId });
    expect(rep.fileName).toBe('bad-row-500-错误说明.xlsx');
    const ws = await loadXlsx(rep.contentBase64);
    expect(ws.getCell('P2').value).toBe('错误说明');
    expect(String(ws.getCell('P502').value)).toContain('校验位不符');
    expect(ws.getCell('P501').value).toBeNull();
    expect(ws.getCell('F502').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFFFC7CE' } });
    expect(ws.getCell('A1').value).toBe('新城社区工作者花名册');
  });

  it('CSV input becomes an .xlsx with rows at their original numbers', async () => {
    ctx = await importApp();
    const rows = validRows(3);
    rows[1]![4] = '=1985.13';
    const rep = await ctx.app.ok('roster.importErrorReport', { ...bytesInput('r.csv', csv(rows)), orgId: ctx.orgId });
    const ws = await loadXlsx(rep.contentBase64);
    expect(ws.getCell('B3').value).toBe(rows[1]![1]);
    expect(ws.getCell('E3').value).toBe("'=1985.13");
    expect(String(ws.getCell('P3').value)).toContain('出生年月');
  });
});

const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice']).status === 0;

describe('LibreOffice Calc reads the export', () => {
  it.skipIf(!hasSoffice)('converted back to CSV by soffice: ID numbers and phones stay text, dates YYYY.MM', async () => {
    ctx = await importApp();
    await commit(bytesInput('seed.csv', csv(validRows(3))));
    const out = await ctx.app.ok('roster.export', { orgId: ctx.orgId });
    const xlsx = join(ctx.app.dir, 'export.xlsx');
    writeFileSync(xlsx, Buffer.from(out.contentBase64, 'base64'));
    const r = spawnSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', ctx.app.dir, xlsx], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(ctx.app.dir, 'export.csv'), 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toContain('新城社区工作者花名册');
    expect(lines[1]).toMatch(/^序号,所属组织,姓名/);
    expect(lines).toHaveLength(5);
    for (let i = 0; i < 3; i++) {
      const line = lines.find((l) => l.includes(`,${person(i).name},`));
      expect(line).toContain(`,${person(i).id},`);
      expect(line).toContain(`,${person(i).birth.slice(0, 7).replace('-', '.')},`);
    }
  }, 180_000);
});
