import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';

// roster.update is partial: an API or CLI caller that omits a field keeps the stored value
// (optional texts, posts, yes/no flags); an explicit null, [] or false clears it. The
// cross-field rules judge the record as it will be stored.

let app: TestApp;
let orgId: string;
const okAudits = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
const full = {
  name: '李娜', gender: '女', ethnicity: '汉族', birthDate: '1990-05-17', idNumber: '610402199005170025', nativePlace: '陕西咸阳',
  politicalStatus: '中共党员', partyJoinDate: '2012-06-30', workStartDate: '2012-07-01', communityWorkStartDate: '2015-03-01',
  ftEducation: '大学本科', ftSchoolMajor: '西北大学 社会工作', postCategory: '正职', posts: ['书记', '居委会主任'],
  oneShoulder: true, crossPosting: true, reserveCadre: true, swQualification: '社会工作师', swQualificationDate: '2018-06-01',
  phone: '13912345678', grid: '第3网格', remarks: '年度优秀',
};

beforeEach(async () => {
  app = openTestApp({ now: () => new Date('2026-11-27T09:00:00+08:00') });
  orgId = (await seedOrgTree(app)).community.id;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('roster.update with some fields', () => {
  it('keeps every omitted field, posts and flags included', async () => {
    const p = await app.ok('roster.create', { orgId, ...full });
    const updated = await app.ok('roster.update', { id: p.id, phone: '13800001111' });
    const { phone: _p, updatedAt: _u, ...rest } = p;
    expect(updated).toMatchObject({ ...rest, phone: '13800001111' });
    expect(updated).toMatchObject({ posts: ['书记', '居委会主任'], oneShoulder: true, crossPosting: true, reserveCadre: true, grid: '第3网格', remarks: '年度优秀', nativePlace: '陕西咸阳' });
  });

  it('clears what is sent as null, [] or false', async () => {
    const p = await app.ok('roster.create', { orgId, ...full });
    const updated = await app.ok('roster.update', { id: p.id, remarks: null, grid: null, crossPosting: false, oneShoulder: false, posts: [] });
    expect(updated).toMatchObject({ remarks: null, grid: null, crossPosting: false, oneShoulder: false, posts: [], reserveCadre: true, nativePlace: '陕西咸阳' });
  });

  it('judges the cross-field rules on the merged record, writing nothing when they fail', async () => {
    const p = await app.ok('roster.create', { orgId, ...full });
    const before = okAudits();
    // 一肩挑 is stored; dropping a post it needs is refused.
    const env = await app.dispatcher.dispatch('roster.update', { id: p.id, posts: ['书记'] });
    expect(!env.ok && env.error.message).toContain('「一肩挑」');
    // An 入党时间 before 18 against the stored 出生日期.
    const early = await app.dispatcher.dispatch('roster.update', { id: p.id, partyJoinDate: '2005-01-01' });
    expect(!early.ok && early.error.message).toContain('「入党时间」');
    expect(okAudits()).toBe(before);
    expect((await app.ok('roster.get', { id: p.id })).posts).toEqual(['书记', '居委会主任']);
  });
});
