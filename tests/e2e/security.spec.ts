import { expect, test } from '@playwright/test';
import { apiCall, E2E_ADMIN, E2E_CLERK, login, startServe, type Served } from '../helpers/serve.ts';
import { LoginPage, loginAs } from './pages/login.ts';

// Accounts, lockout, forced password change, the audit log and the idle lock, as users meet
// them in browser mode. Extra accounts are made over the bridge by the administrator.

let served: Served;
let admin: string;

async function adminCall(op: string, input: unknown): Promise<any> {
  const env = await apiCall(served, op, input, admin);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

/** An account made by the administrator whose first password has already been changed. */
async function ready(username: string, role: string, password: string): Promise<{ username: string; password: string }> {
  const first = 'Start-2026!tmp';
  await adminCall('users.create', { username, displayName: `测试${username}`, role, initialPassword: first });
  const s = await login(served, { username, password: first });
  const changed = await apiCall(served, 'auth.changePassword', { oldPassword: first, newPassword: password }, s);
  expect(changed.ok).toBe(true);
  return { username, password };
}

test.beforeAll(async () => {
  served = await startServe();
  admin = await login(served, E2E_ADMIN);
});

test.afterAll(async () => {
  await served?.stop();
});

test('a wrong password shows the attempts left, and the fifth failure locks the account', async ({ page }) => {
  const victim = await ready('wangwu', 'reviewer', 'Review-2026!ok');
  const lp = new LoginPage(page);
  await lp.goto(served);
  for (let left = 4; left >= 1; left--) {
    await lp.submit({ username: victim.username, password: 'Wrong-2026!no' });
    await expect(lp.error).toHaveText(`用户名或密码错误（还可尝试 ${left} 次）`);
  }
  await lp.submit({ username: victim.username, password: 'Wrong-2026!no' });
  await expect(lp.error).toContainText('账号已锁定 15 分钟');
  // Even the right password is refused while the lock lasts.
  await lp.submit(victim);
  await expect(lp.error).toContainText('账号因多次密码错误已锁定');
  await expect(lp.userbar).toHaveCount(0);
});

test('the admin creates a clerk, who must change the password at first login and then sees the roster', async ({ page }) => {
  await loginAs(page, served, 'admin');
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link', { name: '花名册' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '系统管理员首页' })).toBeVisible();
  await nav.getByRole('link', { name: '设置' }).click();
  await expect(page.getByRole('heading', { name: '账号管理' })).toBeVisible();

  await page.getByRole('button', { name: '＋ 新建账号' }).click();
  const dialog = page.getByRole('dialog', { name: '新建账号' });
  await dialog.locator('#ud-username').fill('lisi');
  await dialog.locator('#ud-name').fill('李四');
  await dialog.locator('#ud-role').selectOption({ label: '录入员' });
  await dialog.locator('#ud-scope').selectOption({ label: '秦都区' });
  await dialog.locator('#ud-password').fill('lisi');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.locator('.field[data-field="initialPassword"] .field-error')).toContainText('「密码」');
  await dialog.locator('#ud-password').fill('Chu-2026!pass');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.locator('.ag-row').filter({ has: page.locator('[col-id="username"]', { hasText: /^lisi$/ }) });
  await expect(row.locator('[col-id="role"]')).toHaveText('录入员');
  await expect(row.locator('[col-id="scope"]')).toHaveText('秦都区');
  await expect(row.locator('[col-id="status"]')).toHaveText('待修改初始密码');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();

  await loginAs(page, served, { username: 'lisi', password: 'Chu-2026!pass' }, { mustChange: true });
  await page.locator('#cp-old').fill('Chu-2026!pass');
  await page.locator('#cp-new').fill('Chu-2026!pass');
  await page.locator('#cp-confirm').fill('Chu-2026!pass');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.locator('.field[data-field="cp-new"] .field-error')).toContainText('最近');
  await page.locator('#cp-new').fill('Mine-2026!new');
  await page.locator('#cp-confirm').fill('Mine-2026!new');
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page.getByRole('heading', { name: '秦都区首页' })).toBeVisible();
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
  await expect(page.getByRole('heading', { name: '花名册' })).toBeVisible();
  const bar = new LoginPage(page).userbar;
  await expect(bar).toContainText('李四');
  await expect(bar).toContainText('录入员');
  await expect(nav.getByRole('link', { name: '设置' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: '审计日志' })).toHaveCount(0);
});

test('the auditor reads the audit log as Chinese sentences naming people, with no operation codes or full numbers', async ({ page }) => {
  // A clerk records a person and changes the phone; a reviewer looks up the ID number.
  const tree = await adminCall('org.tree', {});
  const street = (await apiCall(served, 'org.create', { level: 'street', parentId: tree[0].id, name: '人民路街道', code: '610402001000' })).data;
  const community = (await apiCall(served, 'org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' })).data;
  const person = (await apiCall(served, 'roster.create', {
    orgId: community.id, name: '张伟', gender: '女', ethnicity: '汉族', birthDate: '1990-05-17', idNumber: '610402199005170025',
    politicalStatus: '群众', postCategory: '其他', phone: '13912345678',
  })).data;
  const full = (await apiCall(served, 'roster.get', { id: person.id })).data;
  expect((await apiCall(served, 'roster.update', { ...full, id: person.id, phone: '18687654321', nativePlace: '陕西咸阳' })).ok).toBe(true);
  const reviewer = await ready('lina', 'reviewer', 'Review-2026!ln');
  expect((await apiCall(served, 'roster.reveal', { id: person.id, field: 'idNumber' }, await login(served, reviewer))).ok).toBe(true);

  const auditor = await ready('shenji', 'auditor', 'Audit-2026!ok');
  await loginAs(page, served, auditor);
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: '主导航' });
  await expect(nav.getByRole('link')).toHaveText(['审计日志']);
  await expect(page.getByText('谁可以查看审计日志')).toBeVisible();

  const sentences = page.locator('.ag-row [col-id="sentence"]');
  await expect(sentences.filter({ hasText: '修改了 新城社区 张伟（61****************） 的 籍贯、联系电话' })).toHaveCount(1);
  await expect(sentences.filter({ hasText: '审核员 测试lina 查看了 新城社区 张伟（61****************） 的身份证号' })).toHaveCount(1);
  const grid = await page.locator('.grid-host').innerText();
  expect(grid).not.toContain('roster.');
  expect(grid).not.toContain('13912345678');
  expect(grid).not.toContain('610402199005170025');

  // Filter by username and by area: the clerk's login rows, in Chinese.
  await page.getByLabel('操作人').fill('luru');
  await page.getByLabel('业务').selectOption({ label: '登录与会话' });
  await page.getByRole('button', { name: '查询' }).click();
  await expect(sentences.filter({ hasText: '测试录入员 登录：测试录入员（luru）' }).first()).toBeVisible();
  await expect(sentences.filter({ hasNotText: '测试录入员' })).toHaveCount(0);

  await page.getByRole('button', { name: '校验完整性' }).click();
  await expect(page.getByRole('status', { name: '校验结果' })).toContainText('校验通过');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出' }).click();
  expect((await download).suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

test('after the idle time the app locks itself and hides the data until the password is entered', async ({ page }) => {
  await adminCall('settings.updateSecurity', { maxFailures: 5, lockMinutes: 15, idleMinutes: 1 });
  try {
    await page.clock.install();
    await loginAs(page, served, 'clerk');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
    const heading = page.getByRole('heading', { name: '花名册' });
    await expect(heading).toBeVisible();
    await page.clock.fastForward('01:05');
    const lock = page.getByRole('dialog', { name: '已锁定' });
    await expect(lock).toBeVisible();
    await expect(heading).toBeHidden();

    await lock.locator('#lock-password').fill('Wrong-2026!no');
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(lock.locator('.form-banner')).toContainText('还可尝试');
    await lock.locator('#lock-password').fill(E2E_CLERK.password);
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(lock).toHaveCount(0);
    await expect(heading).toBeVisible();
  } finally {
    await adminCall('settings.updateSecurity', { maxFailures: 5, lockMinutes: 15, idleMinutes: 10 });
  }
});

test('the administrator backs up now and restores from that backup, then logs in again', async ({ page }) => {
  await loginAs(page, served, E2E_ADMIN);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  await page.getByRole('button', { name: '立即备份' }).click();
  await expect(page.getByRole('status')).toContainText('已备份');
  const rows = page.getByRole('table', { name: '备份列表' }).getByRole('row');
  await expect(rows.filter({ hasText: '手动' })).toHaveCount(1);
  page.once('dialog', (d) => void d.accept());
  await rows.filter({ hasText: '手动' }).getByRole('button', { name: '从此备份恢复' }).click();
  // Restoring ends every session: the next call brings the login page back.
  await expect(page.getByLabel('用户名')).toBeVisible({ timeout: 15_000 });
  await loginAs(page, served, E2E_ADMIN);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '设置' }).click();
  await expect(page.getByRole('table', { name: '备份列表' }).getByRole('row').filter({ hasText: '恢复前自动' })).toHaveCount(1);
});

test('a typed security policy asks before the page is left: 取消 keeps it, 保存 stores it', async ({ page }) => {
  // The restore above ended every session, the bridge's admin session too.
  admin = await login(served, E2E_ADMIN);
  await loginAs(page, served, E2E_ADMIN);
  const nav = page.getByRole('navigation', { name: '主导航' });
  await nav.getByRole('link', { name: '设置' }).click();
  const field = page.getByLabel('失败次数上限');
  await expect(field).toHaveValue('5');
  await field.fill('6');
  await nav.getByRole('link', { name: '审计日志' }).click();
  const ask = page.getByRole('alertdialog', { name: '有未保存的修改' });
  await expect(ask).toContainText('安全策略（1 处修改）');
  await ask.getByRole('button', { name: '取消' }).click();
  await expect(field).toHaveValue('6');
  await nav.getByRole('link', { name: '审计日志' }).click();
  await ask.getByRole('button', { name: '保存' }).click();
  await expect(field).toBeHidden();
  try {
    expect((await adminCall('settings.getSecurity', {})).maxFailures).toBe(6);
  } finally {
    await adminCall('settings.updateSecurity', { maxFailures: 5, lockMinutes: 15, idleMinutes: 10 });
  }
});

test('while the login is checked a hidden grid warms up ag-grid: it asks the server nothing and is gone before the app shows', async ({ page }) => {
  // Issue 19. Records the warm-up grid (features/roster/warmUp.tsx) coming and going.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { warmSeen: string[] }).warmSeen = seen;
    const isWarm = (n: Node) => n instanceof HTMLElement && n.classList.contains('grid-warm-up');
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (isWarm(n)) seen.push('added');
        for (const n of r.removedNodes) if (isWarm(n)) seen.push('removed');
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const calls: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/api/')) calls.push(path.slice(5));
  });
  const lp = await loginAs(page, served, 'clerk');
  const seen = await page.evaluate(() => (window as unknown as { warmSeen: string[] }).warmSeen);
  expect(seen).toEqual(['added', 'removed']);
  await expect(page.locator('.grid-warm-up')).toHaveCount(0);
  await expect(lp.userbar).toBeVisible();
  // Its rows are made up in the page: no roster call until 花名册 is opened.
  expect(calls.filter((c) => c.startsWith('roster.') || c === 'org.tree')).toEqual([]);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
  await expect(page.locator('.ag-root')).toHaveCount(1);
});
