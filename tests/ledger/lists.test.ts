import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { colourOf } from '../../core/ledger/progress.ts';
import { b64, ledgerApp, refused, rowCount } from './fixture.ts';

const opened: TestApp[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) {
    a.close();
    removeDir(a.dir);
  }
});

async function setUp() {
  const t = await ledgerApp();
  opened.push(t.app);
  return t;
}

const png = (bytes: number, name = '照片.png') => ({ fileName: name, mime: 'image/png' as const, dataBase64: b64(bytes) });

// A refused mutation leaves one 'failed' audit row (issue 13); "nothing written" means no 'ok' row.
const okAudits = (app: { opened: { sqlite: { prepare(sql: string): { get(): unknown } } } }) =>
  (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;

describe('list items (清单)', () => {
  it('carries source, owner, deadline, progress colour and closure; a closed item is frozen', async () => {
    const { app, org, clock } = await setUp();
    const item = await app.ok('ledger.items.create', {
      orgId: org.community.id, kind: '需求', sourceUnitName: '3号楼居民', title: '增设充电桩', category: '民生', deadline: '2026-06-30', progress: 20,
    });
    expect(item).toMatchObject({ orgName: '新城社区', sourceUnitName: '3号楼居民', registeredOn: '2026-05-10', colour: '红', overdue: false, received: false });
    expect((await app.ok('ledger.items.update', { id: item.id, title: '增设充电桩', category: '民生', deadline: '2026-06-30', progress: 65 })).colour).toBe('黄');
    clock.now = new Date('2026-07-02T04:00:00Z');
    expect((await app.ok('ledger.items.get', { id: item.id })).overdue).toBe(true);
    const closed = await app.ok('ledger.items.close', { id: item.id, note: '已安装 6 个' });
    expect(closed).toMatchObject({ colour: '蓝', closedOn: '2026-07-02', closedBy: '本机维护', closeNote: '已安装 6 个', progress: 100, overdue: true });
    const again = await refused(app, 'ledger.items.update', { id: item.id, title: '改', category: '民生', progress: 0 });
    expect(again).toMatchObject({ code: 'conflict' });
    expect(again.message).toContain('已于 2026-07-02 销号，不能再修改');
    expect((await refused(app, 'ledger.items.close', { id: item.id })).message).toContain('销号');
  });

  it('maps progress to the 五色 bands (red below 30 %, blue closed)', () => {
    expect([0, 29, 30, 59, 60, 89, 90, 100].map((p) => colourOf(p, false, false))).toEqual(['红', '红', '橙', '橙', '黄', '黄', '绿', '绿']);
    expect(colourOf(95, false, true)).toBe('红');
    expect(colourOf(10, true, true)).toBe('蓝');
  });

  it('turns a 问题 into a 整改 item with measures and a deadline; the problem closes only after it', async () => {
    const { app, org } = await setUp();
    const problem = await app.ok('ledger.items.create', { orgId: org.community.id, kind: '问题', title: '消防通道堵塞', category: '安全' });
    const fix = await app.ok('ledger.items.rectify', { id: problem.id, measures: '清理杂物，划线禁停', deadline: '2026-05-31' });
    expect(fix).toMatchObject({ kind: '整改', fromItemId: problem.id, measures: '清理杂物，划线禁停', deadline: '2026-05-31', title: '整改：消防通道堵塞' });
    expect((await refused(app, 'ledger.items.close', { id: problem.id })).message).toContain('整改项尚未销号');
    await app.ok('ledger.items.close', { id: fix.id });
    await app.ok('ledger.items.close', { id: problem.id });
    expect((await app.ok('ledger.items.get', { id: problem.id })).rectifications.map((r) => r.id)).toEqual([fix.id]);
    const notProblem = await app.ok('ledger.items.create', { orgId: org.community.id, kind: '资源', title: '活动室', category: '阵地' });
    expect((await refused(app, 'ledger.items.rectify', { id: notProblem.id, measures: 'x', deadline: '2026-05-31' })).message).toContain('只有问题清单可以生成整改项');
    expect((await refused(app, 'ledger.items.create', { orgId: org.community.id, kind: '整改', title: 'x', category: 'y' })).message).toBe('「整改措施」整改清单必须填写');
  });

  it('bad input names the field and writes nothing: deadline before creation, unknown unit, attachments over limits', async () => {
    const { app, org } = await setUp();
    const base = { orgId: org.community.id, kind: '问题' as const, title: '井盖缺失', category: '安全' };
    const audit = okAudits(app);
    const early = await refused(app, 'ledger.items.create', { ...base, registeredOn: '2026-05-08', deadline: '2026-05-01' });
    expect(early).toMatchObject({ code: 'validation', issues: [{ path: 'deadline', message: '「时限」2026-05-01 不能早于登记日期 2026-05-08' }] });
    const unknown = await refused(app, 'ledger.items.create', { ...base, orgId: crypto.randomUUID() });
    expect(unknown.message).toMatch(/^「责任单位」所选单位不存在/);
    const oneBig = await refused(app, 'ledger.items.create', { ...base, attachments: [png(10), png(2 * 1024 * 1024 + 1, '航拍.png')] });
    expect(oneBig.issues).toEqual([{ path: 'attachments.1', message: '「附件」“航拍.png”超过单个文件 2 MB 的上限' }]);
    const tooMany = await refused(app, 'ledger.items.create', { ...base, attachments: Array.from({ length: 6 }, (_, i) => png(2 * 1024 * 1024, `${i}.png`)) });
    expect(tooMany.message).toBe('「附件」合计超过每条记录 10 MB 的上限');
    const badProgress = await refused(app, 'ledger.items.create', { ...base, progress: 120 });
    expect(badProgress.message).toBe('「进度」应为 0–100 的整数');
    expect(rowCount(app, 'ledger_items') + rowCount(app, 'ledger_attachments')).toBe(0);
    expect(okAudits(app)).toBe(audit);
    // The per-item limit counts what is already stored.
    const item = await app.ok('ledger.items.create', { ...base, attachments: Array.from({ length: 5 }, (_, i) => png(2 * 1024 * 1024, `${i}.png`)) });
    const more = await refused(app, 'ledger.items.update', { id: item.id, title: '井盖缺失', category: '安全', progress: 10, attachments: [png(10)] });
    expect(more.message).toBe('「附件」合计超过每条记录 10 MB 的上限');
    expect((await app.ok('ledger.items.get', { id: item.id })).attachments).toHaveLength(5);
  });
});

describe('tasks (任务清单) and completion reports', () => {
  it('a street task reaches its communities; each report is a separate record and the state follows the latest', async () => {
    const { app, org, clock } = await setUp();
    const c2 = await app.ok('org.create', { level: 'community', parentId: org.street.id, name: '幸福社区', code: '610402001002' });
    const task = await app.ok('ledger.tasks.create', { orgId: org.street.id, title: '五月主题党日', category: '组织生活', deadline: '2026-05-31', targetOrgIds: [org.community.id, c2.id] });
    expect(task.targets.map((t) => t.state)).toEqual(['进行中', '进行中']);
    await app.ok('ledger.tasks.report', { taskId: task.id, orgId: org.community.id, progress: 50, content: '已筹备' });
    await app.ok('ledger.tasks.report', { taskId: task.id, orgId: org.community.id, progress: 100, done: true, content: '已开展，32 人参加' });
    clock.now = new Date('2026-06-03T04:00:00Z');
    await app.ok('ledger.tasks.report', { taskId: task.id, orgId: c2.id, progress: 100, done: true, content: '补开' });
    const got = await app.ok('ledger.tasks.get', { id: task.id });
    expect(got.targets.map((t) => [t.orgName, t.state, t.colour])).toEqual([['新城社区', '按时完成', '蓝'], ['幸福社区', '逾期完成', '蓝']]);
    expect(got.reports).toHaveLength(3);
    expect((await refused(app, 'ledger.tasks.report', { taskId: task.id, orgId: c2.id, progress: 100, done: true, content: '再报' })).message).toContain('已于 2026-06-03 报告完成');
  });

  it('refuses a deadline before the issue date, a target that is not a community below, and a report from a unit not addressed', async () => {
    const { app, org } = await setUp();
    const early = await refused(app, 'ledger.tasks.create', { orgId: org.county.id, title: 't', category: 'c', issuedOn: '2026-05-10', deadline: '2026-05-09', targetOrgIds: [org.community.id] });
    expect(early.message).toBe('「时限」2026-05-09 不能早于下达日期 2026-05-10');
    const street = await refused(app, 'ledger.tasks.create', { orgId: org.county.id, title: 't', category: 'c', deadline: '2026-06-09', targetOrgIds: [org.street.id] });
    expect(street.issues![0]).toMatchObject({ path: 'targetOrgIds.0', message: '「接收社区」“人民路街道”不是秦都区下属的社区' });
    const unknown = await refused(app, 'ledger.tasks.create', { orgId: org.county.id, title: 't', category: 'c', deadline: '2026-06-09', targetOrgIds: [crypto.randomUUID()] });
    // A record id checked by the guard before the handler runs.
    expect(unknown).toMatchObject({ code: 'not_found', message: expect.stringMatching(/^未找到组织单位/) });
    const fromCommunity = await refused(app, 'ledger.tasks.create', { orgId: org.community.id, title: 't', category: 'c', deadline: '2026-06-09', targetOrgIds: [org.community.id] });
    expect(fromCommunity.message).toBe('「下达单位」应为县（区）或街道，“新城社区”不是');
    const c2 = await app.ok('org.create', { level: 'community', parentId: org.street.id, name: '幸福社区', code: '610402001002' });
    const task = await app.ok('ledger.tasks.create', { orgId: org.county.id, title: 't', category: 'c', deadline: '2026-06-09', targetOrgIds: [org.community.id] });
    expect((await refused(app, 'ledger.tasks.report', { taskId: task.id, orgId: c2.id, progress: 10, content: 'x' })).message).toBe('「报告社区」“幸福社区”不是任务「t」的接收社区');
    expect(rowCount(app, 'ledger_task_reports')).toBe(0);
  });
});

describe('quarterly reports (季度报告)', () => {
  it('seal freezes the figures; edits are refused; a correction is a new record pointing back', async () => {
    const { app, org } = await setUp();
    await app.ok('ledger.orders.register', { orgId: org.community.id, source: '走访', title: '助餐', category: '为老', registeredOn: '2026-04-20' });
    const q = await app.ok('ledger.quarters.create', { orgId: org.community.id, year: 2026, quarter: 2, summary: '二季度小结' });
    expect(q.sealedAt).toBeNull();
    expect((await refused(app, 'ledger.quarters.create', { orgId: org.community.id, year: 2026, quarter: 2, summary: 'again' })).message).toContain('未封存的报告草稿');
    await app.ok('ledger.orders.register', { orgId: org.community.id, source: '热线', title: '维修', category: '设施', registeredOn: '2026-05-02' });
    const sealed = await app.ok('ledger.quarters.seal', { id: q.id });
    expect(sealed.sealedAt).not.toBeNull();
    expect(sealed.figures.ordersReceived).toBe(2);
    await app.ok('ledger.orders.register', { orgId: org.community.id, source: '热线', title: '又一单', category: '设施' });
    expect((await refused(app, 'ledger.quarters.update', { id: q.id, summary: '改' })).message).toContain('已于');
    expect((await refused(app, 'ledger.quarters.seal', { id: q.id })).message).toContain('不能修改');
    const stored = (await app.ok('ledger.quarters.list', { orgId: org.community.id })).rows[0]!;
    expect(stored).toMatchObject({ summary: '二季度小结', figures: { ordersReceived: 2 } });
    expect((await refused(app, 'ledger.quarters.create', { orgId: org.community.id, year: 2026, quarter: 2, summary: 'x' })).message).toContain('请新建更正报告');
    const fix = await app.ok('ledger.quarters.create', { orgId: org.community.id, year: 2026, quarter: 2, summary: '更正：补报一单', correctsId: q.id });
    expect(fix).toMatchObject({ correctsId: q.id, sealedAt: null });
    const wrong = await refused(app, 'ledger.quarters.create', { orgId: org.community.id, year: 2026, quarter: 1, summary: 'x', correctsId: q.id });
    expect(wrong.issues![0]!.path).toBe('correctsId');
  });
});
