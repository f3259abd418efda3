import { expect, test, type Page } from '@playwright/test';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { loginAs } from './pages/login.ts';

// 共建与网格 in browser mode: on the page, register a resident unit, sign an agreement (a bad
// term is refused inline first), hold a joint meeting chaired by that unit with a late 议题
// (kept, with a warning), and read the figures on the 汇总 tab.

let served: Served;
let communityId: string;
const YEAR = new Date().getFullYear();

async function must(op: string, input: unknown): Promise<any> {
  const env = await apiCall(served, op, input);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

test.beforeAll(async () => {
  served = await startServe();
  const county = (await must('org.tree', {})).find((u: { parentId: string | null }) => u.parentId === null);
  const street = await must('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  communityId = (await must('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' })).id;
});

test.afterAll(async () => {
  await served?.stop();
});

const row = (page: Page, text: string) => page.locator('.coop-grid .ag-row').filter({ hasText: text });

test('register a unit, sign an agreement and hold a joint meeting through the 共建与网格 page', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '共建与网格' }).click();
  await expect(page.getByRole('heading', { name: '共建与网格' })).toBeVisible();
  await page.getByRole('combobox', { name: '组织' }).selectOption(communityId);

  await page.getByRole('tab', { name: '共建单位' }).click();
  await page.getByRole('button', { name: '＋ 新建共建单位' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.locator('#coop-name').fill('县人民医院');
  await dialog.locator('#coop-kind').selectOption('事业单位');
  await dialog.locator('#coop-spaceM2').fill('120');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, '县人民医院')).toBeVisible();

  await page.getByRole('tab', { name: '共建协议' }).click();
  await page.getByRole('button', { name: '＋ 新建共建协议' }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.locator('#coop-unitId')).toContainText('县人民医院');
  await dialog.locator('#coop-signedDate').fill(`${YEAR}-01-05`);
  await dialog.locator('#coop-startDate').fill(`${YEAR}-01-01`);
  await dialog.locator('#coop-endDate').fill(`${YEAR - 1}-12-31`);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.locator('[data-field="endDate"] .field-error')).toHaveText(`「终止日期」${YEAR - 1}-12-31 早于开始日期 ${YEAR}-01-01`);
  await dialog.locator('#coop-endDate').fill(`${YEAR}-12-31`);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row(page, '党建共驻共建协议书')).toContainText('有效');

  await page.getByRole('tab', { name: '联席会议' }).click();
  await page.getByRole('button', { name: '＋ 新建联席会议' }).click();
  dialog = page.getByRole('dialog');
  await dialog.locator('#coop-date').fill(`${YEAR}-01-20`);
  await dialog.locator('#coop-hostUnitId').selectOption({ label: '县人民医院' });
  await dialog.locator('#coop-chairName').fill('张院长');
  await dialog.locator('#coop-attendees').fill('张院长、王书记');
  await dialog.locator('#coop-topics').fill(`老旧小区加装电梯 ${YEAR}-01-01\n停车难 ${YEAR}-01-18`);
  await dialog.locator('#coop-minutes').fill('议定两项。');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toHaveCount(0);
  const meeting = row(page, '县人民医院');
  await expect(meeting).toContainText(`${YEAR}-Q1`);
  await expect(meeting).toContainText(`议题“停车难”于 ${YEAR}-01-18 提交，晚于会前 15 天`);

  await page.getByRole('tab', { name: '汇总' }).click();
  await page.getByLabel('起始日期').fill(`${YEAR}-01-01`);
  await page.getByLabel('截止日期').fill(`${YEAR}-06-30`);
  const figures = page.getByRole('table', { name: '共建与网格汇总' });
  const community = figures.getByRole('row').filter({ hasText: '新城社区' });
  const col = async (label: string) => (await figures.getByRole('columnheader').allTextContents()).indexOf(label);
  await expect(community).toBeVisible();
  const cells = community.getByRole('cell');
  await expect(cells.nth((await col('有效共建协议（份）')) - 1)).toHaveText('1');
  await expect(cells.nth((await col('联席会议（次）')) - 1)).toHaveText('1');
  await expect(cells.nth((await col('轮值主席（人次）')) - 1)).toHaveText('1');
});
