import { expect, test } from '@playwright/test';
import { apiCall, E2E_ADMIN, E2E_CLERK, login, startServe, type Served } from '../helpers/serve.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';

// The pay grid through `jiceng serve`: a 示例 scheme, two people graded from their roster
// data, a grade, then the reviewer confirms August 2025 and sees the frozen sheet and its
// total on the 薪酬 page.

let served: Served;
let reviewer: string;
let chiefId = '';
const REVIEWER = { username: 'shenhe', password: 'Review-2026!e2e' };

async function call(op: string, input: unknown, session?: string): Promise<any> {
  const env = await apiCall(served, op, input, session);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

test.beforeAll(async () => {
  served = await startServe();
  const admin = await login(served, E2E_ADMIN);
  const first = 'First-2026!e2e';
  await call('users.create', { username: REVIEWER.username, displayName: '测试审核员', role: 'reviewer', initialPassword: first }, admin);
  const tmp = await login(served, { username: REVIEWER.username, password: first });
  await call('auth.changePassword', { oldPassword: first, newPassword: REVIEWER.password }, tmp);
  reviewer = await login(served, REVIEWER);
});

test.afterAll(async () => {
  await served?.stop();
});

test('grade two people, confirm a month, see the frozen sheet', async ({ page }) => {
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county');
  const street = await call('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await call('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  const base = { orgId: community.id, gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员' };
  const chief = await call('roster.create', { ...base, name: '王书记', postCategory: '正职', communityWorkStartDate: '2018-01-01', ftEducation: '本科', swQualification: '社工师' });
  const worker = await call('roster.create', { ...base, name: '李社工', postCategory: '其他', communityWorkStartDate: '2024-01-01' });
  chiefId = chief.id;
  await call('salary.saveScheme', { orgId: county.id, name: '示例方案', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig() });

  const graded = await call('salary.gradeInitial', { personId: chief.id, effectiveDate: '2025-07-01' });
  expect(graded.steps.map((s: { text: string }) => s.text).at(-1)).toBe('社区正职起点 7 级 → 11 级');
  await call('salary.gradeInitial', { personId: worker.id, effectiveDate: '2025-07-01' });
  await call('salary.setGrades', { year: 2024, grades: [{ personId: worker.id, grade: '称职' }] });

  const outOfBand = await apiCall(served, 'salary.setLevel', { personId: worker.id, post: '其他社区工作者', level: 13, effectiveDate: '2025-08-01', reason: '人工调整', note: '越级' });
  expect(outOfBand).toMatchObject({ ok: false, error: { code: 'validation' } });

  const byClerk = await apiCall(served, 'salary.confirmMonth', { orgId: county.id, month: '2025-08' });
  expect(byClerk).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const sheet = await call('salary.confirmMonth', { orgId: county.id, month: '2025-08' }, reviewer);
  // 4500.00 + 100.00 seniority; 3000.00 + 称职 600.00
  expect(sheet.totals.totalFen).toBe(460_000 + 360_000);

  await page.goto(served.url);
  await page.getByLabel('用户名').fill(REVIEWER.username);
  await page.getByLabel('密码').fill(REVIEWER.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '薪酬' }).click();
  await page.getByRole('button', { name: /2020-01-01 起/ }).click();
  await expect(page.getByLabel('方案名称')).toHaveValue('示例方案');
  await expect(page.locator('.matrix-host')).toContainText('等级系数');
  // A reviewer may not save schemes: the form is read-only, so nothing typed could be lost.
  await expect(page.getByLabel('方案名称')).toBeDisabled();
  await expect(page.getByLabel('津贴1第2档年限')).toBeDisabled();
  await page.getByRole('tab', { name: '月度工资表' }).click();
  await page.getByLabel('月份').fill('2025-08');
  await expect(page.getByTestId('sheet-total')).toHaveText('8200.00');
  await expect(page.getByText(/已确认冻结/)).toBeVisible();
  await expect(page.locator('.sheet-host')).toContainText('王书记');

  // A later grade change never rewrites the sealed August: September carries the difference.
  await call('salary.setGrades', { year: 2024, grades: [{ personId: worker.id, grade: '优秀' }] });
  await page.getByLabel('月份').fill('2025-09');
  await expect(page.locator('.sheet-host')).toContainText('补发 2025-08 300.00 元');
  await expect(page.getByTestId('sheet-total')).toHaveText('8800.00');

  // Sorting 应发合计 asks the server (salary.paySheetPage with a sort), not rows held in the renderer:
  // 李社工 4200.00 (3000.00 + 优秀 900.00 + 补发 300.00) before 王书记 4600.00.
  const firstName = page.locator('.sheet-host .ag-row[row-index="0"] [col-id="name"]');
  const sorted = (dir: string) =>
    page.waitForRequest((r) => r.url().includes('salary.paySheetPage') && (r.postData() ?? '').includes(`{"column":"totalFen","dir":"${dir}"}`));
  const header = page.locator('.sheet-host .ag-header-cell[col-id="totalFen"]');
  let asked = sorted('asc');
  await header.click();
  await asked;
  await expect(firstName).toHaveText('李社工');
  asked = sorted('desc');
  await header.click();
  await asked;
  await expect(firstName).toHaveText('王书记');

  // 确认本月 sends the summary's token, not every line: a figure changed since the sheet was
  // shown is refused naming the person; after a refresh the month is confirmed.
  await page.getByLabel('月份').fill('2025-10');
  await expect(page.locator('.sheet-host')).toContainText('李社工');
  await call('salary.setGrades', { year: 2024, grades: [{ personId: worker.id, grade: '称职' }] });
  const confirmAsked = page.waitForRequest((r) => r.url().includes('salary.confirmMonth'));
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '确认本月' }).click();
  const sent = JSON.parse((await confirmAsked).postData() ?? '{}');
  expect(sent.shownToken).toMatch(/^[0-9a-f]{32}$/);
  expect(sent.shown).toBeUndefined();
  await expect(page.getByRole('alert')).toContainText('「李社工」2025-10 的应发合计已变为');
  await expect(page.getByText(/已确认冻结/)).toHaveCount(0);
  await page.getByLabel('月份').fill('2025-11');
  await page.getByLabel('月份').fill('2025-10');
  await expect(page.getByRole('alert')).toHaveCount(0);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '确认本月' }).click();
  await expect(page.getByText(/已确认冻结/)).toBeVisible();
});

test('the grid editor warns where amounts do not rise, and a version can be copied', async ({ page }) => {
  await page.goto(served.url);
  // Editing and copying a scheme is data entry: the clerk's job.
  await page.getByLabel('用户名').fill(E2E_CLERK.username);
  await page.getByLabel('密码').fill(E2E_CLERK.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '薪酬' }).click();
  await page.getByRole('button', { name: /2020-01-01 起/ }).click();
  // August 2025 was confirmed under this version: frozen, read-only, copied to change it.
  await expect(page.getByText(/已用于 2025-08 已确认的工资表/)).toBeVisible();
  await expect(page.getByLabel('方案名称')).toBeDisabled();
  const frozenCell = page.locator('.matrix-host [row-id="__coef"] [col-id="L10"]');
  await frozenCell.click();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(frozenCell).toHaveText('1.45');
  page.once('dialog', (d) => void d.accept('2026-07-01'));
  await page.getByRole('button', { name: '复制为新版本' }).click();
  await expect(page.getByRole('button', { name: /2026-07-01 起/ })).toHaveClass(/on/);
  const versions = await call('salary.schemes', {});
  expect(versions.map((v: { effectiveDate: string }) => v.effectiveDate)).toEqual(['2020-01-01', '2026-07-01']);

  const cell = page.locator('.matrix-host [row-id="__coef"] [col-id="L10"]');
  await expect(cell).toHaveText('1.45');
  // Outside its band (社区正职 starts at 7) a cell is greyed out.
  await expect(page.locator('.matrix-host [row-id="社区正职"] [col-id="L3"]')).toHaveClass(/off-band/);
  await cell.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1.3');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '金额未随级别递增' })).toContainText('社区正职 10级');
  await expect(page.locator('.matrix-host [row-id="社区正职"] [col-id="L10"]')).toHaveClass(/not-rising/);

  await expect(page.getByLabel('津贴1第2档年限')).toHaveValue('5');
  // Opening another version with the unsaved 1.3 asks first.
  await page.getByRole('button', { name: /2020-01-01 起/ }).click();
  const ask = page.getByRole('alertdialog', { name: '有未保存的修改' });
  await expect(ask).toContainText('薪酬方案“示例方案（2026-07-01 起）”');
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(cell).toHaveText('1.3');

  // Another kind resets the amount, and the box shows it (it used to keep showing the old one).
  await page.getByRole('button', { name: '添加津贴' }).click();
  const n = (await page.locator('table.allowances-editor tbody tr').count()) - 1;
  await page.getByLabel(`津贴${n}金额`).fill('300');
  await page.getByLabel(`津贴${n}方式`).selectOption('一肩挑');
  await expect(page.getByLabel(`津贴${n}金额`)).toHaveValue('0.00');

  // Leaving the page with the new allowance unsaved asks; 取消 stays with the edit.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(page.getByLabel(`津贴${n}方式`)).toHaveValue('oneShoulder');
  await expect(page.getByLabel('方案名称')).toBeVisible();
});

test('the grid shows each pay item in its own column, as the print and the .xlsx do', async ({ page }) => {
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county');
  // 王书记 is 社区正职 11 级: 等级工资 4500.00, plus 岗位工资 500.00, less 20 % 预留 of both (1000.00).
  // The grid used to show baseFen (4000.00, the three together) under 等级工资.
  await call('salary.saveScheme', {
    orgId: county.id, name: '示例方案（岗位工资）', effectiveDate: '2027-01-01', sample: true,
    config: { ...sampleSchemeConfig(), postPay: [{ post: '社区正职', amountFen: 50_000 }], performancePay: { mode: 'withheld', withheldPercent: 20 } },
  });
  await page.goto(served.url);
  await page.getByLabel('用户名').fill(REVIEWER.username);
  await page.getByLabel('密码').fill(REVIEWER.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '薪酬' }).click();
  await page.getByRole('tab', { name: '月度工资表' }).click();
  await page.getByLabel('月份').fill('2027-01');
  const row = page.locator(`.sheet-host [row-id="${chiefId}"]`);
  await expect(row.locator('[col-id="item:level"]')).toHaveText('4500.00');
  await expect(row.locator('[col-id="item:postPay"]')).toHaveText('500.00');
  await expect(row.locator('[col-id="item:withheld"]')).toHaveText('-1000.00');
  await expect(page.locator('.sheet-host .ag-header-cell[col-id="item:postPay"]')).toContainText('岗位工资');
});

test('the year-end settlement grid asks for blocks, sorts on the server and shows the summary’s 合计', async ({ page }) => {
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county');
  // 2027 under the 岗位工资 version above (20 % 预留): nobody has a 2027 grade, so each line
  // carries its withheld pool and a note, and pays 0 for now.
  const whole = await call('salary.settlement', { orgId: county.id, year: 2027 });
  expect(whole.lines.length).toBe(2);
  const byWithheld = [...whole.lines].sort((a: { withheldFen: number }, b: { withheldFen: number }) => a.withheldFen - b.withheldFen);
  await page.goto(served.url);
  await page.getByLabel('用户名').fill(REVIEWER.username);
  await page.getByLabel('密码').fill(REVIEWER.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '薪酬' }).click();
  const firstBlock = page.waitForRequest((r) => r.url().includes('salary.settlementPage') && (r.postData() ?? '').includes('"startRow":0'));
  await page.getByRole('tab', { name: '年终绩效' }).click();
  await page.getByLabel('结算年度').fill('2027');
  await firstBlock;
  const grid = page.locator('.sheet-host.settlement');
  await expect(grid).toContainText('缺少 2027 年度考核结果，暂不发放');
  await expect(page.getByTestId('settlement-total')).toHaveText((whole.totals.amountFen / 100).toFixed(2));
  await expect(page.locator('.settlement-totals')).toContainText(`${whole.totals.count} 人`);
  await expect(page.getByText('草稿')).toBeVisible();
  // Sorting 预留绩效 asks the server (salary.settlementPage with a sort), not rows held in the renderer.
  const firstName = grid.locator('.ag-row[row-index="0"] [col-id="name"]');
  const sorted = (dir: string) =>
    page.waitForRequest((r) => r.url().includes('salary.settlementPage') && (r.postData() ?? '').includes(`{"column":"withheldFen","dir":"${dir}"}`));
  const header = grid.locator('.ag-header-cell[col-id="withheldFen"]');
  let asked = sorted('asc');
  await header.click();
  await asked;
  await expect(firstName).toHaveText(byWithheld[0].name);
  asked = sorted('desc');
  await header.click();
  await asked;
  await expect(firstName).toHaveText(byWithheld[1].name);
});
