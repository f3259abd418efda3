import { expect, test } from '@playwright/test';
import { apiCall, startServe, type Served } from '../helpers/serve.ts';
import { checkChar } from '../../core/roster/id-number.ts';
import { RosterPage } from './pages/roster-page.ts';

// The roster as a user meets it in browser mode: `jiceng serve` on a fresh database set up
// with the county and the accounts, the clerk logged in through the login page, the street
// and community seeded over the bridge, everything else done through the page.

let served: Served;

function idNumber(birth: string, seq: string): string {
  const first17 = `610402${birth.replaceAll('-', '')}${seq}`;
  return first17 + checkChar(first17);
}

test.beforeAll(async () => {
  served = await startServe();
  const tree = await apiCall(served, 'org.tree', {});
  const county = { data: tree.data.find((u: { level: string }) => u.level === 'county') };
  const street = await apiCall(served, 'org.create', { level: 'street', parentId: county.data.id, name: '人民路街道', code: '610402001000' });
  const community = await apiCall(served, 'org.create', { level: 'community', parentId: street.data.id, name: '新城社区', code: '610402001001' });
  expect(community.ok).toBe(true);
});

test.afterAll(async () => {
  await served?.stop();
});

test('add, see, edit, retire a person; the data survives a reload', async ({ page }) => {
  const roster = new RosterPage(page);
  await roster.goto(served);
  // The token leaves the address bar as soon as the page has it.
  expect(page.url()).not.toContain('token=');

  const id = idNumber('1985-06-15', '031');
  await roster.openAdd();
  await roster.fill({
    name: '张建华', idNumber: id, gender: '男', birthDate: '1985-06-15', politicalStatus: '中共党员',
    postCategory: '正职', posts: ['书记'], phone: '13912345678', grid: '第一网格',
  });
  await roster.saveAndClose();

  await expect(roster.row('张建华')).toBeVisible();
  const idCell = roster.cell('张建华', 'idNumberMasked');
  await expect(idCell).toContainText(`${id.slice(0, 2)}${'*'.repeat(16)}`);
  await expect(idCell).not.toContainText(id);
  await idCell.getByRole('button', { name: '显示张建华的完整身份证号' }).click();
  await expect(idCell).toContainText(id);
  await expect(roster.cell('张建华', 'orgName')).toHaveText('新城社区');
  await expect(roster.cell('张建华', 'posts')).toHaveText('书记');

  await roster.openEdit('张建华');
  await expect(page.locator('#pf-idNumber')).toHaveValue(id);
  await roster.fill({ phone: '029-88886666', grid: '第二网格', posts: ['居委会主任'] });
  await page.getByRole('dialog').getByLabel('一肩挑').check();
  await roster.saveAndClose();
  await expect(roster.cell('张建华', 'phone')).toHaveText('029-88886666');
  // 所在网格 is kept in the column chooser at 1366 px; shown, its page is fetched with it.
  await page.getByRole('button', { name: '列设置' }).click();
  await page.getByRole('dialog', { name: '列设置' }).getByLabel('所在网格').check();
  await page.getByRole('button', { name: '列设置' }).click();
  await expect(roster.cell('张建华', 'grid')).toHaveText('第二网格');
  await expect(roster.cell('张建华', 'posts')).toHaveText('书记、居委会主任');
  // The edited person stays selected after the grid refreshes.
  await expect(page.locator('.statusbar')).toContainText('已选中：张建华');

  await roster.search('1391');
  await expect(roster.row('张建华')).toHaveCount(0);
  await roster.search('88886666');
  await expect(roster.row('张建华')).toBeVisible();
  await roster.search('');

  // A retire is confirmed by a toast that can take it back (an audited roster.undoRetire) …
  await roster.retire('张建华', '退休', '手误');
  await expect(roster.row('张建华')).toHaveCount(0);
  const toast = page.locator('.toast');
  await expect(toast).toContainText('已将 张建华 办理退休');
  await toast.getByRole('button', { name: '撤销' }).click();
  await expect(toast).toHaveCount(0);
  await expect(roster.row('张建华')).toBeVisible();
  // … or lead to the leavers' list.
  await roster.retire('张建华', '退休', '到龄退休');
  await expect(roster.row('张建华')).toHaveCount(0);
  await toast.getByRole('button', { name: '查看退休人员' }).click();
  await expect(page.getByRole('radio', { name: '退休' })).toHaveAttribute('aria-checked', 'true');
  await roster.waitLoaded();
  await expect(roster.row('张建华')).toBeVisible();
  await expect(roster.cell('张建华', 'status')).toContainText('退休');

  await page.reload();
  await roster.waitLoaded();
  await expect(roster.row('张建华')).toHaveCount(0);
  await roster.setStatus('全部');
  await expect(roster.row('张建华')).toBeVisible();
  await expect(roster.cell('张建华', 'phone')).toHaveText('029-88886666');
  await roster.selectOrg('人民路街道');
  await expect(roster.row('张建华')).toBeVisible();

  const stored = await apiCall(served, 'roster.list', { status: 'all', query: '张建华' });
  expect(stored.data.rows).toHaveLength(1);
  expect(stored.data.rows[0]).toMatchObject({ status: '退休', statusReason: '到龄退休', phone: '029-88886666' });
});

test('a wrong check digit is shown next to the ID field and nothing is saved', async ({ page }) => {
  const roster = new RosterPage(page);
  await roster.goto(served);
  const good = idNumber('1990-03-08', '022');
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');

  await roster.openAdd();
  await roster.fill({ name: '李秀梅', idNumber: bad, gender: '女', birthDate: '1990-03-08', politicalStatus: '群众', postCategory: '其他' });
  await roster.save();
  await expect(roster.fieldError('idNumber')).toHaveText('「身份证号」校验位不符，号码有误，请对照证件逐位核对');
  await expect(roster.fieldError('name')).toHaveCount(0);
  await roster.cancel();
  await expect(roster.row('李秀梅')).toHaveCount(0);
  const stored = await apiCall(served, 'roster.list', { status: 'all', query: '李秀梅' });
  expect(stored.data.rows).toHaveLength(0);
});

test("the server's field errors are shown inline too (an ID number already in use)", async ({ page }) => {
  const roster = new RosterPage(page);
  const tree = await apiCall(served, 'org.tree', {});
  const community = tree.data.find((u: { level: string }) => u.level === 'community');
  const id = idNumber('1978-11-02', '045');
  const first = await apiCall(served, 'roster.create', {
    orgId: community.id, name: '王立军', gender: '男', ethnicity: '汉族', birthDate: '1978-11-02', idNumber: id,
    politicalStatus: '中共党员', postCategory: '副职', posts: ['副书记'],
  });
  expect(first.ok).toBe(true);

  await roster.goto(served);
  await roster.openAdd();
  await roster.fill({ name: '王丽', idNumber: id, gender: '男', birthDate: '1978-11-02', politicalStatus: '群众', postCategory: '其他' });
  await roster.save();
  await expect(roster.fieldError('idNumber')).toContainText('已登记在“新城社区”的在岗人员“王立军”名下');
  await roster.cancel();
  await expect(roster.row('王丽')).toHaveCount(0);
});

test('opened without the token, the page explains how to open the app and loads no data', async ({ page }) => {
  const apiRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api')) apiRequests.push(r.url());
  });
  await page.goto(`${served.origin}/`);
  await expect(page.getByRole('alert')).toContainText('缺少访问令牌');
  await expect(page.getByRole('alert')).toContainText('npm start');
  await expect(page.locator('.ag-root')).toHaveCount(0);
  await expect(page.getByText('新城社区')).toHaveCount(0);
  expect(apiRequests).toEqual([]);
});

test('the column layout is remembered between visits', async ({ page }) => {
  const roster = new RosterPage(page);
  await roster.goto(served);
  await expect(page.locator('.ag-header-cell[col-id="gender"]')).toBeVisible();
  await expect(page.locator('.ag-header-cell[col-id="grid"]')).toHaveCount(0);
  await page.getByRole('button', { name: '列设置' }).click();
  await page.getByRole('dialog', { name: '列设置' }).getByLabel('性别').uncheck();
  await page.getByRole('dialog', { name: '列设置' }).getByLabel('所在网格').check();
  await expect(page.locator('.ag-header-cell[col-id="gender"]')).toHaveCount(0);
  await page.reload();
  await roster.waitLoaded();
  await expect(page.locator('.ag-header-cell[col-id="grid"]')).toBeVisible();
  await expect(page.locator('.ag-header-cell[col-id="gender"]')).toHaveCount(0);
});

test('at 1366 px the default columns fit without scrolling sideways, and Enter opens the focused row', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const roster = new RosterPage(page);
  await roster.goto(served);
  await expect(roster.row('王立军')).toBeVisible();
  const overflow = await page.locator('.grid-host .ag-root-wrapper').evaluate((root) => {
    const right = Math.max(...[...root.querySelectorAll('.ag-header-cell')].map((h) => h.getBoundingClientRect().right));
    return right - root.getBoundingClientRect().right;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await roster.cell('王立军', 'orgName').click();
  await page.keyboard.press('Enter');
  await expect(roster.dialog.getByRole('heading', { name: '修改人员信息：王立军' })).toBeVisible();
  await roster.cancel();
});

test('with only the county set up, the clerk builds street and community in the tree', async ({ page }) => {
  const fresh = await startServe();
  try {
    const roster = new RosterPage(page);
    await roster.goto(fresh);
    await expect(page.getByText('还没有建立组织单位')).toHaveCount(0);
    const dialog = page.getByRole('dialog');
    await page.getByRole('tree').getByRole('button', { name: '秦都区', exact: true }).click();

    // The county is selected: its child is a street, whose code starts with the county's.
    await page.getByRole('button', { name: '＋ 新建下级街道（乡镇）' }).click();
    await expect(dialog.getByLabel('区划代码')).toHaveValue('610402');
    await dialog.getByLabel('单位名称').fill('人民路街道');
    await dialog.getByLabel('区划代码').fill('61040200100');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog.locator('.field[data-field="code"] .field-error')).toContainText('「区划代码」');
    await dialog.getByLabel('区划代码').fill('610402001000');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);
    await page.getByRole('button', { name: '＋ 新建下级社区' }).click();
    await dialog.getByLabel('单位名称').fill('新城社区');
    await dialog.getByLabel('区划代码').fill('610402001001');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('tree').getByRole('button', { name: '新城社区' })).toBeVisible();

    await page.getByRole('button', { name: '＋ 新增人员' }).click();
    await expect(page.locator('#pf-orgId')).toHaveValue(/.+/);
    await expect(page.locator('#pf-orgId option:checked')).toHaveText(/新城社区/);
  } finally {
    await fresh.stop();
  }
});

test('first run: the wizard binds the installation, shows the recovery key once, and the new admin logs in', async ({ page }) => {
  // A fresh server and the setup's key derivations take most of a minute on a loaded machine.
  test.setTimeout(240_000);
  const fresh = await startServe({ setup: false });
  try {
    await page.goto(fresh.url);
    await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
    await page.getByLabel('县（区）名称').fill('秦都区');
    await page.getByLabel('县（区）区划代码').fill('610402000000');
    await page.getByLabel('街道（乡镇）名称（可选）').fill('人民路街道');
    await page.getByLabel('街道（乡镇）区划代码').fill('610402001000');
    await page.getByLabel('用户名').fill('zhangadmin');
    await page.getByLabel('姓名').fill('张管理');
    // A password that breaks the policy is refused with the reason, and nothing is set up.
    await page.locator('#su-password').fill('short1');
    await page.locator('#su-confirm').fill('short1');
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.locator('.field[data-field="su-password"] .field-error')).toContainText('至少 8 个字符');
    expect((await apiCall(fresh, 'setup.status', {}, null)).data.state).toBe('setup');

    const password = 'Qindu#2026x';
    await page.locator('#su-password').fill(password);
    await page.locator('#su-confirm').fill(password);
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByRole('heading', { name: '请抄写恢复密钥' })).toBeVisible();
    const key = (await page.getByTestId('recovery-key').textContent())?.trim() ?? '';
    expect(key.length).toBeGreaterThanOrEqual(20);
    await expect(page.getByRole('button', { name: '打印恢复密钥' })).toBeVisible();
    const next = page.getByRole('button', { name: '继续，前往登录' });
    await expect(next).toBeDisabled();
    await page.getByLabel('我已抄写并妥善保管恢复密钥').check();
    await next.click();

    await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
    await expect(page.getByText('人民路街道')).toBeVisible();
    await page.locator('#login-username').fill('zhangadmin');
    await page.locator('#login-password').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const bar = page.getByRole('banner', { name: '当前用户' });
    await expect(bar).toContainText('张管理');
    await expect(bar).toContainText('系统管理员');
    // The administrator manages accounts, not the roster; the home page leads to them.
    await expect(page.getByRole('heading', { name: '系统管理员首页' })).toBeVisible();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
    await expect(page.getByRole('heading', { name: '账号管理' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' })).toHaveCount(0);

    // Logged out, the recovery key printed at setup resets the forgotten admin password.
    await bar.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '忘记密码？用恢复密钥重设管理员密码' }).click();
    await page.getByLabel('恢复密钥').fill('not-the-key');
    await page.getByLabel('系统管理员用户名').fill('zhangadmin');
    await page.locator('#rc-password').fill('Reset#2026y');
    await page.locator('#rc-confirm').fill('Reset#2026y');
    await page.getByRole('button', { name: '重设密码' }).click();
    await expect(page.locator('.field[data-field="rc-key"] .field-error')).toHaveText('「恢复密钥」不正确');
    await page.getByLabel('恢复密钥').fill(key);
    await page.getByRole('button', { name: '重设密码' }).click();
    await expect(page.getByRole('status')).toHaveText('系统管理员密码已重设，请用新密码登录。');
    await page.locator('#login-username').fill('zhangadmin');
    await page.locator('#login-password').fill('Reset#2026y');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(bar).toContainText('张管理');
  } finally {
    await fresh.stop();
  }
});
