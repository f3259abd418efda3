import { createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiCall, E2E_ADMIN, E2E_CLERK, login, startServe, type Served } from '../helpers/serve.ts';
import { loginAs, type Account } from './pages/login.ts';
import { ExchangePage, type SavedFile } from './pages/exchange-page.ts';

// Two installations on one machine, as on two: the county (秦都区) and a community (新城社区),
// each its own `jiceng serve` on its own database. The first block enrolls over the bridge
// (fingerprints confirmed) and carries a bundle through the 数据交换 page; the second walks the
// guided enrolment on both sides, files handed between the two browsers as on a USB stick; the
// third resolves a cross-community duplicate on the 冲突处理 screen.

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

/** Enrollment through the operations: county profile → community (fingerprint read over the phone), community keys, request → county. */
async function enrolOverBridge(p: Pair): Promise<string> {
  await must(p.county, 'keys.init', {}, p.countyAdmin);
  const profile = await must(p.county, 'enroll.exportProfile', { communityCode: COMMUNITY.code }, p.countyAdmin);
  await must(p.community, 'enroll.importProfile', { text: profile.text, confirm: profile.fingerprint }, p.communityAdmin);
  await must(p.community, 'keys.init', {}, p.communityAdmin);
  const request = await must(p.community, 'enroll.exportRequest', {}, p.communityAdmin);
  const peer = await must(p.county, 'enroll.importRequest', { text: request.text, confirm: request.fingerprint }, p.countyAdmin);
  expect(peer.status).toBe('trusted');
  return request.fingerprint;
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
    test.setTimeout(240_000);
    const p = await installations();
    ({ county, community, countyAdmin } = p);
    reviewer = await account(county, countyAdmin, REVIEWER, 'reviewer');
    communityFingerprint = await enrolOverBridge(p);
  });

  test.afterAll(async () => {
    await Promise.all([county?.stop(), community?.stop()]);
  });

  test('a community bundle travels to the county: accepted once, a copy is a calm duplicate, a tampered copy is refused', async ({ browser }) => {
    test.setTimeout(180_000);
    const keys = await must(community, 'keys.show', {}, community.session);
    await must(community, 'roster.create', {
      orgId: keys.binding.orgId, name: '李秀兰', gender: '女', ethnicity: '汉族', birthDate: '1986-04-12',
      politicalStatus: '中共党员', posts: ['书记'], postCategory: '正职',
    }, community.session);
    expect(await countyRoster()).toEqual([]);

    let files: SavedFile[] = [];
    await test.step('the community clerk exports an incremental bundle', async () => {
      const { exchange } = await openAs(browser, community, 'clerk');
      // The enrolment steps are done (the clerk is told they are the administrator's); the export is the current step.
      await expect(exchange.currentStep).toContainText('导出数据包');
      expect(await exchange.readOwnFingerprint()).toBe(communityFingerprint);
      files = await exchange.exportIncremental();
      await exchange.tab('收发数据');
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
      await expect(exchange.resultRows.first().locator('[data-outcome]')).toHaveText('已接收');
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
      await expect(result.locator('[data-outcome]')).toHaveText('重复（无改动）');
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
      await expect(signed.locator('[data-outcome]')).toHaveText('文件损坏');
      const unsigned = exchange.resultRows.filter({ hasText: `copy-${age.name}` });
      await expect(unsigned.locator('[data-outcome]')).toHaveText('缺少签名文件');
      await expect(exchange.page.locator('.form-banner')).toContainText(`缺少同名的签名文件（.sig），未导入：copy-${age.name}`);
      await expect(exchange.receivedRows.first().locator('td').last()).toHaveText('缺少签名文件');
      await expect(exchange.receivedRows.first().locator('td').last()).toHaveClass(/outcome-bad/);
    });
    expect(await countyRoster()).toEqual(received);
  });
});

test.describe('the guided enrolment on both sides', () => {
  let pair: Pair;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    pair = await installations();
  });
  test.afterAll(async () => {
    await Promise.all([pair?.county.stop(), pair?.community.stop()]);
  });

  test('each side follows its steps, files pass on the stick, both fingerprints are checked by phone', async ({ browser }) => {
    // Two servers and two browsers on a shared machine: a long walk.
    test.setTimeout(180_000);
    const { exchange: c } = await openAs(browser, pair.county, 'admin');
    const { exchange: m } = await openAs(browser, pair.community, 'admin');
    let profile: SavedFile;
    let countyFpr = '';

    await test.step('county: 建立本机密钥, without being asked for the unit again', async () => {
      await expect(c.currentStep).toContainText('建立本机密钥');
      await expect(c.currentStep).toContainText(`以“${COUNTY.name}”的名义`);
      await expect(c.page.getByRole('combobox', { name: '本单位' })).toHaveCount(0);
      await c.step('建立本机密钥').getByRole('button', { name: '建立本机密钥' }).click();
      await expect(c.currentStep).toContainText('导出县级登记文件');
      await expect(c.step('建立本机密钥')).toHaveAttribute('data-state', 'done');
    });

    await test.step('county: 导出县级登记文件 for one community; the fingerprint is only on the keys page', async () => {
      await expect(c.page.getByText(/^age1/)).toHaveCount(0);
      await c.step('导出县级登记文件').getByRole('combobox', { name: '社区' }).selectOption({ label: COMMUNITY.name });
      profile = await c.saveOne('导出县级登记文件', '导出登记文件');
      expect(profile.name).toContain(`_for_${COMMUNITY.code}_`);
      await expect(c.currentStep).toContainText('核对并接收社区申请');
      countyFpr = await c.readOwnFingerprint();
      expect(countyFpr).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4})+$/);
    });

    let request: SavedFile;
    let communityFpr = '';
    await test.step('community: 导入县级登记文件, then 生成申请', async () => {
      await expect(m.currentStep).toContainText('导入县级登记文件');
      await m.pickFile('导入县级登记文件', profile);
      await m.step('导入县级登记文件').getByRole('button', { name: '导入登记文件' }).click();
      await expect(m.currentStep).toContainText('生成申请');
      await expect(m.currentStep).toContainText(`为“${COMMUNITY.name}”生成自己的密钥`);
      request = await m.saveOne('生成申请', '生成并下载登记申请');
      await expect(m.currentStep).toContainText('电话核对指纹');
      communityFpr = await m.readOwnFingerprint();
      await m.tab('本机密钥');
      await expect(m.peerRow(COUNTY.name)).toContainText('待核对指纹');
      await m.tab('交换步骤');
    });

    await test.step('county: a wrong fingerprint is refused without showing the right one; the right one enrolls', async () => {
      await c.pickFile('核对并接收社区申请', request);
      const enroll = c.step('核对并接收社区申请').getByRole('button', { name: '核对指纹并登记' });
      await expect(enroll).toBeDisabled();
      const wrong = countyFpr.split(' ').reverse().join(' ');
      await c.step('核对并接收社区申请').getByRole('textbox', { name: '社区读出的指纹' }).fill(wrong);
      await enroll.click();
      await expect(c.stepMessage('核对并接收社区申请')).toContainText('输入的指纹与文件中的密钥不符');
      await expect(c.page.locator('body')).not.toContainText(communityFpr);
      await c.step('核对并接收社区申请').getByRole('textbox', { name: '社区读出的指纹' }).fill(communityFpr);
      await enroll.click();
      await expect(c.stepMessage('核对并接收社区申请')).toHaveText(`已登记：${COMMUNITY.name}（${COMMUNITY.code}）`);
      await expect(c.step('核对并接收社区申请')).toContainText(`${COMMUNITY.name}（已信任）`);
      await c.tab('收发数据');
      await expect(c.overviewRow(COMMUNITY.name)).toContainText('尚未报送');
    });

    await test.step('community: 电话核对指纹 (required), then the export is the current step', async () => {
      const confirm = m.step('电话核对指纹').getByRole('button', { name: '核对指纹' });
      await expect(confirm).toBeDisabled();
      await m.step('电话核对指纹').getByRole('textbox', { name: '县里读出的指纹' }).fill(communityFpr);
      await confirm.click();
      await expect(m.stepMessage('电话核对指纹')).toContainText('不符');
      await expect(m.page.locator('body')).not.toContainText(countyFpr);
      await m.step('电话核对指纹').getByRole('textbox', { name: '县里读出的指纹' }).fill(countyFpr);
      await confirm.click();
      await expect(m.currentStep).toContainText('导出数据包');
      await expect(m.section('向县（区）报送数据').getByRole('button', { name: '导出增量包' })).toBeEnabled();
      await m.tab('本机密钥');
      await expect(m.peerRow(COUNTY.name)).toContainText('已信任');
    });
  });
});

test.describe('a cross-community duplicate', () => {
  let pair: Pair;
  let reviewerSession: string;
  const ID = '610402197903050018';
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    pair = await installations();
    // Before the community enrolled, the county entered the person itself; the community then reports the same ID number.
    const tree = await must(pair.county, 'org.tree', {}, pair.countyAdmin);
    const unit = tree.find((u: { code: string }) => u.code === COMMUNITY.code);
    const countyClerk = await account(pair.county, pair.countyAdmin, { username: 'xianlu', password: 'Clerk-2026!e2e' }, 'clerk');
    const person = { gender: '男', ethnicity: '汉族', birthDate: '1979-03-05', politicalStatus: '中共党员', posts: ['书记'], postCategory: '正职', idNumber: ID };
    await must(pair.county, 'roster.create', { ...person, orgId: unit.id, name: '赵建国' }, countyClerk);
    await enrolOverBridge(pair);
    const keys = await must(pair.community, 'keys.show', {}, pair.community.session);
    await must(pair.community, 'roster.create', { ...person, orgId: keys.binding.orgId, name: '赵建囯' }, pair.community.session);
    const out = await must(pair.community, 'bundle.export', { full: false }, pair.community.session);
    const f = out.files[0];
    const bytes = Buffer.from(f.file, 'base64');
    await must(pair.community, 'bundle.exportDone', { exportId: f.id, ok: true, sha256: createHash('sha256').update(bytes).digest('hex') }, pair.community.session);
    reviewerSession = await account(pair.county, pair.countyAdmin, REVIEWER, 'reviewer');
    const r = await must(pair.county, 'bundle.import', { fileName: f.fileName, file: f.file, signature: f.signature }, reviewerSession);
    expect(r.report.people.conflicts).toBe(1);
  });
  test.afterAll(async () => {
    await Promise.all([pair?.county.stop(), pair?.community.stop()]);
  });

  test('the overview leads to a screen that resolves it: the received record is taken, the local one set aside', async ({ browser }) => {
    test.setTimeout(120_000);
    const { exchange } = await openAs(browser, pair.county, REVIEWER);
    await expect(exchange.section('各社区报送情况')).toContainText('有 1 条跨社区重复或冲突记录待处理');
    await exchange.section('各社区报送情况').getByRole('button', { name: '逐条处理' }).click();
    const card = exchange.page.getByRole('article', { name: '冲突：赵建囯' });
    await expect(card).toContainText('身份证号已在其他社区的在岗人员名下');
    await expect(card.locator('.conflict-side').first()).toContainText('赵建国');
    await expect(card.locator('.conflict-side').nth(1)).toContainText('赵建囯');
    // Masked on screen: only the province digits.
    await expect(card).toContainText('61****************');
    await expect(exchange.page.locator('body')).not.toContainText(ID);
    await card.getByRole('button', { name: '采用收到的记录' }).click();
    await expect(exchange.section('跨社区重复与冲突').getByRole('status')).toHaveText('已处理“赵建囯”：采用收到的记录');
    await expect(exchange.section('跨社区重复与冲突').getByRole('note')).toHaveText('没有待处理的冲突记录。');
    const rows = (await must(pair.county, 'roster.list', { status: 'all' }, reviewerSession)).rows;
    expect(rows.map((p: { name: string }) => p.name)).toEqual(['赵建囯']);
  });
});
