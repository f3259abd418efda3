import { expect, test } from '@playwright/test';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { loginAs } from './pages/login.ts';

// 台账 in browser mode: one order from 点单 to 销号 through the 点单 tab (a refused step and an
// inline field error on the way), its timeline, then the county's 台账总览 shows it closed.

let served: Served;
const YEAR = new Date().getFullYear();

async function must(op: string, input: unknown): Promise<any> {
  const env = await apiCall(served, op, input);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

test.beforeAll(async () => {
  served = await startServe();
  const county = (await must('org.tree', {})).find((u: { parentId: string | null }) => u.parentId === null);
  const street = await must('org.create', { level: 'street', parentId: county.id, name: '城关街道', code: '610402001000' });
  await must('org.create', { level: 'community', parentId: street.id, name: '莲湖社区', code: '610402001001' });
});

test.afterAll(async () => {
  await served?.stop();
});

test('drives one order from registration to closure and sees it in the county view', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '台账', exact: true }).click();
  await expect(page.getByRole('heading', { name: '台账' })).toBeVisible();
  await page.getByRole('tab', { name: '点单' }).click();

  await page.getByRole('button', { name: '＋ 点单登记' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#or-category').fill('为老服务');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog.locator('[data-field="title"] .field-error')).toHaveText('「需求」必须填写');
  await dialog.locator('#or-title').fill('独居老人助餐');
  await dialog.getByLabel('需求来源').selectOption('热线');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toHaveCount(0);

  const detail = page.getByLabel('工单详情');
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('独居老人助餐 （已登记）');
  const form = page.getByLabel('下一步');
  await form.getByRole('button', { name: '建单' }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('（已建单）');

  // 派单 without an assignee is refused with the field named.
  await form.getByLabel('办理时限').fill(`${YEAR}-12-31`);
  await form.getByRole('button', { name: '派单' }).click();
  await expect(form.locator('[data-field="assigneeName"] .field-error')).toHaveText('「承办方」请填写志愿服务队名称');
  await form.locator('#os-assigneeName').fill('莲湖社区红马甲志愿服务队');
  await form.getByRole('button', { name: '派单' }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('（已派单）');
  // A file chosen for 接单 goes with it; the next step's form starts with no files listed.
  await form.locator('#os-attachments').setInputFiles({ name: '接单记录.txt', mimeType: 'text/plain', buffer: Buffer.from('接单') });
  await expect(form.locator('.file-picker-names')).toHaveText('接单记录.txt');
  await form.getByRole('button', { name: '接单' }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('（已接单）');
  await expect(form.locator('.file-picker-names')).toHaveText('未选择文件');
  await form.getByLabel('办理反馈').fill('已对接老年食堂，每日送餐上门');
  await form.getByRole('button', { name: '办理反馈' }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('（已办理）');
  await form.getByLabel('群众评价').selectOption('满意');
  await form.getByRole('button', { name: '评单' }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('（已评单）');
  await form.getByRole('button', { name: '销号' }).click();
  await expect(detail.getByRole('heading', { level: 2 })).toContainText('（已销号）');
  await expect(page.getByLabel('下一步')).toHaveCount(0);
  await expect(detail.getByLabel('办理时间线').locator('.step')).toHaveText(['点单', '建单', '派单', '接单', '办理', '评单', '销号']);
  await expect(page.locator('.orders-grid .ag-row').filter({ hasText: '独居老人助餐' })).toContainText('已销号');

  await nav.getByRole('link', { name: '台账总览' }).click();
  const table = page.getByRole('table', { name: '台账总览表' });
  const row = table.locator('tr[data-org="莲湖社区"]');
  await expect(row.locator('[data-key="ordersReceived"]')).toHaveText('1');
  await expect(row.locator('[data-key="ordersClosed"]')).toHaveText('1');
  await expect(row.locator('[data-key="satisfactionRate"]')).toHaveText('100');
  await expect(table.locator('tr[data-org="城关街道"] [data-key="ordersClosed"]')).toHaveText('1');

  // Drill-down: the community's name opens its records.
  await row.getByRole('link', { name: '莲湖社区' }).click();
  await expect(page.getByRole('heading', { name: '台账' })).toBeVisible();
  await expect(page.getByLabel('组织')).toHaveValue(await must('org.tree', {}).then((t: { id: string; name: string }[]) => t.find((u) => u.name === '莲湖社区')!.id));
  await page.getByRole('tab', { name: '点单' }).click();
  await expect(page.locator('.orders-grid .ag-row').filter({ hasText: '独居老人助餐' })).toContainText('已销号');
});
