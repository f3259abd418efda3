import { expect, test, type Page } from '@playwright/test';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { checkChar } from '../../core/roster/id-number.ts';
import { seedCycle, YEAR, type Call } from '../assessment/fixture.ts';
import { RosterPage } from './pages/roster-page.ts';
import { loginAs } from './pages/login.ts';

// Nothing typed is lost without a word: leaving an editor by Escape, a tab or a page link
// asks 保存 / 放弃 / 取消. And forms that help: the ID number fills 性别 and 出生日期, Enter saves.

let served: Served;
let call: Call;
let seeded: Awaited<ReturnType<typeof seedCycle>>;

test.beforeAll(async () => {
  served = await startServe();
  call = async (op, input) => {
    const env = await apiCall(served, op, input);
    if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
    return env.data;
  };
  seeded = await seedCycle(call);
});

test.afterAll(async () => {
  await served?.stop();
});

const ask = (page: Page) => page.getByRole('alertdialog', { name: '有未保存的修改' });

test('the person form: Escape asks before dropping typed work, a valid ID fills 性别 and 出生日期, Enter saves', async ({ page }) => {
  test.setTimeout(120_000);
  const roster = new RosterPage(page);
  await roster.goto(served);
  await roster.openAdd();
  await roster.dialog.locator('#pf-name').fill('林晓雨');

  // Escape: the question comes, 取消 keeps the dialog and what was typed.
  await page.keyboard.press('Escape');
  await expect(ask(page)).toBeVisible();
  await expect(ask(page)).toContainText('新增人员');
  await ask(page).getByRole('button', { name: '取消' }).click();
  await expect(ask(page)).toHaveCount(0);
  await expect(roster.dialog.locator('#pf-name')).toHaveValue('林晓雨');

  // A valid 18-digit number fills the empty 性别 and 出生日期.
  const first17 = '61040219920714002';
  await roster.dialog.locator('#pf-idNumber').fill(first17 + checkChar(first17));
  await expect(roster.dialog.locator('#pf-gender')).toHaveValue('女');
  await expect(roster.dialog.locator('#pf-birthDate')).toHaveValue('1992-07-14');

  // Enter in a field saves (here it is refused: the required fields left empty are named).
  await roster.dialog.locator('#pf-name').press('Enter');
  await expect(roster.fieldError('politicalStatus')).toHaveText('「政治面貌」必须填写');
  await roster.dialog.locator('#pf-politicalStatus').selectOption('群众');
  await roster.dialog.locator('#pf-postCategory').selectOption('其他');
  const community = (await call('org.tree', {})).find((o: { name: string }) => o.name === '新城社区');
  await roster.dialog.locator('#pf-orgId').selectOption(community.id);
  await roster.dialog.locator('#pf-name').press('Enter');
  await expect(roster.dialog).toHaveCount(0);
  // The dialog is gone, so the save says so at the foot of the page.
  await expect(page.getByRole('status').filter({ hasText: '已新增人员“林晓雨”' })).toBeVisible();
  const stored = await call('roster.list', { status: 'all', query: '林晓雨' });
  expect(stored.rows).toHaveLength(1);

  // Escape then 放弃修改 closes without saving.
  await roster.openAdd();
  await roster.dialog.locator('#pf-name').fill('不保存的人');
  await page.keyboard.press('Escape');
  await ask(page).getByRole('button', { name: '放弃修改' }).click();
  await expect(roster.dialog).toHaveCount(0);
  expect((await call('roster.list', { status: 'all', query: '不保存的人' })).rows).toHaveLength(0);
});

test("a street marked 本级工作人员单位 in the unit form takes people; the save says 已保存", async ({ page }) => {
  test.setTimeout(120_000);
  const roster = new RosterPage(page);
  await roster.goto(served);
  // Unmarked, the street is only a heading in the person form's unit list.
  await roster.openAdd();
  await expect(roster.dialog.locator('#pf-orgId option', { hasText: '人民路街道' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(roster.dialog).toHaveCount(0);

  await roster.selectOrg('人民路街道');
  await page.getByRole('button', { name: '修改本单位' }).click();
  const form = page.getByRole('dialog', { name: '修改街道（乡镇）“人民路街道”' });
  await form.getByLabel('本级工作人员单位').check();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '已保存“人民路街道”（1 处修改）' })).toBeVisible();
  const street = (await call('org.tree', {})).find((o: { name: string }) => o.name === '人民路街道');
  expect(street.staffUnit).toBe(true);

  await roster.openAdd();
  await expect(roster.dialog.locator('#pf-orgId')).toHaveValue(street.id);
  await expect(roster.dialog.locator('#pf-orgId option', { hasText: '人民路街道' })).toBeEnabled();
  await page.keyboard.press('Escape');
  // Unmark it again so the other tests see the tree as seeded.
  await call('org.update', { id: street.id, name: street.name, code: street.code, staffUnit: false });
});

test('unsaved scores: a tab switch and a page link ask 保存 / 放弃 / 取消; 保存本场测评 says 已保存', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill(String(YEAR));
  await page.getByRole('button', { name: new RegExp(seeded.cycle.name) }).click();

  const cell = (row: number, col: string) => page.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
  await cell(0, 'de').click();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '保存（1 处修改）' })).toBeVisible();

  // Tab switch: 取消 stays with the edit.
  await page.getByRole('tab', { name: '民主测评' }).click();
  await expect(ask(page)).toContainText('打分：1 处修改');
  await ask(page).getByRole('button', { name: '取消' }).click();
  await expect(page.getByRole('tab', { name: '打分' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: '保存（1 处修改）' })).toBeVisible();

  // 保存 from the question saves, then the tab changes.
  await page.getByRole('tab', { name: '民主测评' }).click();
  await ask(page).getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('tab', { name: '民主测评' })).toHaveAttribute('aria-selected', 'true');
  const sheet = await call('assessment.sheet', { cycleId: seeded.cycle.id });
  expect(sheet.rows[0].scores).toMatchObject({ de: 5 });

  // The tallies: 保存本场测评 keeps the session on screen with 已保存.
  await page.getByLabel('计票人').fill('张计票');
  await page.getByRole('button', { name: '保存本场测评' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await expect(page.getByLabel('计票人')).toHaveValue('张计票');

  // A page link with unsaved tallies: 放弃修改 follows the link and nothing is written.
  await page.getByLabel('监票人').fill('李监票');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
  await expect(ask(page)).toContainText('民主测评');
  await ask(page).getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByRole('heading', { name: '花名册' })).toBeVisible();
  const after = await call('assessment.sheet', { cycleId: seeded.cycle.id });
  expect(after.sessions.map((s: { supervisor: string | null }) => s.supervisor)).toEqual([null]);
});

test('enrolment shows 已报名 with no hours until attendance is recorded', async ({ page }) => {
  const county = (await call('org.tree', {})).find((o: { level: string }) => o.level === 'county');
  const future = `${new Date().getFullYear() + 1}-06-10`;
  const cls = await call('training.classes.create', {
    orgId: county.id, name: '明年专题培训班', category: '专题培训', level: '县', form: '集中', startDate: future, endDate: future, hours: 8,
  });
  await call('training.enroll', { classId: cls.id, personIds: [seeded.people[0].id] });
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '培训' }).click();
  await page.getByLabel('年度').fill(String(new Date().getFullYear() + 1));
  await page.locator('.ag-row', { hasText: '明年专题培训班' }).click();
  const row = page.locator('.attendees-grid .ag-row').first();
  await expect(row.locator('[col-id="status"]')).toHaveText('已报名');
  await expect(page.getByTestId('attendance-summary')).toHaveText('共 1 人，合计 0 学时');
  await row.locator('.ag-selection-checkbox input').check();
  await page.getByRole('button', { name: '标记出席' }).click();
  await expect(page.getByRole('alert')).toContainText('须在培训开始后登记');
  await expect(row.locator('[col-id="status"]')).toHaveText('已报名');
});

test('typed scores survive saving notes; notes ask before another person; text in a score cell is refused, not erased', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill(String(YEAR));
  await page.getByRole('button', { name: new RegExp(seeded.cycle.name) }).click();
  const cell = (row: number, col: string) => page.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);

  // A score typed on row 1, then notes for the focused person saved: the sheet refreshes,
  // and the score is still on screen and still counted as unsaved.
  await cell(1, 'de').click();
  await page.keyboard.type('4');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '保存（1 处修改）' })).toBeVisible();
  await page.getByLabel(/个人自评/).fill('全年完成各项任务');
  await page.getByRole('button', { name: '保存自评与述职' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await expect(cell(1, 'de')).toHaveText('4');
  await expect(page.getByRole('button', { name: '保存（1 处修改）' })).toBeVisible();

  // Notes typed, then another person's cell: the question comes; 取消 keeps the text.
  await page.getByLabel('述职记录').fill('述职未保存');
  await cell(3, 'name').click();
  await expect(ask(page)).toContainText('个人自评与述职记录');
  await ask(page).getByRole('button', { name: '取消' }).click();
  await expect(page.getByLabel('述职记录')).toHaveValue('述职未保存');
  // Again, and 放弃修改: the next person's notes open, nothing was written.
  await cell(2, 'name').click();
  await ask(page).getByRole('button', { name: '放弃修改' }).click();
  await expect(page.getByLabel(/个人自评/)).toHaveValue('');
  await expect(page.getByRole('button', { name: '保存（1 处修改）' })).toBeVisible();

  // Text in a score cell: refused naming the field, the stored score of row 0 (5) is kept.
  await cell(0, 'de').click();
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^保存（2 处修改）/ }).click();
  await expect(page.locator('.score-grid [role=alert]')).toContainText('「得分」应为数字');
  await expect(page.getByRole('button', { name: '保存（2 处修改）' })).toBeVisible();
  const sheet = await call('assessment.sheet', { cycleId: seeded.cycle.id });
  expect(sheet.rows[0].scores.de).toBe(5);
  expect(sheet.rows[1].scores.de ?? null).toBeNull();
  expect(sheet.rows[1].selfAssessment).toBe('全年完成各项任务');
  expect(sheet.rows[1].reportNotes ?? null).toBeNull();
});
