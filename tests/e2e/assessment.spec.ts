import { expect, test } from '@playwright/test';
import { apiCall, E2E_ADMIN, login, startServe, type Served } from '../helpers/serve.ts';
import { scoreRows, seedCycle, session, YEAR, type Call } from '../assessment/fixture.ts';
import { loginAs } from './pages/login.ts';

// A year-end assessment through `jiceng serve`: ten people scored and voted on over the
// bridge, the results confirmed, then the grades and the ranking read back and seen on
// the 考核 page.

let served: Served;
let call: Call;
let reviewer: string;
const REVIEWER = { username: 'shenhe', password: 'Review-2026!e2e' };

test.beforeAll(async () => {
  served = await startServe();
  call = async (op, input) => {
    const env = await apiCall(served, op, input);
    if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
    return env.data;
  };
  // Confirming and re-opening belong to the reviewer (审核员), not to the clerk who scores.
  const admin = await login(served, E2E_ADMIN);
  const first = 'First-2026!e2e';
  const made = await apiCall(served, 'users.create', { username: REVIEWER.username, displayName: '测试审核员', role: 'reviewer', initialPassword: first }, admin);
  expect(made.ok).toBe(true);
  const tmp = await login(served, { username: REVIEWER.username, password: first });
  expect((await apiCall(served, 'auth.changePassword', { oldPassword: first, newPassword: REVIEWER.password }, tmp)).ok).toBe(true);
  reviewer = await login(served, REVIEWER);
});

test.afterAll(async () => {
  await served?.stop();
});

test('score a cycle of 10 people, enter votes, confirm, see grades and ranking', async ({ page }) => {
  const { cycle, sheet } = await seedCycle(call);
  expect(sheet.rows).toHaveLength(10);
  await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
  await call('assessment.saveSession', session(cycle.id, sheet, (n): Record<string, number> => (n === '陈十' ? { 优秀: 20, 称职: 9, 不称职: 16 } : { 优秀: 40, 称职: 5 })));

  const over = await apiCall(served, 'assessment.saveSession', session(cycle.id, sheet, () => ({ 优秀: 46 })));
  expect(over).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(over.error.message).toContain('超过有效票数 45');

  await call('assessment.acceptProposals', { cycleId: cycle.id });
  const byClerk = await apiCall(served, 'assessment.confirm', { cycleId: cycle.id });
  expect(byClerk).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const locked = await apiCall(served, 'assessment.confirm', { cycleId: cycle.id }, reviewer);
  expect(locked).toMatchObject({ ok: true, data: { status: 'locked' } });

  const results = (await call('assessment.results', { year: YEAR })).rows;
  expect(results).toHaveLength(10);
  const ranking = [...results].sort((a: any, b: any) => a.rank - b.rank);
  expect(ranking.map((r: any) => r.personName)).toEqual(['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十']);
  expect(ranking.map((r: any) => r.grade)).toEqual(['优秀', '称职', '称职', '称职', '称职', '称职', '称职', '称职', '称职', '不称职']);

  const edit = await apiCall(served, 'assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
  expect(edit.ok).toBe(false);
  expect(edit.error.message).toContain('已确认锁定');

  await page.goto(served.url);
  await page.getByLabel('用户名').fill(REVIEWER.username);
  await page.getByLabel('密码').fill(REVIEWER.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill(String(YEAR));
  await expect(page.getByRole('heading', { name: '年度考核' })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(cycle.name) }).click();
  await page.getByRole('tab', { name: '结果与等次' }).click();
  const rows = page.locator('table.assessment-results tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(0)).toContainText('赵一');
  await expect(rows.nth(0)).toContainText('优秀');
  await expect(rows.nth(9)).toContainText('陈十');
  await expect(rows.nth(9)).toContainText('不称职');
  await expect(page.getByText('已确认锁定')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('assessment-results.png') });

  await rows.nth(0).getByRole('button', { name: '登记表' }).click();
  const form = page.getByRole('article', { name: '考核登记表' });
  await expect(form.getByRole('heading', { name: `${YEAR}年度考核登记表` })).toBeVisible();
  await expect(form).toContainText('赵一');
  await expect(form).toContainText('1 / 10');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('assessment-register-print.png') });
});

test('the score grid works like a spreadsheet from the keyboard', async ({ page }) => {
  const year = YEAR + 1;
  if (!(await call('roster.list', {})).rows.length) await seedCycle(call);
  const county = (await call('org.tree', {})).find((o: any) => o.level === 'county');
  const scheme = await call('assessment.installSample', { orgId: county.id, year });
  const cycle = await call('assessment.createCycle', { schemeId: scheme.id, orgId: county.id });
  const sheet = await call('assessment.sheet', { cycleId: cycle.id });
  const [first, second] = sheet.rows;

  await page.goto(served.url);
  await page.getByLabel('用户名').fill('luru');
  await page.getByLabel('密码').fill('Entry-2026!e2e');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill(String(year));
  await page.getByRole('button', { name: new RegExp(cycle.name) }).click();

  const cell = (row: number, col: string) => page.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
  await cell(0, 'de').click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await page.keyboard.type('4.5');
  await page.keyboard.press('Tab');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '保存（3 处修改）' })).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('button', { name: '保存', exact: true })).toBeDisabled();

  const saved = await call('assessment.sheet', { cycleId: cycle.id });
  const by = (id: string) => saved.rows.find((r: any) => r.entryId === id);
  expect(by(first.entryId).scores).toMatchObject({ de: 5 });
  expect(by(second.entryId).scores).toMatchObject({ de: 4.5, neng: 6 });

  await cell(2, 'de').click();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /保存（1 处修改）/ }).click();
  await expect(page.getByRole('alert')).toContainText('得分 9 超过满分 6');
  await page.screenshot({ path: test.info().outputPath('assessment-score-grid.png') });
});

test('a typed score survives sorting the grid on the server and is then saved', async ({ page }) => {
  const year = YEAR + 2;
  if (!(await call('roster.list', {})).rows.length) await seedCycle(call);
  const county = (await call('org.tree', {})).find((o: any) => o.level === 'county');
  const scheme = await call('assessment.installSample', { orgId: county.id, year });
  const cycle = await call('assessment.createCycle', { schemeId: scheme.id, orgId: county.id });
  const sheet = await call('assessment.sheet', { cycleId: cycle.id });
  expect(sheet.rows.length).toBeGreaterThan(2);

  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill(String(year));
  await page.getByRole('button', { name: new RegExp(cycle.name) }).click();

  const first = page.locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]');
  await expect(first).not.toBeEmpty();
  const name = (await first.textContent())!.trim();
  const typed = sheet.rows.find((r: any) => r.name === name);
  await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="de"]').click();
  await page.keyboard.type('3.5');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '保存（1 处修改）' })).toBeVisible();

  // Sorting by name (descending) asks the server for a new block; the typed score is kept.
  const sorted = (dir: string) => page.waitForRequest((r) => r.url().includes('assessment.sheetPage') && (r.postData() ?? '').includes(`"dir":"${dir}"`));
  const header = page.locator('.ag-header-cell[col-id="name"]');
  let asked = sorted('asc');
  await header.click();
  await asked;
  asked = sorted('desc');
  await header.click();
  await asked;
  // Where the server's name order (code units, descending) puts the typed person: not row 0.
  const at = sheet.rows.map((r: any) => r.name as string).sort().reverse().indexOf(name);
  expect(at).toBeGreaterThan(0);
  await expect(page.locator(`.ag-row[row-index="${at}"] .ag-cell[col-id="name"]`)).toHaveText(name);
  await expect(page.locator(`.ag-row[row-index="${at}"] .ag-cell[col-id="de"]`)).toHaveText('3.5');
  await expect(page.locator('.ag-row[row-index="0"] .ag-cell[col-id="de"]')).toHaveText('');
  await expect(page.getByRole('button', { name: '保存（1 处修改）' })).toBeVisible();

  await page.getByRole('button', { name: '保存（1 处修改）' }).click();
  await expect(page.getByRole('button', { name: '保存', exact: true })).toBeDisabled();
  const saved = await call('assessment.sheet', { cycleId: cycle.id });
  expect(saved.rows.find((r: any) => r.entryId === typed.entryId).scores).toMatchObject({ de: 3.5 });
  expect(saved.rows.filter((r: any) => 'de' in r.scores)).toHaveLength(1);
});

test('a typed tally survives sorting the tally table and is saved with the other stored tallies intact', async ({ page }) => {
  const year = YEAR + 3;
  if (!(await call('roster.list', {})).rows.length) await seedCycle(call);
  const county = (await call('org.tree', {})).find((o: any) => o.level === 'county');
  const scheme = await call('assessment.installSample', { orgId: county.id, year });
  const cycle = await call('assessment.createCycle', { schemeId: scheme.id, orgId: county.id });
  const sheet = await call('assessment.sheet', { cycleId: cycle.id });
  const stored = await call('assessment.saveSession', { ...session(cycle.id, sheet, () => ({ 优秀: 10, 称职: 5 })), date: `${year}-12-20` });

  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill(String(year));
  await page.getByRole('button', { name: new RegExp(cycle.name) }).click();
  await page.getByRole('tab', { name: '民主测评' }).click();
  await page.getByRole('button', { name: `${year}-12-20 · 党员和居民代表 · 有效 45 票` }).click();

  const cell = (row: number, col: string) => page.locator(`.tally-grid .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
  await expect(cell(0, 'count:优秀')).toHaveText('10');
  const name = (await cell(0, 'name').textContent())!.trim();
  const typed = sheet.rows.find((r: any) => r.name === name);
  await cell(0, 'count:优秀').click();
  await page.keyboard.type('33');
  await page.keyboard.press('Enter');
  await expect(cell(0, 'sum')).toHaveText('38');
  // Over the valid ballots: the row is marked, as the HTML table's tr.over was.
  await cell(0, 'count:不称职').click();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(page.locator('.tally-grid .ag-row.over[row-index="0"]').first()).toBeVisible();
  await cell(0, 'count:不称职').click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(page.locator('.tally-grid .ag-row.over')).toHaveCount(0);

  // Sorting by name (descending) asks the server for new blocks; the typed counts are kept.
  const sorted = (dir: string) => page.waitForRequest((r) => r.url().includes('assessment.sessionPage') && (r.postData() ?? '').includes(`"dir":"${dir}"`));
  const header = page.locator('.tally-grid .ag-header-cell[col-id="name"]');
  let asked = sorted('asc');
  await header.click();
  await asked;
  asked = sorted('desc');
  await header.click();
  await asked;
  const at = sheet.rows.map((r: any) => r.name as string).sort().reverse().indexOf(name);
  expect(at).toBeGreaterThan(0);
  await expect(cell(at, 'name')).toHaveText(name);
  await expect(cell(at, 'count:优秀')).toHaveText('33');
  await expect(cell(at, 'count:不称职')).toHaveText('2');
  await expect(cell(0, 'count:优秀')).toHaveText('10');

  await page.getByRole('button', { name: '保存本场测评' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  const saved = (await call('assessment.sheet', { cycleId: cycle.id })).sessions.find((x: any) => x.id === stored.id).tallies;
  expect(saved[typed.entryId]).toEqual({ 优秀: 33, 称职: 5, 不称职: 2 });
  for (const r of sheet.rows) if (r.entryId !== typed.entryId) expect(saved[r.entryId]).toEqual({ 优秀: 10, 称职: 5 });
  // Re-read from the server after the save: the stored count shows, no longer a draft.
  await expect(cell(at, 'count:优秀')).toHaveText('33');
  await expect(cell(at, 'count:优秀')).not.toHaveClass(/dirty-cell/);
});

test('a county builds its own scheme structure: add a component and an indicator, remove one, save', async ({ page }) => {
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county');
  await call('assessment.installSample', { orgId: county.id, year: 2030 });
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill('2030');
  await page.getByRole('button', { name: /【示例】/ }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '添加考核项目' }).click();
  await dialog.getByLabel('考核项目名称').last().fill('述职测评');
  await dialog.getByLabel('述职测评权重').fill('10');
  await dialog.getByRole('button', { name: '添加指标' }).last().click();
  await dialog.getByRole('button', { name: '删除指标新指标' }).last().click();
  // Weights now sum to 110: saving is refused with the reason, nothing is written.
  await dialog.getByRole('button', { name: '另存为新方案' }).click();
  await expect(dialog.getByRole('alert')).toContainText('权重之和应为 100%');
  await dialog.getByRole('button', { name: '删除项目' }).last().click();
  await dialog.getByRole('button', { name: '删除指标德' }).click();
  await dialog.getByRole('button', { name: '另存为新方案' }).click();
  await expect(dialog).toBeHidden();
  const saved = (await call('assessment.schemes', { year: 2030 })).rows;
  expect(saved).toHaveLength(2);
  const names = saved.map((r: { config: { components: { indicators: { name: string }[] }[] } }) => r.config.components.flatMap((c) => c.indicators.map((i) => i.name)));
  expect(names.some((n: string[]) => !n.includes('德'))).toBe(true);
});
