import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { removeDir } from '../helpers/app.ts';
import { repoRoot } from '../helpers/serve.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

// `jiceng report` as a scheduled monthly script would run it: its own process, a real login.

let app: SecuredApp;
beforeAll(async () => {
  app = await setUpSecured();
  const clerk = await app.sessionAs('clerk', 'tongji');
  const community = (await app.ok('org.tree', {}, clerk)).find((u: { level: string }) => u.level === 'community');
  await app.ok('roster.create', {
    orgId: community.id, name: '王书记', gender: '女', ethnicity: '汉族', birthDate: '1980-05-01', politicalStatus: '中共党员',
    posts: ['书记', '居委会主任'], postCategory: '正职', ftEducation: '大学本科', communityWorkStartDate: '2010-01-01',
  }, clerk);
  app.close();
});
afterAll(() => removeDir(app.dir));

const jiceng = (...args: string[]) =>
  spawnSync(process.execPath, ['cli/main.ts', ...args], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, JICENG_DB: '', JICENG_USER: 'tongji', JICENG_PASSWORD: USER_PASSWORD },
  });

describe('jiceng report', { timeout: 120_000 }, () => {
  it('prints the table, writes the .xlsx, and refuses an unknown report with the list', async () => {
    const printed = jiceng('report', 'composition', '--org', '610402000000', '--as-of', '2026-11-30', '--db', app.dbFile);
    expect(printed.status, printed.stderr).toBe(0);
    const total = printed.stdout.split('\n').find((l) => l.startsWith('合计'))!;
    expect(total.split('\t')[1]).toBe('1');
    const out = join(app.dir, 'monthly.xlsx');
    const written = jiceng('report', 'composition', '--org', '610402000000', '--as-of', '2026-11-30', '--out', out, '--db', app.dbFile);
    expect(written.status, written.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(String(wb.worksheets[0]!.getCell('A1').value)).toContain('队伍结构');
    const unknown = jiceng('report', 'nope', '--org', '610402000000', '--as-of', '2026-11-30', '--db', app.dbFile);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('composition');
    const badDate = jiceng('report', 'composition', '--org', '610402000000', '--as-of', '2026-02-30', '--db', app.dbFile);
    expect(badDate.status).toBe(1);
    expect(badDate.stderr).toContain('「统计日期」不是有效日期');
  });
});
