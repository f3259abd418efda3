import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { RosterPage } from './pages/roster-page.ts';
import { csvLine, standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';

// Import and export from the roster page in browser mode: choose a file, see the dry run
// with the row errors, refuse to write while errors remain, import only the valid rows after
// the explicit choice and confirmation, and download the template.

let served: Served;

test.beforeAll(async () => {
  served = await startServe();
  const tree = await apiCall(served, 'org.tree', {});
  const county = tree.data.find((u: { level: string }) => u.level === 'county');
  const street = await apiCall(served, 'org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await apiCall(served, 'org.create', { level: 'community', parentId: street.data.id, name: '新城社区', code: '610402001001' });
  expect(community.ok).toBe(true);
});

test.afterAll(async () => {
  await served?.stop();
});

test('dry run shows the errors; only the valid rows are imported after an explicit choice', async ({ page }) => {
  const roster = new RosterPage(page);
  await roster.goto(served);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '从 Excel/CSV 导入花名册' });
  await dialog.getByLabel('导入到的组织单位').selectOption({ label: '新城社区（610402001001）' });

  const rows = Array.from({ length: 4 }, (_, i) => standardRow(i));
  rows[2]![4] = '1985.13';
  await dialog.getByLabel('选择 Excel 或 CSV 文件').setInputFiles({
    name: '花名册.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([csvLine(STANDARD_HEADERS), ...rows.map(csvLine)].join('\r\n')),
  });
  await dialog.getByRole('button', { name: '预检（不写入）' }).click();
  await expect(dialog.getByLabel('预检结果')).toContainText('新增 3');
  await expect(dialog.getByLabel('预检结果')).toContainText('有错误 1 行');
  await expect(dialog.locator('.rio-issues')).toContainText('“1985.13”不是真实的日期');
  await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();

  await dialog.getByLabel(/只导入无误的行/).check();
  page.once('dialog', (d) => void d.accept());
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: '已导入' })).toContainText('新增 3 人，更新 0 人，未变 0 人，跳过有错误的 1 行');
  await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();
  await expect(roster.row(rows[0]![1]!)).toBeVisible();
});

test('the template and the export download as .xlsx', async ({ page }, info) => {
  const roster = new RosterPage(page);
  await roster.goto(served);
  const [template] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导入模板' }).click()]);
  expect(template.suggestedFilename()).toBe('花名册导入模板.xlsx');
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出', exact: true }).click()]);
  expect(exported.suggestedFilename()).toMatch(/花名册-\d{8}\.xlsx$/);
  await exported.saveAs(join(info.outputDir, 'export.xlsx'));
});
