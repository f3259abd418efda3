import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { newApp, seedCoop } from './fixture.ts';

// An API or CLI caller that sends only the fields it changes must not clear the others:
// omitted = unchanged, explicit null = cleared (as training.attendance.update already did).

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

describe('共建 and 网格 updates are partial', () => {
  it('a co-building unit keeps its omitted contact and figures; null clears one', async () => {
    const changed = await app.ok('ledger.coop.units.update', { id: s.unit.id, name: '县中医医院' });
    expect(changed).toMatchObject({ name: '县中医医院', partyOrg: '县人民医院党委', contactName: '李联络', contactPhone: '13900000001', spaceM2: 120.5, squares: 1, facilities: 6 });
    const cleared = await app.ok('ledger.coop.units.update', { id: s.unit.id, contactPhone: null });
    expect(cleared).toMatchObject({ name: '县中医医院', contactName: '李联络', contactPhone: null });
  });

  it('an agreement keeps its clauses and dates when only the title changes', async () => {
    const changed = await app.ok('ledger.coop.agreements.update', { id: s.agreement.id, title: '补充协议' });
    expect(changed).toMatchObject({ title: '补充协议', clauses: '双方联席会议；开放设施；五个一活动；每季度书面报告', contactName: '李联络', startDate: '2026-01-01', endDate: '2026-12-31' });
  });

  it('a team keeps its members when only the name changes', async () => {
    const team = await app.ok('ledger.coop.teams.create', {
      orgId: s.community.id, name: '红心志愿服务队', categories: ['助老'], members: [{ source: '花名册', personId: s.leader.id }, { source: '手工', name: '居民志愿者甲' }], remarks: '每月一次',
    });
    const changed = await app.ok('ledger.coop.teams.update', { id: team.id, name: '红心服务队' });
    expect(changed.members.map((m) => m.name)).toEqual(['王网格', '居民志愿者甲']);
    expect(changed).toMatchObject({ name: '红心服务队', categories: ['助老'], remarks: '每月一次' });
  });

  it('a grid keeps its households and remarks when only the name changes', async () => {
    const grid = await app.ok('ledger.grid.areas.create', { orgId: s.community.id, name: '第一网格', households: 120, remarks: '含商铺' });
    const changed = await app.ok('ledger.grid.areas.update', { id: grid.id, name: '一号网格' });
    expect(changed).toMatchObject({ name: '一号网格', households: 120, remarks: '含商铺' });
  });
});

describe('台账 and 培训 updates are partial', () => {
  it('a ledger item keeps its content, deadline and progress when only the title changes', async () => {
    const item = await app.ok('ledger.items.create', {
      orgId: s.community.id, kind: '需求', title: '加装电梯', content: '3 号楼居民联名', category: '民生', deadline: '2026-12-31', progress: 40,
    });
    const changed = await app.ok('ledger.items.update', { id: item.id, title: '3 号楼加装电梯' });
    expect(changed).toMatchObject({ title: '3 号楼加装电梯', content: '3 号楼居民联名', category: '民生', deadline: '2026-12-31', progress: 40 });
    expect(await app.ok('ledger.items.update', { id: item.id, deadline: null })).toMatchObject({ deadline: null, progress: 40 });
  });

  it('a training class keeps its host, location and hours when only the name changes', async () => {
    const cls = await app.ok('training.classes.create', {
      orgId: s.community.id, name: '示范培训班', category: '示范班', level: '县', host: '区委组织部', organizer: '区委党校',
      form: '集中', location: '区委党校', startDate: '2026-05-10', endDate: '2026-05-12', hours: 24, compulsory: '选修', remarks: '自带笔记本',
    });
    const changed = await app.ok('training.classes.update', { id: cls.id, name: '书记示范培训班' });
    expect(changed).toMatchObject({ name: '书记示范培训班', host: '区委组织部', organizer: '区委党校', location: '区委党校', hours: 24, days: 3, compulsory: '选修', remarks: '自带笔记本' });
    expect(await app.ok('training.classes.update', { id: cls.id, remarks: null })).toMatchObject({ remarks: null, host: '区委组织部' });
  });
});
