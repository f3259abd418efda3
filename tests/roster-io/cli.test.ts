import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { removeDir } from '../helpers/app.ts';
import { repoRoot } from '../helpers/serve.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';
import { FIXTURES } from './helpers.ts';
import { csvLine, standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';

// `jiceng roster import|export|template` as an office would run it: a real database with a
// clerk account, the CLI in its own process.

let app: SecuredApp;
beforeAll(async () => {
  app = await setUpSecured();
  await app.sessionAs('clerk', 'luru');
  app.close();
});
afterAll(() => removeDir(app.dir));

const jiceng = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, JICENG_DB: '', JICENG_USER: 'luru', JICENG_PASSWORD: USER_PASSWORD },
  });

describe('jiceng roster', { timeout: 120_000 }, () => {
  it('import with a bad row: exit 1, the reason on stdout, a report written, nothing imported', () => {
    const report = join(app.dir, 'report.xlsx');
    const r = jiceng('roster', 'import', join(FIXTURES, 'bad-row-500.xlsx'), '--org', '610402001001', '--db', app.dbFile, '--report', report);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('第 502 行 F 列「身份证号」');
    expect(r.stdout).toContain('未写入任何数据');
    expect(existsSync(report)).toBe(true);
  });

  it('dry run of a good file: exit 0, summary, nothing written; then the import writes', () => {
    const file = join(app.dir, 'good.csv');
    writeFileSync(file, [csvLine(STANDARD_HEADERS), ...Array.from({ length: 5 }, (_, i) => csvLine(standardRow(i)))].join('\n'));
    const dry = jiceng('roster', 'import', file, '--org', '610402001001', '--db', app.dbFile, '--dry-run');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('预检：新增 5 人，更新 0 人，未变 0 人，有错误 0 行');
    const real = jiceng('roster', 'import', file, '--org', '610402001001', '--db', app.dbFile);
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toContain('已导入：新增 5 人');
    const again = jiceng('roster', 'import', file, '--org', '610402001001', '--db', app.dbFile);
    expect(again.stdout).toContain('未变 5 人');
  });

  it('export and template write .xlsx files', async () => {
    const out = join(app.dir, 'out.xlsx');
    const r = jiceng('roster', 'export', out, '--org', '610402001001', '--db', app.dbFile);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已导出 5 人');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.rowCount).toBe(7);
    const t = jiceng('roster', 'template', join(app.dir, 't.xlsx'), '--db', app.dbFile);
    expect(t.status, t.stderr).toBe(0);
  });

  it('--save-mapping writes the unknown values; filled in, --mapping resolves them and the import writes', () => {
    const file = join(app.dir, 'unknown.csv');
    const row = standardRow(40);
    row[6] = '预备期党员';
    writeFileSync(file, [csvLine(STANDARD_HEADERS), csvLine(row)].join('\n'));
    const saved = join(app.dir, 'choices.json');
    const dry = jiceng('roster', 'import', file, '--org', '610402001001', '--db', app.dbFile, '--dry-run', '--save-mapping', saved);
    expect(dry.status, dry.stderr).toBe(1);
    expect(dry.stdout).toContain('未识别的值：「政治面貌」“预备期党员” ×1');
    const choices = JSON.parse(readFileSync(saved, 'utf8')) as { unresolved: { value: string; code: string; options: string[] }[] };
    expect(choices.unresolved).toEqual([expect.objectContaining({ value: '预备期党员', code: '' })]);
    expect(choices.unresolved[0]!.options).toContain('中共预备党员');
    choices.unresolved[0]!.code = '中共预备党员';
    writeFileSync(saved, JSON.stringify(choices));
    const real = jiceng('roster', 'import', file, '--org', '610402001001', '--db', app.dbFile, '--mapping', saved);
    expect(real.status, real.stdout).toBe(0);
    expect(real.stdout).toContain('已导入：新增 1 人');
  });

  it('usage errors exit 2', () => {
    expect(jiceng('roster', 'import', 'x.xlsx', '--db', app.dbFile).status).toBe(2);
    expect(jiceng('roster', 'frob').status).toBe(2);
  });
});
