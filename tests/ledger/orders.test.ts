import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { personInput } from '../bundle/fixture.ts';
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
  const order = await t.app.ok('ledger.orders.register', { orgId: t.org.community.id, source: '网格员', title: '小区路灯不亮', category: '基础设施' });
  return { ...t, order };
}

describe('the order loop 点单 → 建单 → 派单 → 接单 → 办理 → 评单 → 销号', () => {
  it('walks every step, each on the timeline with actor and time, and closes', async () => {
    const { app, org, order } = await setUp();
    const person = await app.ok('roster.create', personInput(org.community.id, 1, { politicalStatus: '中共党员' }));
    expect(order.status).toBe('已登记');
    await app.ok('ledger.orders.build', { id: order.id, category: '公共设施' });
    const d = await app.ok('ledger.orders.dispatch', { id: order.id, assigneeKind: '党员', assigneeId: person.id, dueDate: '2026-05-20' });
    expect(d).toMatchObject({ status: '已派单', assigneeName: '测试1', assigneeId: person.id });
    expect((await app.ok('ledger.orders.take', { id: order.id })).takenBy).toBe('测试1');
    await app.ok('ledger.orders.handle', { id: order.id, feedback: '已联系物业更换灯泡', attachments: [{ fileName: '修好.png', mime: 'image/png', dataBase64: b64(100) }] });
    await app.ok('ledger.orders.rate', { id: order.id, rating: '满意' });
    const closed = await app.ok('ledger.orders.close', { id: order.id });
    expect(closed).toMatchObject({ status: '已销号', closedOn: '2026-05-10', overdue: false, category: '公共设施' });
    const full = await app.ok('ledger.orders.get', { id: order.id });
    expect(full.steps.map((s) => s.step)).toEqual(['点单', '建单', '派单', '接单', '办理', '评单', '销号']);
    expect(full.steps.every((s) => s.actorName && s.at)).toBe(true);
    const evidence = full.steps.find((s) => s.step === '办理')!.attachments;
    expect(evidence.map((a) => a.fileName)).toEqual(['修好.png']);
    expect(await app.ok('ledger.attachments.get', { id: evidence[0]!.id })).toEqual({ fileName: '修好.png', mime: 'image/png', base64: b64(100) });
  });

  it('refuses closing without feedback, taking an already-taken order, rating before handling and more, writing nothing', async () => {
    const { app, order } = await setUp();
    expect((await refused(app, 'ledger.orders.take', { id: order.id })).message).toBe('工单尚未派单，不能接单');
    expect((await refused(app, 'ledger.orders.dispatch', { id: order.id, assigneeKind: '志愿服务队', assigneeName: '红马甲', dueDate: '2026-05-20' })).message).toBe('请先建单再派单');
    await app.ok('ledger.orders.build', { id: order.id });
    expect((await refused(app, 'ledger.orders.build', { id: order.id })).message).toBe('该工单已建单，不能重复建单');
    await app.ok('ledger.orders.dispatch', { id: order.id, assigneeKind: '志愿服务队', assigneeName: '红马甲志愿服务队', dueDate: '2026-05-20' });
    expect((await refused(app, 'ledger.orders.close', { id: order.id })).message).toBe('工单尚未办理反馈，不能销号');
    expect((await refused(app, 'ledger.orders.rate', { id: order.id, rating: '满意' })).message).toBe('工单尚未办理反馈，不能评单');
    await app.ok('ledger.orders.take', { id: order.id, takenBy: '张队长' });
    const steps = rowCount(app, 'ledger_order_steps');
    const again = await refused(app, 'ledger.orders.take', { id: order.id, takenBy: '李四' });
    expect(again).toMatchObject({ code: 'conflict', message: '该工单已由“张队长”接单，不能重复接单' });
    expect((await refused(app, 'ledger.orders.dispatch', { id: order.id, assigneeKind: '共建单位', assigneeName: '县供电公司', dueDate: '2026-05-20' })).message).toContain('不能再改派');
    expect((await refused(app, 'ledger.orders.handle', { id: order.id, feedback: '  ' })).message).toContain('「办理反馈」必须填写');
    expect((await refused(app, 'ledger.orders.rate', { id: order.id, rating: '满意' })).message).toBe('工单尚未办理反馈，不能评单');
    await app.ok('ledger.orders.handle', { id: order.id, feedback: '已处理' });
    expect((await refused(app, 'ledger.orders.close', { id: order.id })).message).toBe('工单尚未评单（群众评价），不能销号');
    expect((await refused(app, 'ledger.orders.rate', { id: order.id, rating: '很好' })).message).toContain('「群众评价」');
    expect(rowCount(app, 'ledger_order_steps')).toBe(steps + 1);
    expect((await app.ok('ledger.orders.get', { id: order.id })).status).toBe('已办理');
  });

  it('sends a 不满意 order back for handling once more; a closed order is frozen', async () => {
    const { app, order } = await setUp();
    await app.ok('ledger.orders.build', { id: order.id });
    await app.ok('ledger.orders.dispatch', { id: order.id, assigneeKind: '共建单位', assigneeName: '县供电公司', dueDate: '2026-05-20' });
    await app.ok('ledger.orders.take', { id: order.id });
    await app.ok('ledger.orders.handle', { id: order.id, feedback: '已查看' });
    await app.ok('ledger.orders.rate', { id: order.id, rating: '不满意' });
    const again = await app.ok('ledger.orders.handle', { id: order.id, feedback: '已更换线路' });
    expect(again).toMatchObject({ status: '已办理', rating: null, feedback: '已更换线路' });
    await app.ok('ledger.orders.rate', { id: order.id, rating: '基本满意' });
    expect((await refused(app, 'ledger.orders.handle', { id: order.id, feedback: 'x' })).message).toContain('无需返办');
    await app.ok('ledger.orders.close', { id: order.id });
    expect((await refused(app, 'ledger.orders.handle', { id: order.id, feedback: 'x' })).message).toBe('该工单已销号，不能再办理任何步骤');
  });

  it('flags overdue orders, and lists them for the street', async () => {
    const { app, org, order, clock } = await setUp();
    await app.ok('ledger.orders.build', { id: order.id });
    await app.ok('ledger.orders.dispatch', { id: order.id, assigneeKind: '志愿服务队', assigneeName: '红马甲', dueDate: '2026-05-12' });
    expect((await app.ok('ledger.orders.get', { id: order.id })).overdue).toBe(false);
    clock.now = new Date('2026-05-14T04:00:00Z');
    expect((await app.ok('ledger.orders.get', { id: order.id })).overdue).toBe(true);
    const atStreet = await app.ok('ledger.orders.list', { orgId: org.street.id, overdueOnly: true });
    expect(atStreet.rows.map((r) => r.id)).toEqual([order.id]);
  });

  it('refuses a dispatch without an assignee, an unknown member, a time limit before registration, an unknown unit', async () => {
    const { app, org, order } = await setUp();
    await app.ok('ledger.orders.build', { id: order.id });
    const before = rowCount(app, 'ledger_order_steps');
    expect((await refused(app, 'ledger.orders.dispatch', { id: order.id, assigneeKind: '志愿服务队', dueDate: '2026-05-20' })).message).toBe('「承办方」请填写志愿服务队名称');
    expect((await refused(app, 'ledger.orders.dispatch', { id: order.id, assigneeKind: '党员', assigneeId: crypto.randomUUID(), dueDate: '2026-05-20' })).message).toMatch(/^未找到人员/);
    expect((await refused(app, 'ledger.orders.dispatch', { id: order.id, assigneeKind: '党员', dueDate: '2026-05-20' })).message).toBe('「承办党员」请从花名册中选择');
    const early = await refused(app, 'ledger.orders.dispatch', { id: order.id, assigneeKind: '志愿服务队', assigneeName: '红马甲', dueDate: '2026-05-01' });
    expect(early.issues![0]).toMatchObject({ path: 'dueDate', message: '「办理时限」2026-05-01 不能早于登记日期 2026-05-10' });
    const unknown = await refused(app, 'ledger.orders.register', { orgId: crypto.randomUUID(), source: '热线', title: 'x', category: 'y' });
    expect(unknown.message).toMatch(/^「登记社区」所选单位不存在/);
    const big = await refused(app, 'ledger.orders.register', { orgId: org.community.id, source: '热线', title: 'x', category: 'y', attachments: [{ fileName: '大.pdf', mime: 'application/pdf', dataBase64: b64(2 * 1024 * 1024 + 1) }] });
    expect(big.message).toBe('「附件」“大.pdf”超过单个文件 2 MB 的上限');
    expect(rowCount(app, 'ledger_order_steps')).toBe(before);
    expect(rowCount(app, 'ledger_orders')).toBe(1);
  });
});
