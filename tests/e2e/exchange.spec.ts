import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiCall, E2E_ADMIN, E2E_CLERK, login, startServe, type Served } from '../helpers/serve.ts';
import { loginAs, type Account } from './pages/login.ts';
import { ExchangePage, type SavedFile } from './pages/exchange-page.ts';

// Two installations on one machine, as on two: the county (秦都区) and a community (新城社区),
// each its own `jiceng serve` on its own database. The first block enrolls over the bridge
// (fingerprints confirmed) and carries a bundle through the 数据交换 page; the second does the
// enrollment itself through the page, files handed between the two browsers as on a USB stick.

const COUNTY = { level: 'county', name: '秦都区', code: '610402000000' };
const STREET = { level: 'street', name: '人民路街道', code: '610402001000' };
const COMMUNITY = { level: 'community', name: '新城社区', code: '610402001001' };
const REVIEWER: Account = { username: 'shenhe', password: 'Review-2026!e2e' };

let county: Served;
let community: Served;
let countyAdmin: string;
let reviewer: string;
let communityFingerprint: string;

async function must(s: Served, op: string, input: unknown, session: string): Promise<any> {
  const env = await apiCall(s, op, input, session);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

/** An account made by the administrator whose first password has already been changed. */
async function account(s: Served, admin: string, who: Account, role: string): Promise<string> {
  const first = 'First-2026!e2e';
  await must(s, 'users.create', { username: who.username, displayName: `测试${who.username}`, role, initialPassword: first }, admin);
  const session = await login(s, { username: who.username, password: first });
  await must(s, 'auth.changePassword', { oldPassword: first, newPassword: who.password }, session);
  return login(s, who);
}

interface Pair {
  county: Served;
  community: Served;
  countyAdmin: string;
  communityAdmin: string;
}

/** Both installations set up, with accounts and org trees, but no keys yet. */
async function installations(): Promise<Pair> {
  const [county, community] = await Promise.all([startServe(), startServe({ setup: false })]);
  // The county: its street and community in the org tree.
  const countyAdmin = await login(county, E2E_ADMIN);
  const tree = await must(county, 'org.tree', {}, countyAdmin);
  const street = await must(county, 'org.create', { ...STREET, parentId: tree[0].id }, countyAdmin);
  await must(county, 'org.create', { ...COMMUNITY, parentId: street.id }, countyAdmin);

  // The community installation: first-run setup bound to 新城社区, an admin and a clerk.
  await must(community, 'setup.init', {
    orgs: [COUNTY, STREET, COMMUNITY],
    admin: { username: E2E_ADMIN.username, displayName: '社区管理员', password: E2E_ADMIN.password },
  }, '');
  const communityAdmin = await login(community, E2E_ADMIN);
  community.session = await account(community, communityAdmin, E2E_CLERK, 'clerk');
  return { county, community, countyAdmin, communityAdmin };
}

async function openAs(browser: Browser, served: Served, who: 'admin' | 'clerk' | Account): Promise<{ page: Page; exchange: ExchangePage }> {
  const page = await (await browser.newContext()).newPage();
  await loginAs(page, served, who);
  const exchange = new ExchangePage(page);
  await exchange.open();
  return { page, exchange };
}

const countyRoster = async () => (await must(county, 'roster.list', { status: 'all' }, reviewer)).rows;

test.describe('a bundle from an enrolled community', () => {
  test.beforeAll(async () => {
    const p = await installations();
    ({ county, community, countyAdmin } = p);
    await must(county, 'keys.init', { orgCode: COUNTY.code }, countyAdmin);
    reviewer = await account(county, countyAdmin, REVIEWER, 'reviewer');
    // Enrollment: county profile → community (fingerprint read over the phone), community keys,
    // enrollment request → county (fingerprint confirmed).
    const profile = await must(county, 'enroll.exportProfile', {}, countyAdmin);
    await must(community, 'enroll.importProfile', { text: profile.text, confirm: profile.fingerprint }, p.communityAdmin);
    await must(community, 'keys.init', { orgCode: COMMUNITY.code }, p.communityAdmin);
    const request = await must(community, 'enroll.exportRequest', {}, p.communityAdmin);
    const peer = await must(county, 'enroll.importRequest', { text: request.text, confirm: request.fingerprint }, countyAdmin);
    expect(peer.status).toBe('trusted');
    communityFingerprint = request.fingerprint;
  });

  test.afterAll(async () => {
    await Promise.all([county?.stop(), community?.stop()]);
  });

  test('a community bundle travels to the county: accepted once, a copy is a calm duplicate, a tampered copy is refused', async ({ browser }) => {
    const keys = await must(community, 'keys.show', {}, community.session);
    await must(community, 'roster.create', {
      orgId: keys.binding.orgId, name: '李秀兰', gender: '女', ethnicity: '汉族', birthDate: '1986-04-12',
      politicalStatus: '中共党员', posts: ['书记'], postCategory: '正职',
    }, community.session);
    expect(await countyRoster()).toEqual([]);

    let files: SavedFile[] = [];
    await test.step('the community clerk exports an incremental bundle', async () => {
      const { exchange } = await openAs(browser, community, 'clerk');
      await expect(exchange.ownFingerprint).toHaveText(communityFingerprint);
      files = await exchange.exportIncremental();
      expect(files.map((f) => f.name.slice(-4)).sort()).toEqual(['.age', '.sig']);
      await expect(exchange.sentRows).toHaveCount(1);
      await expect(exchange.sentRows.first()).toContainText('已写入');
    });
    const age = files.find((f) => f.name.endsWith('.age'))!;

    const { exchange } = await openAs(browser, county, REVIEWER);
    await test.step('the county reviewer imports it: 已接收, in the history and the overview', async () => {
      await expect(exchange.overviewRow('新城社区')).toContainText('尚未报送');
      await exchange.importFiles(files);
      await expect(exchange.resultRows).toHaveCount(1);
      await expect(exchange.resultRows.first().locator('[data-outcome]')).toHaveText('已接收（ACCEPTED）');
      await expect(exchange.receivedRows.first()).toContainText(age.name);
      await expect(exchange.receivedRows.first()).toContainText(`${COMMUNITY.code} 第 1 号`);
      await expect(exchange.receivedRows.first()).toContainText('已接收');
      const row = exchange.overviewRow('新城社区');
      await expect(row).not.toContainText('尚未报送');
      await expect(row.locator('td').nth(4)).toHaveText('1');
    });
    const received = await countyRoster();
    expect(received.map((p: { name: string }) => p.name)).toEqual(['李秀兰']);

    await test.step('the same file again is a calm duplicate', async () => {
      await exchange.importFiles(files);
      const result = exchange.resultRows.first();
      await expect(result.locator('[data-outcome]')).toHaveText('重复（无改动）（DUPLICATE）');
      await expect(result).not.toHaveClass(/outcome-bad-row/);
      await expect(exchange.page.locator('.form-banner')).toHaveCount(0);
    });

    await test.step('a tampered copy is refused; a copy picked without its signature file is not even read', async () => {
      const tampered = Buffer.from(age.buffer);
      tampered[tampered.length - 10]! ^= 0x01;
      const sig = files.find((f) => f.name.endsWith('.sig'))!;
      await exchange.importFiles([{ name: age.name, buffer: tampered }, sig, { name: `copy-${age.name}`, buffer: tampered }]);
      await expect(exchange.resultRows).toHaveCount(2);
      for (const row of await exchange.resultRows.all()) await expect(row).toHaveClass(/outcome-bad-row/);
      const signed = exchange.resultRows.filter({ hasText: '签名文件与数据包不符' });
      await expect(signed).toHaveCount(1);
      await expect(signed.locator('[data-outcome]')).toHaveText('文件损坏（CORRUPT）');
      const unsigned = exchange.resultRows.filter({ hasText: `copy-${age.name}` });
      await expect(unsigned.locator('[data-outcome]')).toHaveText('缺少签名文件（SIG_MISSING）');
      await expect(exchange.page.locator('.form-banner')).toContainText(`缺少同名的签名文件（.sig），未导入：copy-${age.name}`);
      await expect(exchange.receivedRows.first().locator('td').last()).toHaveText('缺少签名文件');
      await expect(exchange.receivedRows.first().locator('td').last()).toHaveClass(/outcome-bad/);
    });
    expect(await countyRoster()).toEqual(received);
  });
});

test.describe('enrollment through the page', () => {
  let pair: Pair;
  test.beforeAll(async () => {
    pair = await installations();
  });
  test.afterAll(async () => {
    await Promise.all([pair?.county.stop(), pair?.community.stop()]);
  });

  test('keys and enrollment files pass between the two administrators, a wrong fingerprint is refused', async ({ browser }) => {
    const { exchange: c } = await openAs(browser, pair.county, 'admin');
    const { exchange: m } = await openAs(browser, pair.community, 'admin');

    // The county initialises its keys and hands out its profile (file on the stick, fingerprint by phone).
    await c.keys.getByRole('combobox', { name: '本单位' }).selectOption(COUNTY.code);
    await c.keys.getByRole('button', { name: '初始化密钥' }).click();
    await expect(c.keys.getByRole('heading', { name: '本机密钥与登记' })).toBeVisible();
    const countyFpr = (await c.ownFingerprint.textContent())!;
    const profile = await c.saveOne('导出县级配置');
    await expect(c.keysMessage).toContainText(countyFpr);

    // The community imports the profile with the fingerprint it was told, then makes its keys.
    await m.pickEnrollmentFile(profile);
    await m.keys.getByRole('textbox', { name: '县级指纹' }).fill(countyFpr);
    await m.keys.getByRole('button', { name: '导入县级配置' }).click();
    await expect(m.keysMessage).toHaveText(`已导入县级配置：${COUNTY.name}，指纹 ${countyFpr}`);
    await m.keys.getByRole('combobox', { name: '本单位' }).selectOption(COMMUNITY.code);
    await m.keys.getByRole('button', { name: '初始化密钥' }).click();
    await expect(m.keys.getByRole('heading', { name: '本机密钥与登记' })).toBeVisible();
    await expect(m.peerRow(COUNTY.name)).toContainText(countyFpr);
    const communityFpr = (await m.ownFingerprint.textContent())!;
    const request = await m.saveOne('导出登记申请');
    await expect(m.keysMessage).toContainText(communityFpr);

    // The county refuses the request when the fingerprint read over the phone does not match…
    await c.pickEnrollmentFile(request);
    const enroll = c.keys.getByRole('button', { name: '核对指纹并登记' });
    await expect(enroll).toBeDisabled();
    const wrong = countyFpr.split(' ').reverse().join(' ');
    await c.keys.getByRole('textbox', { name: '核对指纹' }).fill(wrong);
    await enroll.click();
    await expect(c.keysMessage).toContainText('输入的指纹与文件中的密钥不符');
    await expect(c.peerRow(COMMUNITY.name)).toHaveCount(0);

    // …and enrolls the community once it matches.
    await c.keys.getByRole('textbox', { name: '核对指纹' }).fill(communityFpr);
    await enroll.click();
    await expect(c.keysMessage).toHaveText(`已登记：${COMMUNITY.name}（${COMMUNITY.code}）`);
    await expect(c.peerRow(COMMUNITY.name)).toContainText(communityFpr);
    await expect(c.peerRow(COMMUNITY.name)).toContainText('已信任');
    await expect(c.overviewRow(COMMUNITY.name)).toContainText('尚未报送');

    // The community is now ready to report.
    await m.page.reload();
    await expect(m.section('向县（区）报送数据').getByRole('button', { name: '导出增量包' })).toBeEnabled();
  });
});
