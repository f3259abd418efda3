import { expect, test } from '@playwright/test';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { loginAs } from './pages/login.ts';

// Issue 15: a one-time level bonus from the person panel: the scheme's bonuses in a
// select, a date, 加级; the level is capped at the post's top and the panel says so.

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

test('一次性加级 from the person panel, capped at the post top', async ({ page }) => {
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county');
  const street = await call('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await call('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  const p = await call('roster.create', {
    orgId: community.id, name: '李社工', gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员', postCategory: '其他',
  });
  const config = { ...sampleSchemeConfig(), levelBonuses: [{ reason: '市级以上表彰', levels: 1 }, { reason: '全国劳模', levels: 3 }] };
  await call('salary.saveScheme', { orgId: county.id, name: '示例方案', effectiveDate: '2020-01-01', sample: true, config });
  await call('salary.setLevel', { personId: p.id, post: '其他社区工作者', level: 11, effectiveDate: '2025-01-01', reason: '人工调整', note: '期初' });

  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '薪酬' }).click();
  await page.getByRole('tab', { name: '定级与薪级' }).click();
  await page.getByRole('button', { name: /李社工/ }).click();
  await page.getByLabel('加级事由').selectOption('全国劳模');
  await page.getByLabel('加级生效日期').fill('2025-03-01');
  await page.getByRole('button', { name: '加级', exact: true }).click();
  await expect(page.locator('.level-bonus [role=status]')).toHaveText('全国劳模：应加 3 级，按岗位“其他社区工作者”最高级 12 级封顶，实加 1 级（11 级→12 级）');
  await expect(page.locator('.salary-history')).toContainText('一次性加级：全国劳模');

  // At the top now: refused with the cap named, nothing appended.
  await page.getByLabel('加级事由').selectOption('市级以上表彰');
  await page.getByLabel('加级生效日期').fill('2025-04-01');
  await page.getByRole('button', { name: '加级', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('已是岗位“其他社区工作者”最高级 12 级');
  await expect(page.locator('.salary-history tbody tr')).toHaveCount(2);
});
