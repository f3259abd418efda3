import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir } from '../helpers/app.ts';
import { auditCount, bytesInput, fixture, FIXTURES, importApp, peopleCount, type ImportApp } from './helpers.ts';
import { csvLine, standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';
import { readSpreadsheet } from '../../core/roster-io/read.ts';

let ctx: ImportApp;
afterEach(() => {
  ctx?.app.close();
  if (ctx) removeDir(ctx.app.dir);
});

async function preview(input: { fileName: string; contentBase64: string }) {
  return ctx.app.dispatcher.call('roster.importPreview', { ...input, orgId: ctx.orgId });
}

async function previewOk(name: string) {
  const env = await preview(fixture(name));
  if (!env.ok) throw new Error(env.error.message);
  return env.data;
}

describe('value forms (title row, merged cells, messy header)', () => {
  it('finds the header under the title, reports the unknown column and reads every form', async () => {
    ctx = await importApp();
    const p = await previewOk('value-forms.xlsx');
    expect(p.file.headerRows).toEqual([3]);
    expect(p.mapping.find((m) => m.letter === 'E')).toMatchObject({ header: '出生年月', field: 'birthDate' });
    expect(p.mapping.find((m) => m.letter === 'O')).toMatchObject({ header: '兴趣爱好', field: null });
    expect(p.notices.some((n) => n.includes('兴趣爱好') && n.includes('O 列'))).toBe(true);
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(p.counts).toEqual({ create: 11, update: 0, unchanged: 0, error: 0 });

    const done = await ctx.app.ok('roster.importCommit', { ...fixture('value-forms.xlsx'), orgId: ctx.orgId });
    expect(done.created).toBe(11);
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'value-forms.expected.json'), 'utf8')) as
      { row: number; name: string; gender: string; birthDate: string; idNumber: string }[];
    const rows = ctx.app.opened.sqlite.prepare('SELECT name, gender, birth_date AS birthDate, id_number AS idNumber, ethnicity, phone, political_status AS ps, posts FROM people').all() as
      Record<string, string>[];
    for (const e of expected) {
      const got = rows.find((r) => r.idNumber === e.idNumber);
      expect(got, `row ${e.row}`).toMatchObject({ name: e.name, gender: e.gender, birthDate: e.birthDate });
    }
    const zhou = rows.find((r) => r.name === '周敏')!;
    expect(zhou).toMatchObject({ ethnicity: '回族', phone: '13900012345' });
    const xu = rows.find((r) => r.name === '徐桂兰')!;
    expect(xu.idNumber?.endsWith('X')).toBe(true);
    expect(xu).toMatchObject({ ps: '中共党员', posts: '["书记","居委会主任"]' });
    expect(rows.find((r) => r.name === '吴刚')).toMatchObject({ ethnicity: '满族', birthDate: '1965-05-20' });
  });

  it('reads a two-row header with a merged group title (全日制教育 → 学历 / 学位 / 院校专业)', async () => {
    ctx = await importApp();
    const p = await previewOk('two-row-header.xlsx');
    expect(p.file.headerRows).toEqual([2, 3]);
    expect(p.mapping.filter((m) => m.letter >= 'H' && m.letter <= 'J').map((m) => m.field)).toEqual(['ftEducation', 'ftDegree', 'ftSchoolMajor']);
    expect(p.counts.create).toBe(3);
  });
});

describe('encodings and producers', () => {
  it('UTF-8, UTF-8 with BOM and GBK CSV import to identical records', async () => {
    const snapshots: unknown[] = [];
    for (const name of ['roster-utf8.csv', 'roster-utf8-bom.csv', 'roster-gbk.csv']) {
      ctx = await importApp();
      const p = await previewOk(name);
      expect(p.file.encoding).toBe({ 'roster-utf8.csv': 'UTF-8', 'roster-utf8-bom.csv': 'UTF-8（带 BOM）', 'roster-gbk.csv': 'GB18030/GBK' }[name]);
      const done = await ctx.app.ok('roster.importCommit', { ...fixture(name), orgId: ctx.orgId });
      expect(done.created).toBe(20);
      snapshots.push(ctx.app.opened.sqlite.prepare('SELECT name, gender, ethnicity, birth_date, id_number, posts, phone FROM people ORDER BY id_number').all());
      ctx.app.close();
      removeDir(ctx.app.dir);
    }
    expect(snapshots[1]).toEqual(snapshots[0]);
    expect(snapshots[2]).toEqual(snapshots[0]);
    const first = snapshots[0] as { ethnicity: string; posts: string }[];
    expect(first.some((r) => r.ethnicity === '壮族' && r.posts === '["网格员","专职社区工作者"]')).toBe(true);
  });

  it('imports a file written by LibreOffice Calc', async () => {
    ctx = await importApp();
    const p = await previewOk('libreoffice-text.xlsx');
    expect(p.counts).toEqual({ create: 10, update: 0, unchanged: 0, error: 0 });
  });

  it('reports every ID number LibreOffice stored as a number, and imports nothing', async () => {
    ctx = await importApp();
    const p = await previewOk('libreoffice-numeric.xlsx');
    expect(p.counts.error).toBe(10);
    expect(p.issues.every((i) => i.column === '身份证号' && i.letter === 'F' && i.message.includes('文本'))).toBe(true);
    const env = await ctx.app.dispatcher.call('roster.importCommit', { ...fixture('libreoffice-numeric.xlsx'), orgId: ctx.orgId });
    expect(env.ok).toBe(false);
    expect(peopleCount(ctx.app)).toBe(0);
  });
});

describe('numeric ID numbers', () => {
  it('number cell, 6.10402E+17 text and a 000 tail are each reported on their row; never repaired', async () => {
    ctx = await importApp();
    const p = await previewOk('numeric-id.xlsx');
    const errors = p.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.column, i.value])).toEqual([
      [2, '身份证号', '610402196001010000'],
      [3, '身份证号', '6.10402E+17'],
      [4, '身份证号', expect.stringMatching(/000$/)],
    ]);
    for (const e of errors) expect(e.message).toContain('请把该列设为“文本”格式');
    expect(p.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 3 });
  });
});

describe('bad files: a clear message and nothing written', () => {
  it.each([
    ['corrupt.xlsx', '已损坏'],
    ['encrypted.xlsx', '已加密'],
    ['not-a-sheet.pdf', '不是表格'],
    ['empty.xlsx', '空的'],
    ['no-header.xlsx', '未找到表头'],
  ])('%s', async (name, words) => {
    ctx = await importApp();
    const before = auditCount(ctx.app);
    const env = await preview(fixture(name));
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toContain(words);
    const commit = await ctx.app.dispatcher.call('roster.importCommit', { ...fixture(name), orgId: ctx.orgId });
    expect(commit.ok).toBe(false);
    expect(peopleCount(ctx.app)).toBe(0);
    expect(auditCount(ctx.app)).toBe(before);
  });

  it('an empty CSV and a header without data rows', async () => {
    ctx = await importApp();
    const empty = await preview(bytesInput('a.csv', ''));
    expect(!empty.ok && empty.error.message).toContain('空');
    const headerOnly = await preview(bytesInput('b.csv', csvLine(STANDARD_HEADERS) + '\n'));
    expect(!headerOnly.ok && headerOnly.error.message).toContain('没有数据行');
  });

  it('refuses more than 100,000 data rows, and keeps the event loop turning while it reads', async () => {
    ctx = await importApp();
    const line = csvLine(standardRow(0));
    const text = `${csvLine(STANDARD_HEADERS)}\n${`${line}\n`.repeat(100_001)}`;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const env = await preview(bytesInput('big.csv', text));
    clearInterval(timer);
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toContain('超过 100,000 行');
    // Other work (IPC, HTTP requests, the progress poll) ran during the parse.
    expect(ticks).toBeGreaterThan(3);
    const commit = await ctx.app.dispatcher.call('roster.importCommit', { ...bytesInput('big.csv', text), orgId: ctx.orgId });
    expect(commit.ok).toBe(false);
    expect(peopleCount(ctx.app)).toBe(0);
  });

  it('exactly 100,000 data rows are read', async () => {
    const line = csvLine(standardRow(0));
    const text = `${csvLine(STANDARD_HEADERS)}\n${`${line}\n`.repeat(100_000)}`;
    const sheet = await readSpreadsheet(Buffer.from(text));
    expect(sheet.rows).toHaveLength(100_000);
    expect(sheet.rows.at(-1)?.row).toBe(100_001);
  });

  it('reports progress under the job id', async () => {
    ctx = await importApp();
    const jobId = 'job-1';
    await ctx.app.ok('roster.importPreview', { ...fixture('bad-row-500.xlsx'), orgId: ctx.orgId, jobId });
    expect(await ctx.app.ok('roster.importProgress', { jobId })).toEqual({ stage: 'done', parsed: 1001, validated: 1001, written: 0, total: 1001 });
    expect((await ctx.app.ok('roster.importProgress', { jobId: 'nobody' })).stage).toBe('unknown');
  });
});
