import { expect, test } from '@playwright/test';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { loginAs } from './pages/login.ts';
import { expectLandscapePdf } from './pdf.ts';

// Issue 15: 批量定级 of a community on the salary page → this month's pay sheet lists
// everyone graded → the print preview is an A4 landscape document one page wide, with
// borders, subtotals, a total and signature lines, that prints to a non-blank PDF.

let served: Served;

async function call(op: string, input: unknown): Promise<any> {
  const env = await apiCall(served, op, input);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

test.beforeAll(async () => {
  served = await startServe();
});
test.afterAll(async () => {
  await served?.stop();
});

test('批量定级 → pay sheet → print preview', async ({ page }) => {
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county');
  const street = await call('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await call('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  const base = { orgId: community.id, gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员', communityWorkStartDate: '2015-01-01' };
  const names = ['王书记', '张主任', '李社工', '赵社工'];
  for (const [i, name] of names.entries())
    await call('roster.create', { ...base, name, postCategory: i === 0 ? '正职' : i === 1 ? '副职' : '其他' });
  await call('salary.saveScheme', { orgId: county.id, name: '示例方案', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig() });

  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '薪酬' }).click();
  await page.getByRole('tab', { name: '批量定级' }).click();
  // The date defaults to the first day of this month, never today.
  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  await expect(page.getByLabel('批量定级日期')).toHaveValue(`${month}-01`);
  const table = page.getByRole('table', { name: '批量定级测算' });
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table).toContainText('社区正职起点 7 级');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '确认定级（4 人）' }).click();
  await expect(page.getByRole('status')).toContainText('已为 4 人办理初次定级');
  await expect(table).not.toContainText('待定级');

  // One person at a time: the 定级日期 default is not today either, and the graded person's
  // initial grading can be corrected.
  await page.getByRole('tab', { name: '定级与薪级' }).click();
  await page.getByRole('button', { name: /王书记/ }).click();
  await expect(page.getByLabel('定级日期', { exact: true })).toHaveValue(`${month}-01`);
  await expect(page.getByRole('button', { name: '更正定级' })).toBeVisible();
  // A typed adjustment belongs to 王书记: choosing someone else asks, and 放弃 empties the form,
  // so it can never be appended to 张主任.
  await page.getByLabel('调整备注').fill('按文件调整');
  await page.getByRole('button', { name: /张主任/ }).click();
  const ask = page.getByRole('alertdialog', { name: '有未保存的修改' });
  await expect(ask).toContainText('王书记的薪级调整');
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(page.getByLabel('调整备注')).toHaveValue('按文件调整');
  await page.getByRole('button', { name: /张主任/ }).click();
  await ask.getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByLabel('调整备注')).toHaveValue('');

  await page.getByRole('tab', { name: '月度工资表' }).click();
  await expect(page.getByLabel('月份')).toHaveValue(month);
  for (const name of names) await expect(page.locator('.sheet-host')).toContainText(name);
  await expect(page.getByText(/未列入/)).toHaveCount(0);
  const total = await page.getByTestId('sheet-total').textContent();

  await page.getByRole('button', { name: '打印预览' }).click();
  const doc = page.getByRole('article', { name: '工资表打印预览' });
  await expect(doc).toBeVisible();
  await expect(doc.locator('tr.subtotal')).toContainText('新城社区');
  await expect(doc.locator('tr.total')).toContainText(total!.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  for (const who of ['制表人', '审核人', '单位负责人']) await expect(doc).toContainText(`${who}：`);
  await expect(doc.locator('th', { hasText: '应发合计' })).toBeVisible();

  // Print: at A4 landscape's printable width (277 mm ≈ 1047 px) nothing of the sheet sticks out,
  // and the app around it is gone.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1047, height: 740 });
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  const wide = await page.evaluate(() =>
    [document.querySelector('.pay-print')!, ...document.querySelectorAll('.pay-print *')]
      .filter((e) => e.getBoundingClientRect().right > 1047 || e.getBoundingClientRect().left < 0)
      .slice(0, 8).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`));
  expect(wide).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1047);
  // The table is drawn with borders.
  expect(await doc.locator('td').first().evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('solid');

  // One sheet of four people: one A4 landscape page, not a blank second one.
  expect((await expectLandscapePdf(page)).length).toBe(1);
});
