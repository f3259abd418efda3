import { expect, test, type Page } from '@playwright/test';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { loginAs } from './pages/login.ts';

// Training in browser mode: 22 people seeded over the bridge (20 in 新城社区, 2 elsewhere),
// then through the 培训 page: create a class, enrol the 20 people selected in the roster
// picker grid, mark 2 absent, and read the hours per person and the below-requirement list.

let served: Served;
const YEAR = new Date().getFullYear();
const name = (i: number) => `学员${String(i).padStart(2, '0')}`;

async function must(op: string, input: unknown): Promise<any> {
  const env = await apiCall(served, op, input);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

test.beforeAll(async () => {
  served = await startServe();
  const county = (await must('org.tree', {})).find((u: { parentId: string | null }) => u.parentId === null);
  const street = await must('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const xincheng = await must('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  const dongfeng = await must('org.create', { level: 'community', parentId: street.id, name: '东风社区', code: '610402001002' });
  for (let i = 1; i <= 22; i++) {
    await must('roster.create', {
      orgId: i <= 20 ? xincheng.id : dongfeng.id, name: name(i), gender: i % 2 ? '男' : '女', ethnicity: '汉族',
      birthDate: `198${i % 10}-0${(i % 9) + 1}-15`, politicalStatus: '中共党员',
      posts: i === 1 ? ['书记'] : ['专职社区工作者'], postCategory: i === 1 ? '正职' : '其他',
    });
  }
});

test.afterAll(async () => {
  await served?.stop();
});

const gridRow = (page: Page, grid: string, text: string) =>
  page.locator(`.${grid} .ag-row`).filter({ hasText: new RegExp(`(^|\\D)${text}(\\D|$)`) });

test('create a class, enrol 20 people from the grid, mark 2 absent, see hours and the below-requirement list', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '培训' }).click();
  await expect(page.getByRole('heading', { name: '培训' })).toBeVisible();
  await expect(page.getByLabel('年度')).toHaveValue(String(YEAR));

  await page.getByRole('button', { name: '＋ 新建班次' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('班次名称').fill('社区工作者能力提升专题培训班');
  await dialog.getByLabel('开始日期').fill(`${YEAR}-03-10`);
  await dialog.getByLabel('结束日期').fill(`${YEAR}-03-09`);
  await dialog.locator('#cf-hours').fill('16');
  await dialog.getByRole('button', { name: '保存' }).click();
  // Bad input is refused with the field named, and the dialog stays open.
  await expect(dialog.locator('[data-field="endDate"] .field-error')).toHaveText(`「结束日期」${YEAR}-03-09 不能早于开始日期 ${YEAR}-03-10`);
  await dialog.getByLabel('结束日期').fill(`${YEAR}-03-11`);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(gridRow(page, 'classes-grid', '社区工作者能力提升专题培训班')).toBeVisible();

  await page.getByRole('button', { name: '选择人员报名' }).click();
  const picker = page.getByRole('dialog', { name: '选择报名人员' });
  await expect(picker.locator('.ag-row')).toHaveCount(22);
  await picker.getByLabel('筛选人员').fill('新城社区');
  await expect(picker.locator('.ag-row')).toHaveCount(20);
  await picker.locator('.ag-header-select-all input').check();
  await picker.getByRole('button', { name: '报名所选（20 人）' }).click();
  await expect(page.locator('.statusbar')).toHaveText('已报名 20 人（培训开始后再标记出席、缺席）');
  const summary = page.getByTestId('attendance-summary');
  // Enrolment is 已报名, not 出席: no hours until attendance is recorded.
  await expect(summary).toHaveText('共 20 人，合计 0 学时');
  await expect(gridRow(page, 'attendees-grid', name(3)).locator('[col-id="status"]')).toHaveText('已报名');
  await page.locator('.attendees-grid .ag-header-select-all input').check();
  await page.getByRole('button', { name: '标记出席' }).click();
  await expect(page.locator('.statusbar')).toHaveText('已将 20 人标记为出席');
  await expect(summary).toHaveText('共 20 人，合计 320 学时');
  await page.locator('.attendees-grid .ag-header-select-all input').uncheck();

  for (const i of [3, 4]) await gridRow(page, 'attendees-grid', name(i)).locator('.ag-selection-checkbox input').check();
  await page.getByRole('button', { name: '标记缺席' }).click();
  await expect(page.locator('.statusbar')).toHaveText('已将 2 人标记为缺席');
  await expect(summary).toHaveText('共 20 人，合计 288 学时');
  await expect(gridRow(page, 'attendees-grid', name(3)).locator('[col-id="status"]')).toHaveText('缺席');
  await expect(gridRow(page, 'attendees-grid', name(3)).locator('[col-id="creditedHours"]')).toHaveText('0');

  await page.getByRole('tab', { name: '学时统计' }).click();
  const hours = (i: number) => page.locator('.ag-row').filter({ has: page.locator('[col-id="name"]', { hasText: new RegExp(`^${name(i)}$`) }) });
  await expect(hours(5).locator('[col-id="hours"]')).toHaveText('16');
  await expect(hours(3).locator('[col-id="hours"]')).toHaveText('0');
  await expect(hours(1).locator('[col-id="days"]')).toHaveText('2');
  await expect(hours(5).locator('[col-id="met"]')).toHaveText('未达标');
  await expect(page.getByText('部分要求来自系统自带的示例规则')).toBeVisible();

  // Sorting asks the server (training.hoursPage with a sort), not the rows in the renderer.
  const firstHours = page.locator('.ag-row[row-index="0"] [col-id="hours"]');
  const sorted = (dir: string) => page.waitForRequest((r) => r.url().includes('training.hoursPage') && (r.postData() ?? '').includes(`"dir":"${dir}"`));
  const header = page.locator('.ag-header-cell[col-id="hours"]');
  let asked = sorted('asc');
  await header.click();
  await asked;
  await expect(firstHours).toHaveText('0');
  asked = sorted('desc');
  await header.click();
  await asked;
  await expect(firstHours).toHaveText('16');

  await page.getByRole('tab', { name: '未达标名单' }).click();
  await expect(page.getByText(`${YEAR} 年未达到年度培训要求的人员（22 人）`)).toBeVisible();
  await expect(hours(3).locator('[col-id="shortfall"]')).toHaveText('培训还差 40 学时');
  await expect(hours(5).locator('[col-id="shortfall"]')).toHaveText('培训还差 24 学时');
  await expect(hours(1).locator('[col-id="shortfall"]')).toHaveText('县级及以上培训还差 5 天');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  expect((await download).suggestedFilename()).toBe(`秦都区 ${YEAR} 年度培训未达标人员名单.xlsx`);

  // The person's printable training file.
  await hours(5).locator('[col-id="name"]').dblclick();
  const sheet = page.getByRole('article', { name: '个人培训档案' });
  await expect(sheet).toContainText(`姓名：${name(5)}`);
  await expect(sheet.locator('tbody tr').filter({ hasText: '社区工作者能力提升专题培训班' })).toContainText('出席');
  await expect(page.getByRole('button', { name: '打印' })).toBeEnabled();
});

test('a 书记讲堂 session with attendees, and the sample annual requirements', async ({ page }) => {
  await loginAs(page, served, 'clerk');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '培训' }).click();
  await page.getByRole('tab', { name: '书记讲堂' }).click();
  await page.getByRole('button', { name: '新建系列' }).click();
  await expect(page.getByLabel('讲堂系列', { exact: true })).toContainText('书记讲堂（街道，0 期）');
  await page.getByLabel('主题').fill('网格化服务管理');
  await page.getByLabel('主讲人').fill(name(1));
  await page.getByLabel('日期').fill(`${YEAR}-04-15`);
  await page.getByLabel('学时').fill('2.5');
  await page.getByRole('button', { name: '新增一期' }).click();
  await page.locator('.ag-row', { hasText: '网格化服务管理' }).click();
  await page.getByRole('button', { name: '选择人员报名' }).click();
  const picker = page.getByRole('dialog', { name: '选择报名人员' });
  await picker.getByLabel('筛选人员').fill('书记');
  await expect(picker.locator('.ag-row')).toHaveCount(1);
  await picker.locator('.ag-header-select-all input').check();
  await picker.getByRole('button', { name: '报名所选（1 人）' }).click();
  await expect(page.getByTestId('attendance-summary')).toHaveText('共 1 人，合计 0 学时');
  await page.locator('.attendees-grid .ag-selection-checkbox input').first().check();
  await page.getByRole('button', { name: '标记出席' }).click();
  await expect(page.getByTestId('attendance-summary')).toHaveText('共 1 人，合计 2.5 学时');

  await page.getByRole('tab', { name: '年度要求' }).click();
  await expect(page.getByText('当前为系统自带的示例规则')).toBeVisible();
  await expect(page.locator('.rules-table tbody tr')).toHaveCount(3);
});
