import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { apiCall, E2E_ADMIN, login, startServe, type Served } from '../helpers/serve.ts';
import { loginAs, type Account } from './pages/login.ts';
import { expectLandscapePdf } from './pdf.ts';

// Home pages per role and a report end to end: chart with its table, drill-down, .xlsx export
// and an A4 print to PDF that is not blank and fits the page width.

let served: Served;
let orgs: { street: string; c1: string; c2: string };
const COMMUNITY_CLERK: Account = { username: 'shequ', password: 'Jiceng-2026!cl' };
const REVIEWER: Account = { username: 'shenhe', password: 'Jiceng-2026!rv' };

async function must(op: string, input: unknown, session?: string): Promise<any> {
  const env = await apiCall(served, op, input, session);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

async function account(admin: string, a: Account, role: string, orgScopeId: string): Promise<void> {
  const first = 'First-2026!e2e';
  await must('users.create', { username: a.username, displayName: `测试${a.username}`, role, orgScopeId, initialPassword: first }, admin);
  const s = await login(served, { username: a.username, password: first });
  await must('auth.changePassword', { oldPassword: first, newPassword: a.password }, s);
}

test.beforeAll(async () => {
  served = await startServe();
  const county = (await must('org.tree', {})).find((u: { level: string }) => u.level === 'county');
  const street = await must('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const c1 = await must('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  const c2 = await must('org.create', { level: 'community', parentId: street.id, name: '朝阳社区', code: '610402001002' });
  orgs = { street: street.id, c1: c1.id, c2: c2.id };
  const people = [
    ['王书记', c1.id, ['书记', '居委会主任'], '大学本科', '1980-05-01', '社工师'],
    ['李委员', c1.id, ['党组织委员'], '大学专科', '1990-03-01', null],
    ['赵社工', c1.id, ['专职社区工作者'], '研究生', '1996-07-01', '助理社工师'],
    ['钱网格', c1.id, ['网格员'], '普通高中', '1975-01-01', null],
    ['孙书记', c2.id, ['书记'], '大学本科', '1985-09-01', null],
    ['周主任', c2.id, ['居委会主任'], '大学本科', '1988-11-11', '社工师'],
    ['吴社工', c2.id, ['专职社区工作者'], '大学专科', '1999-02-02', null],
  ] as const;
  for (const [i, [name, orgId, posts, edu, birthDate, sw]] of people.entries())
    await must('roster.create', {
      orgId, name, gender: i % 2 ? '男' : '女', ethnicity: i === 3 ? '回族' : '汉族', birthDate, politicalStatus: '中共党员',
      posts, postCategory: posts[0] === '书记' || posts[0] === '居委会主任' ? '正职' : '其他', ftEducation: edu, swQualification: sw,
      communityWorkStartDate: '2018-01-01',
    });
  const admin = await login(served, E2E_ADMIN);
  await account(admin, COMMUNITY_CLERK, 'clerk', c1.id);
  await account(admin, REVIEWER, 'reviewer', street.id);
});

test.afterAll(async () => {
  await served?.stop();
});

async function logout(page: Page) {
  await page.getByRole('banner', { name: '当前用户' }).getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
}

test('each role lands on its own home page', async ({ page }) => {
  await loginAs(page, served, 'admin');
  await expect(page.getByRole('heading', { name: '系统管理员首页' })).toBeVisible();
  await expect(page.locator('[data-card="backup"]')).toContainText('最近备份');
  await expect(page.locator('[data-card="keys"]')).toContainText('未初始化');
  await logout(page);

  // The clerk whose scope is the whole county sees the county view with the headline figures.
  await loginAs(page, served, 'clerk');
  await expect(page.getByRole('heading', { name: '秦都区首页' })).toBeVisible();
  await expect(page.locator('[data-card="people"] .home-card-value')).toHaveText('7 人');
  await expect(page.locator('[data-card="bachelor"] .home-card-value')).toHaveText('57.1%'); // 4 of 7
  await expect(page.getByRole('table', { name: '各街道队伍概况' })).toContainText('人民路街道');
  await logout(page);

  await loginAs(page, served, COMMUNITY_CLERK);
  await expect(page.getByRole('heading', { name: '新城社区首页' })).toBeVisible();
  await expect(page.getByRole('table', { name: '本月任务' })).toContainText('工资表审核确认');
  await expect(page.locator('[data-card="below"] .home-card-value')).toHaveText('4 人'); // nobody has training hours yet
  await expect(page.locator('[data-card="sent"] .home-card-value')).toHaveText('尚未报送');
  await logout(page);

  await loginAs(page, served, REVIEWER);
  await expect(page.getByRole('heading', { name: '人民路街道首页' })).toBeVisible();
  await expect(page.locator('[data-card="pay"]')).toContainText('待确认工资表');
  await expect(page.getByRole('table', { name: '等待确认的事项' })).toContainText('工资表');
});

test('a report with its chart drills down, exports numbers and prints to one A4 width', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计报表' }).click();
  const table = page.getByRole('table', { name: '社区工作者队伍结构统计表' });
  await expect(table).toBeVisible();
  const total = table.locator('tr[data-row="total"]');
  await expect(total.locator('td[data-col="total"]')).toHaveText('7');
  await expect(total.locator('td[data-col="hiBachelorRate"]')).toHaveText('57.1%');
  // The chart is drawn (SVG), and its numbers are in the table beside it.
  await expect(page.locator('.report-chart svg').first()).toBeVisible();
  await expect(page.getByRole('table', { name: '各社区人数、本科及以上与持证人数（数据）' })).toContainText('朝阳社区');

  // Drill-down: the people behind 本科及以上 in 合计 are as many as the cell says.
  await total.locator('td[data-col="hiBachelor"] button').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('共 4 条');
  await expect(dialog.getByRole('table', { name: '明细' }).locator('tbody tr')).toHaveCount(4);
  await dialog.getByRole('button', { name: '关闭' }).first().click();

  // Comparison with an earlier date: everyone started in 2018.
  await page.getByLabel('对比日期').fill('2017-12-31');
  await page.getByRole('button', { name: '生成' }).click();
  await expect(total.locator('td[data-col="total"] .delta')).toHaveText('+7 人');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^秦都区社区工作者队伍结构统计表（\d{4}-\d{2}-\d{2}）\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let totalRow = 0;
  ws.eachRow((row, n) => { if (row.getCell(1).value === '合计') totalRow = n; });
  expect(ws.getRow(totalRow).getCell(2).value).toBe(7);

  // Print: laid out at A4 landscape's printable width (277 mm ≈ 1047 px), nothing sticks out.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1047, height: 740 });
  await expect(page.locator('.sidebar')).toBeHidden();
  // The chart follows the new width through its ResizeObserver, a frame or more later (a full
  // run once measured it still at the screen's width): wait for the layout to settle, then check.
  await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > 1047).slice(0, 8).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`))).toEqual([]);
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    report: document.querySelector('.report-doc')!.getBoundingClientRect().right,
  }));
  expect(widths.report).toBeLessThanOrEqual(1047);
  expect(widths.doc).toBeLessThanOrEqual(1047);
  await expectLandscapePdf(page);
});

test('a period report (training completion) shows its chart and table', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.goto(`${served.url}#/reports/training`);
  await expect(page.getByRole('table', { name: '社区工作者培训完成情况统计表' })).toBeVisible();
  await expect(page.locator('.report-chart svg').first()).toBeVisible();
  await expect(page.locator('tr[data-row="total"] td[data-col="notMet"]')).toHaveText('7');
});
