import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { RosterPage } from './pages/roster-page.ts';
import { makeId } from '../fixtures/roster-io/people.ts';

// Issue 14: a county-style sheet (title row, 所属组织, 文化程度, posts as written, no 岗位类别)
// through the dialog — one unknown value mapped, the changes to an existing person reviewed
// old → new before 确认导入, then committed.

let served: Served;
let communityId = '';
const SEEDED = makeId('1980-02-03', 11);

test.beforeAll(async () => {
  served = await startServe();
  const tree = await apiCall(served, 'org.tree', {});
  const county = tree.data.find((u: { level: string }) => u.level === 'county');
  const street = await apiCall(served, 'org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await apiCall(served, 'org.create', { level: 'community', parentId: street.data.id, name: '新城社区', code: '610402001001' });
  communityId = community.data.id;
  const seed = ['姓名,性别,民族,出生年月,身份证号,政治面貌,社区工作起始时间,职务,联系电话', `王建国,男,汉族,1980.02,${SEEDED},中共党员,2012.03,专职社区工作者,13900000001`].join('\n');
  const done = await apiCall(served, 'roster.importCommit', { fileName: 's.csv', contentBase64: Buffer.from(seed).toString('base64'), orgId: communityId });
  expect(done.ok).toBe(true);
});

test.afterAll(async () => {
  await served?.stop();
});

async function countySheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = '人民路街道社区工作者花名册';
  ws.getRow(2).values = ['序号', '所属组织', '姓名', '性别', '民族', '身份证号', '政治面貌', '文化程度', '职务', '手机号'];
  ws.getRow(3).values = [1, '新城社区', '王建国', '男', '汉族', SEEDED, '中共党员', '大学本科毕业', '社区党支部书记、社区居委会主任', '13900000002'];
  ws.getRow(4).values = [2, '新城社区', '李秀英', '女', '汉族', makeId('1990-04-05', 12), '预备期党员', '大专学历', '社区党支部委员', '13900000003'];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a county-style sheet: map one unknown value, review the changes, commit', async ({ page }) => {
  const roster = new RosterPage(page);
  await roster.goto(served);
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '从 Excel/CSV 导入花名册' });
  await dialog.getByLabel('导入到的组织单位').selectOption({ label: '新城社区（610402001001）' });
  await dialog.getByLabel('选择 Excel 或 CSV 文件').setInputFiles({
    name: '人民路街道花名册.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await countySheet(),
  });
  await dialog.getByRole('button', { name: '预检（不写入）' }).click();
  await expect(dialog.getByLabel('预检结果')).toContainText('有错误 1 行');
  await expect(dialog.getByRole('button', { name: '确认导入' })).toBeDisabled();

  // The unknown 政治面貌 is grouped once and mapped.
  const unknown = dialog.getByLabel('未识别的值');
  await expect(unknown).toContainText('预备期党员');
  await unknown.getByLabel('“预备期党员”对应为').selectOption('中共预备党员');
  await dialog.getByRole('button', { name: '重新预检' }).click();
  await expect(dialog.getByLabel('预检结果')).toContainText('有错误 0 行');
  await expect(dialog.getByLabel('预检结果')).toContainText('新增 1');
  await expect(dialog.getByLabel('预检结果')).toContainText('更新 1');

  // The changes, old → new, pay fields flagged; the blank 社区工作起始时间 is not among them.
  const changes = dialog.getByLabel('将要修改的内容');
  await expect(changes).toContainText('影响薪酬定级');
  await expect(changes.locator('tr', { hasText: '★ 职务' })).toContainText('专职社区工作者');
  await expect(changes.locator('tr', { hasText: '★ 职务' })).toContainText('书记、居委会主任');
  await expect(changes.locator('tr', { hasText: '联系电话' })).toContainText('13900000002');
  await expect(changes).not.toContainText('社区工作起始时间');

  page.once('dialog', (d) => void d.accept());
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: '已导入' })).toContainText('新增 1 人，更新 1 人');

  const list = await apiCall(served, 'roster.list', { orgId: communityId });
  const wang = list.data.rows.find((r: { name: string }) => r.name === '王建国');
  expect(wang).toMatchObject({ posts: ['书记', '居委会主任'], oneShoulder: true, postCategory: '正职', communityWorkStartDate: '2012-03-01', ftEducation: '大学本科' });
  const li = list.data.rows.find((r: { name: string }) => r.name === '李秀英');
  expect(li).toMatchObject({ politicalStatus: '中共预备党员', posts: ['党组织委员'], ftEducation: '大学专科' });
});
