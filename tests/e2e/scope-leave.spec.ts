import { expect, test, type Page } from '@playwright/test';
import { apiCall, E2E_ADMIN, login, startServe, type Served } from '../helpers/serve.ts';
import { loginAs, type Account } from './pages/login.ts';

// Scope as core reports it, and inline editors that ask before typed text is dropped:
// a clerk scoped to a community sees the county's training rules read-only (core's `editable`),
// and a 季度报告 summary typed in the ledger is covered by the leave question.

let served: Served;
let community = '';
const SCOPED: Account = { username: 'xincheng', password: 'Jiceng-2026!sc' };

async function must(op: string, input: unknown, session?: string): Promise<any> {
  const env = await apiCall(served, op, input, session);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

test.beforeAll(async () => {
  served = await startServe();
  const county = (await must('org.tree', {})).find((u: { level: string }) => u.level === 'county');
  const street = await must('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  community = (await must('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' })).id;
  const admin = await login(served, E2E_ADMIN);
  const first = 'First-2026!e2e';
  await must('users.create', { username: SCOPED.username, displayName: '新城录入员', role: 'clerk', orgScopeId: community, initialPassword: first }, admin);
  const s = await login(served, { username: SCOPED.username, password: first });
  await must('auth.changePassword', { oldPassword: first, newPassword: SCOPED.password }, s);
});

test.afterAll(async () => {
  await served?.stop();
});

const ask = (page: Page) => page.getByRole('alertdialog', { name: '有未保存的修改' });
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name, exact: true }).click();

test('a clerk scoped to a community: pickers offer only its unit; the county’s training rules are read-only', async ({ page }) => {
  await loginAs(page, served, SCOPED);
  await nav(page, '台账');
  const picker = page.getByRole('combobox', { name: '组织' });
  await expect(picker).toHaveValue(community);
  await expect(picker.locator('option')).toHaveText(['新城社区']);

  await nav(page, '培训');
  await page.getByRole('tab', { name: '年度要求' }).click();
  await expect(page.getByText('培训要求与类别按县级设置执行，此处只读')).toBeVisible();
  const amount = page.locator('.rules-table').getByLabel('要求数量').first();
  await expect(amount).not.toBeEditable();
  await expect(page.getByLabel('培训类别')).not.toBeEditable();
  await expect(page.getByRole('button', { name: '保存要求' })).toHaveCount(0);
});

test('the county clerk’s rules are editable and ask before a tab switch drops them', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await nav(page, '培训');
  await page.getByRole('tab', { name: '年度要求' }).click();
  const amount = page.locator('.rules-table').getByLabel('要求数量').first();
  await amount.fill('9');
  // Saving the categories reloads only the categories: the unsaved rule edit stays.
  const categories = page.getByLabel('培训类别');
  await categories.fill(`${await categories.inputValue()}\n社区治理专题`);
  await page.getByRole('button', { name: '保存类别' }).click();
  await expect(page.getByRole('status').filter({ hasText: '培训类别已保存' })).toBeVisible();
  await expect(amount).toHaveValue('9');
  await page.getByRole('tab', { name: '班次' }).click();
  await expect(ask(page)).toContainText('年度培训要求');
  await expect(ask(page)).not.toContainText('培训类别');
  await ask(page).getByRole('button', { name: '取消' }).click();
  await expect(amount).toHaveValue('9');
});

test('a typed 季度报告 summary: a tab switch asks; 取消 keeps it, 放弃修改 leaves and writes nothing', async ({ page }) => {
  await loginAs(page, served, SCOPED);
  await nav(page, '台账');
  await page.getByRole('tab', { name: '季度报告' }).click();
  await page.getByRole('button', { name: '＋ 新建季度报告' }).click();
  await page.getByLabel('工作小结').fill('本季度完成走访 30 户');
  await page.getByRole('tab', { name: '任务' }).click();
  await expect(ask(page)).toContainText('季度报告');
  await ask(page).getByRole('button', { name: '取消' }).click();
  await expect(page.getByLabel('工作小结')).toHaveValue('本季度完成走访 30 户');
  // 取消 on the form itself asks too.
  await page.getByRole('button', { name: '取消', exact: true }).click();
  await ask(page).getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByLabel('工作小结')).toHaveCount(0);
  expect((await must('ledger.quarters.list', { orgId: community })).rows).toEqual([]);
});

test('another unit in the picker asks about a typed 季度报告 summary; 取消 keeps unit and text', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await nav(page, '台账');
  const picker = page.getByRole('combobox', { name: '组织' });
  await picker.selectOption(community);
  await page.getByRole('tab', { name: '季度报告' }).click();
  await page.getByRole('button', { name: '＋ 新建季度报告' }).click();
  await page.getByLabel('工作小结').fill('走访 12 户');
  const street = (await must('org.tree', {})).find((u: { name: string }) => u.name === '人民路街道').id;
  await picker.selectOption(street);
  await expect(ask(page)).toContainText('季度报告');
  await ask(page).getByRole('button', { name: '取消' }).click();
  await expect(picker).toHaveValue(community);
  await expect(page.getByLabel('工作小结')).toHaveValue('走访 12 户');
  // Again, 放弃修改: the street is shown, and nothing was saved under either unit.
  await picker.selectOption(street);
  await ask(page).getByRole('button', { name: '放弃修改' }).click();
  await expect(picker).toHaveValue(street);
  await expect(page.getByLabel('工作小结')).toHaveCount(0);
  expect((await must('ledger.quarters.list', { orgId: community })).rows).toEqual([]);
  expect((await must('ledger.quarters.list', { orgId: street })).rows).toEqual([]);

  // The street's 下达任务 form: 取消 asks about a typed title; 放弃修改 closes the form.
  await page.getByRole('tab', { name: '任务' }).click();
  await page.getByRole('button', { name: '＋ 下达任务' }).click();
  await page.getByLabel('任务标题').fill('入户走访');
  await page.getByLabel('下达任务').getByRole('button', { name: '取消', exact: true }).click();
  await expect(ask(page)).toContainText('下达任务');
  await ask(page).getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByLabel('任务标题')).toHaveCount(0);
});
