import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { countRows, newApp, refused, seedCoop } from './fixture.ts';

let app: TestApp;
let s: Awaited<ReturnType<typeof seedCoop>>;

beforeEach(async () => {
  app = newApp();
  s = await seedCoop(app);
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('grid areas', () => {
  it('takes 网格长 and 网格员 from the community roster and stores households as a number', async () => {
    const g = await app.ok('ledger.grid.areas.create', { orgId: s.community.id, name: '第一网格', households: 286, leaderPersonId: s.leader.id, workerPersonIds: [s.worker.id] });
    expect(g).toMatchObject({ name: '第一网格', households: 286, leaderName: '王网格', workerNames: ['赵网格'], registered: 0 });
    expect((await app.ok('ledger.grid.areas.list', { orgId: s.street.id })).rows).toHaveLength(1);
  });

  it('refuses a leader from another community, a duplicate name, a street-level grid and a fractional household count', async () => {
    await app.ok('ledger.grid.areas.create', { orgId: s.community.id, name: '第一网格', households: 10 });
    const e = await refused(app, 'ledger.grid.areas.create', { orgId: s.community.id, name: '第二网格', households: 10, leaderPersonId: s.elsewhere.id, workerPersonIds: [s.worker.id, s.worker.id] });
    expect(e.issues?.map((i) => i.message)).toEqual(['「网格长」不在本社区的花名册中', '「网格员」有重复']);
    expect((await refused(app, 'ledger.grid.areas.create', { orgId: s.community.id, name: '第一网格', households: 10 })).message).toBe('「网格名称」“第一网格”在本社区已存在');
    expect((await refused(app, 'ledger.grid.areas.create', { orgId: s.street.id, name: '第九网格', households: 10 })).message).toBe('「组织」人民路街道是街道，此类台账只能记在社区');
    expect((await refused(app, 'ledger.grid.areas.create', { orgId: s.community.id, name: '第九网格', households: 1.5 })).message).toBe('「户数」应为整数');
    expect(countRows(app, 'grid_areas')).toBe(1);
  });
});

describe('双报到', () => {
  it('runs 报到单 → 回执 → 服务记录卡 → quarterly feedback, with missing feedback flagged', async () => {
    const grid = await app.ok('ledger.grid.areas.create', { orgId: s.community.id, name: '第一网格', households: 200 });
    const reg = await app.ok('ledger.grid.registrations.create', {
      orgId: s.community.id, kind: '在职党员', name: '周在职', workUnit: '县财政局', categories: ['法律咨询与援助', '社区治理'], gridId: grid.id, registeredDate: '2026-04-10',
    });
    // Today 2026-11-27: Q2 and Q3 have ended (plus 15 days); Q4 has not.
    expect(reg).toMatchObject({ gridName: '第一网格', receiptDate: null, services: 0, feedbackMissing: ['2026-Q2', '2026-Q3'] });
    const withReceipt = await app.ok('ledger.grid.registrations.update', { ...regInput(reg), receiptDate: '2026-04-15' });
    expect(withReceipt.receiptDate).toBe('2026-04-15');
    await app.ok('ledger.grid.services.create', { registrationId: reg.id, date: '2026-05-01', category: '法律咨询与援助', content: '为居民解答继承问题' });
    await app.ok('ledger.grid.feedback.create', { registrationId: reg.id, quarter: '2026-Q2', sentDate: '2026-07-03', summary: '本季度服务 1 次' });
    const dup = await refused(app, 'ledger.grid.feedback.create', { registrationId: reg.id, quarter: '2026-Q2', sentDate: '2026-07-04', summary: '重复' });
    expect(dup).toMatchObject({ code: 'conflict', message: '「季度」2026-Q2 已向党员所在单位反馈' });
    expect((await refused(app, 'ledger.grid.services.create', { registrationId: reg.id, date: '2026-03-01', category: '其他', content: 'x' })).message).toBe('「服务日期」早于报到日期 2026-04-10');
    expect((await refused(app, 'ledger.grid.services.create', { registrationId: reg.id, date: '2026-06-01', category: '跳舞', content: 'x' })).message).toBe('「服务类别」的值“跳舞”不在代码表中');
    const card = await app.ok('ledger.grid.services.list', { registrationId: reg.id });
    expect(card.services).toHaveLength(1);
    expect(card.feedback.map((f) => f.quarter)).toEqual(['2026-Q2']);
    const [row] = (await app.ok('ledger.grid.registrations.list', {})).rows;
    expect(row).toMatchObject({ services: 1, feedbackMissing: ['2026-Q3'] });
    expect((await app.ok('ledger.grid.areas.list', {})).rows[0]!.registered).toBe(1);
    expect((await refused(app, 'ledger.grid.areas.remove', { id: grid.id, reason: '合并' })).message).toBe('「网格」第一网格尚有双报到人员，请先调整其网格');
  });

  it('refuses a receipt before the registration, a grid of another community, and an unknown category', async () => {
    const otherGrid = await app.ok('ledger.grid.areas.create', { orgId: s.second.id, name: '东一网格', households: 50 });
    const base = { orgId: s.community.id, kind: '在职党员', name: '吴在职', workUnit: '县教育局', registeredDate: '2026-04-10' };
    const e = await refused(app, 'ledger.grid.registrations.create', { ...base, receiptDate: '2026-04-01', gridId: otherGrid.id });
    expect(e.issues?.map((i) => i.message)).toEqual(['「回执日期」不能早于报到日期', '「所在网格」不是本社区的网格']);
    expect((await refused(app, 'ledger.grid.registrations.create', { ...base, categories: ['跳舞'] })).message).toBe('「服务类别」的值“跳舞”不在代码表中');
    expect((await refused(app, 'ledger.grid.registrations.create', { ...base, kind: '群众' })).message).toBe('「报到类型」的值“群众”不在代码表中');
    expect(countRows(app, 'grid_registrations')).toBe(0);
  });
});

function regInput(r: { id: string; orgId: string; kind: string; name: string; workUnit: string; categories: string[]; gridId: string | null; registeredDate: string }) {
  return { id: r.id, orgId: r.orgId, kind: r.kind as '在职党员', name: r.name, workUnit: r.workUnit, categories: r.categories as ['社区治理'], gridId: r.gridId, registeredDate: r.registeredDate };
}
