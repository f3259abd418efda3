import { expect, test } from '@playwright/test';
import { apiCall, E2E_ADMIN, login, startServe, type Served } from '../helpers/serve.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { scoreRows, seedCycle, YEAR } from '../assessment/fixture.ts';
import { loginAs } from './pages/login.ts';
import { expectPrintedText, pdfTextOps } from './pdf.ts';

// Issue 18: every printable view prints to a PDF with text on it (the 考核登记表 used to print
// blank: a visibility rule hid it), without the user bar.

let served: Served;
let cycleName = '';
let chiefId = '';

async function call(op: string, input: unknown, session?: string): Promise<any> {
  const env = await apiCall(served, op, input, session);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  served = await startServe();
  const { cycle, sheet, county, community } = await seedCycle(call);
  cycleName = cycle.name;
  await call('assessment.saveScores', { cycleId: cycle.id, rows: scoreRows(sheet) });
  await call('salary.saveScheme', { orgId: county.id, name: '示例方案', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig() });
  const chief = await call('roster.create', { orgId: community.id, gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员', name: '王书记', postCategory: '正职', communityWorkStartDate: '2018-01-01', ftEducation: '本科', swQualification: '社工师' });
  chiefId = chief.id;
  await call('salary.gradeInitial', { personId: chief.id, effectiveDate: '2025-07-01' });
  // A class 王书记 attended, so 学时统计 lists her and her 个人培训档案 has a line to print.
  const cls = await call('training.classes.create', {
    orgId: community.id, name: '2026年社区党组织书记示范培训班', category: '示范班', level: '县', host: '区委组织部', organizer: '区委党校',
    form: '集中', location: '区委党校', startDate: '2026-05-10', endDate: '2026-05-12', hours: 24,
  });
  await call('training.enroll', { classId: cls.id, personIds: [chief.id] });
  const { rows } = await call('training.attendance.list', { classId: cls.id });
  await call('training.attendance.setStatus', { ids: rows.map((r: { id: string }) => r.id), status: '出席' });
  const admin = await login(served, E2E_ADMIN);
  expect(admin).toBeTruthy();
});

test.afterAll(async () => {
  await served?.stop();
});

test('a blank page has no text, so the check can fail', async ({ page }) => {
  await page.setContent('<html><body><p style="visibility:hidden">看不见的字</p></body></html>');
  expect(pdfTextOps(await page.pdf({ format: 'A4' }))).toBe(0);
  await page.setContent('<html><body><p>看得见的字</p></body></html>');
  expect(pdfTextOps(await page.pdf({ format: 'A4' }))).toBeGreaterThan(0);
});

test('考核登记表 prints with its text', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '考核' }).click();
  await page.getByLabel('年度').fill(String(YEAR));
  await page.getByRole('button', { name: new RegExp(cycleName) }).click();
  await page.getByRole('tab', { name: '结果与等次' }).click();
  await page.locator('table.assessment-results tbody tr').first().getByRole('button', { name: '登记表' }).click();
  await expect(page.getByRole('article', { name: '考核登记表' })).toBeVisible();
  await expectPrintedText(page, 20);
});

test('the pay sheet and a report print with their text', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  const nav = page.getByRole('navigation', { name: '主导航' });

  await nav.getByRole('link', { name: '薪酬' }).click();
  await page.getByRole('tab', { name: '月度工资表' }).click();
  await page.getByLabel('月份').fill('2025-08');
  await expect(page.locator('.sheet-host')).toContainText('王书记');
  await expectPrintedText(page, 10);

  await nav.getByRole('link', { name: '统计报表' }).click();
  await page.goto(`${served.url}#/reports/composition`);
  await expect(page.locator('.report-table').first()).toBeVisible();
  // Laid out at A4's printable width first, as tests/e2e/reports.spec.ts does.
  await page.setViewportSize({ width: 1047, height: 740 });
  await expectPrintedText(page, 20);
  await page.setViewportSize({ width: 1366, height: 768 });

  expect(chiefId).toBeTruthy();
});

test('个人培训档案 prints with its text', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '培训' }).click();
  await page.getByRole('tab', { name: '学时统计' }).click();
  await page.locator('.ag-row').filter({ hasText: '王书记' }).first().dblclick();
  await expect(page.getByRole('article', { name: '个人培训档案' })).toBeVisible();
  await expectPrintedText(page, 5);
  expect(chiefId).toBeTruthy();
});

// "Printing failed" was the 60 s test timeout, not the page: a fresh server plus the first-run
// setup (key derivation) takes most of a minute on a loaded machine, and the timeout tearing the
// page down mid-print surfaces from Chromium as Page.printToPDF "Printing failed". Hence the
// longer timeout; the key sheet itself is a .print-doc with nothing of the screen around it.
test('the recovery key prints after the first-run setup, alone on the paper', async ({ page }) => {
  test.setTimeout(240_000);
  const fresh = await startServe({ setup: false });
  try {
    await page.goto(fresh.url);
    await page.locator('#su-county-name').fill('秦都区');
    await page.locator('#su-county-code').fill('610402000000');
    await page.locator('#su-username').fill('admin');
    await page.locator('#su-display').fill('管理员');
    await page.locator('#su-password').fill('Guanli-2026!pr');
    await page.locator('#su-confirm').fill('Guanli-2026!pr');
    await page.locator('button[type="submit"]').click();
    const key = page.getByTestId('recovery-key');
    await expect(key).toBeVisible({ timeout: 60_000 });
    const keyText = (await key.textContent())!.trim();
    await page.emulateMedia({ media: 'print' });
    const doc = page.getByRole('article', { name: '恢复密钥单' });
    await expect(doc).toBeVisible();
    await expect(doc.getByTestId('recovery-key')).toHaveText(keyText);
    await expect(page.getByText('基层党建台账　系统管理员恢复密钥')).toBeVisible();
    // Nothing of the screen: the buttons, the checkbox, the card's heading and brand.
    await expect(page.getByRole('button').filter({ visible: true })).toHaveCount(0);
    await expect(page.getByRole('checkbox').filter({ visible: true })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: '请抄写恢复密钥' })).toBeHidden();
    await expectPrintedText(page, 3);
    // On screen the print-only lines stay out of the way.
    await expect(page.getByText('基层党建台账　系统管理员恢复密钥')).toBeHidden();
    await expect(page.getByRole('button', { name: '打印恢复密钥' })).toBeVisible();
  } finally {
    await fresh.stop();
  }
});
