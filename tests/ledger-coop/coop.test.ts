import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { agreementInput, auditCount, countRows, newApp, refused, seedCoop, unitInput } from './fixture.ts';

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

describe('co-building units', () => {
  it('records shared resources and counts agreements in force', async () => {
    const list = await app.ok('ledger.coop.units.list', { orgId: s.street.id });
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ name: '县人民医院', orgName: '新城社区', spaceM2: 120.5, squares: 1, facilities: 6, agreementsInForce: 1 });
  });

  it('refuses a duplicate name, an unknown kind, a county-level unit and negative figures, writing nothing', async () => {
    const before = countRows(app, 'coop_units');
    const audits = auditCount(app);
    expect(await refused(app, 'ledger.coop.units.create', unitInput(s.community.id))).toMatchObject({ code: 'conflict', message: '「单位名称」“县人民医院”已登记为本组织的共建单位' });
    expect((await refused(app, 'ledger.coop.units.create', unitInput(s.community.id, { name: '甲', kind: '外企' }))).message).toBe('「单位类别」的值“外企”不在代码表中');
    expect((await refused(app, 'ledger.coop.units.create', unitInput(s.community.id, { name: '甲', squares: -1 }))).message).toBe('「共享广场（个）」不能为负数');
    expect((await refused(app, 'ledger.coop.units.create', unitInput(s.county.id, { name: '甲' }))).message).toBe('「组织」秦都区是县（区），此类台账只能记在街道或社区');
    expect((await refused(app, 'ledger.coop.units.create', unitInput(s.community.id, { name: '  ' }))).message).toBe('「单位名称」必须填写');
    expect(countRows(app, 'coop_units')).toBe(before);
    expect(auditCount(app)).toBe(audits);
  });

  it('cannot be removed while it has an agreement; removal keeps the row with its reason', async () => {
    expect((await refused(app, 'ledger.coop.units.remove', { id: s.unit.id, reason: '撤销' })).message).toBe('「共建单位」县人民医院尚有共建协议，请先删除协议');
    await app.ok('ledger.coop.agreements.remove', { id: s.agreement.id, reason: '录入错误' });
    await app.ok('ledger.coop.units.remove', { id: s.unit.id, reason: '单位迁出' });
    expect((await app.ok('ledger.coop.units.list', {})).rows).toHaveLength(0);
    expect(app.opened.sqlite.prepare('SELECT delete_reason r FROM coop_units').get()).toEqual({ r: '单位迁出' });
  });

  it('a record stays with the org that keeps it', async () => {
    expect((await refused(app, 'ledger.coop.units.update', { ...unitInput(s.second.id), id: s.unit.id })).message).toBe('「组织」不能修改：台账记录属于登记它的单位');
  });
});

describe('agreements', () => {
  it('refuses an agreement ending before it starts, and a unit of another org, writing nothing', async () => {
    const before = countRows(app, 'coop_agreements');
    const e = await refused(app, 'ledger.coop.agreements.create', agreementInput(s.community.id, s.unit.id, { startDate: '2026-06-01', endDate: '2026-05-31', signedDate: '2026-05-01' }));
    expect(e).toMatchObject({ code: 'validation', message: '「终止日期」2026-05-31 早于开始日期 2026-06-01', issues: [{ path: 'endDate' }] });
    const other = await app.ok('ledger.coop.units.create', unitInput(s.second.id, { name: '县税务局', kind: '机关' }));
    expect((await refused(app, 'ledger.coop.agreements.create', agreementInput(s.community.id, other.id))).message).toBe('「共建单位」县税务局不是本组织登记的共建单位');
    expect((await refused(app, 'ledger.coop.agreements.create', agreementInput(s.community.id, s.unit.id, { endDate: '2026-02-30' }))).message).toBe('「终止日期」不是有效日期（格式应为 YYYY-MM-DD）');
    expect(countRows(app, 'coop_agreements')).toBe(before);
  });

  it('flags quarters whose written report is overdue, and clears them as reports come in', async () => {
    // Today is 2026-11-27: Q1–Q3 have ended more than 15 days ago; Q4 has not ended.
    expect(s.agreement).toMatchObject({ inForce: true, overdue: true, overdueQuarters: ['2026-Q1', '2026-Q2', '2026-Q3'] });
    for (const q of ['2026-Q1', '2026-Q2']) await app.ok('ledger.coop.reports.create', { agreementId: s.agreement.id, quarter: q, submittedDate: '2026-07-05', content: '本季度开展活动 3 次' });
    const dup = await refused(app, 'ledger.coop.reports.create', { agreementId: s.agreement.id, quarter: '2026-Q1', submittedDate: '2026-07-05', content: '重复' });
    expect(dup).toMatchObject({ code: 'conflict', message: '「季度」2026-Q1 的书面报告已报送' });
    expect((await refused(app, 'ledger.coop.reports.create', { agreementId: s.agreement.id, quarter: '2027-Q1', submittedDate: '2027-04-01', content: 'x' })).message).toBe('「季度」2027-Q1 不在协议期限 2026-01-01 至 2026-12-31 内');
    expect((await refused(app, 'ledger.coop.reports.create', { agreementId: s.agreement.id, quarter: '2026Q3', submittedDate: '2026-10-01', content: 'x' })).message).toBe('「季度」应写作 2026-Q1 的形式');
    const [a] = (await app.ok('ledger.coop.agreements.list', {})).rows;
    expect(a).toMatchObject({ reportedQuarters: ['2026-Q1', '2026-Q2'], overdueQuarters: ['2026-Q3'], overdue: true });
    await app.ok('ledger.coop.reports.create', { agreementId: s.agreement.id, quarter: '2026-Q3', submittedDate: '2026-10-08', content: '第三季度' });
    expect((await app.ok('ledger.coop.agreements.list', {})).rows[0]).toMatchObject({ overdue: false, overdueQuarters: [] });
    expect((await app.ok('ledger.coop.reports.list', { agreementId: s.agreement.id })).rows.map((r) => r.quarter)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('an expired agreement is not in force and counts only its own term', async () => {
    const old = await app.ok('ledger.coop.agreements.create', agreementInput(s.community.id, s.unit.id, { title: '2025年度协议', signedDate: '2025-01-01', startDate: '2025-01-01', endDate: '2025-12-31' }));
    expect(old).toMatchObject({ inForce: false, overdueQuarters: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'] });
  });
});

describe('joint meetings', () => {
  const meeting = (over: Record<string, unknown> = {}) => ({
    orgId: s.community.id, date: '2026-03-20', hostUnitId: s.unit.id, chairName: '张院长',
    attendees: ['张院长', '李联络', '王书记'], topics: [{ title: '老旧小区加装电梯', submittedDate: '2026-03-01' }], minutes: '议定事项两项', ...over,
  });

  it('records the rotating chair, warns about late topics, and follows up the previous meeting', async () => {
    const first = await app.ok('ledger.coop.meetings.create', meeting());
    expect(first).toMatchObject({ quarter: '2026-Q1', hostUnitName: '县人民医院', warnings: [] });
    const second = await app.ok('ledger.coop.meetings.create', meeting({
      date: '2026-06-18', topics: [{ title: '暑期托管', submittedDate: '2026-06-10' }, { title: '停车难', submittedDate: null }],
      previousMeetingId: first.id, followUps: [{ item: '老旧小区加装电梯', status: '办理中', note: '已立项' }],
    }));
    expect(second.warnings).toEqual([
      '议题“暑期托管”于 2026-06-10 提交，晚于会前 15 天（2026-06-03）',
      '议题“停车难”未记提交日期（议题应在会前 15 天提交）',
    ]);
    expect(second.followUps).toEqual([{ item: '老旧小区加装电梯', status: '办理中', note: '已立项' }]);
  });

  it('refuses a host that is not a member unit, and follow-ups without a previous meeting, writing nothing', async () => {
    const before = countRows(app, 'coop_meetings');
    const noDeal = await app.ok('ledger.coop.units.create', unitInput(s.community.id, { name: '某物业公司', kind: '物业企业' }));
    expect(await refused(app, 'ledger.coop.meetings.create', meeting({ hostUnitId: noDeal.id }))).toMatchObject({
      code: 'validation', message: '「轮值主席单位」某物业公司不是本组织的成员单位（会议日期 2026-03-20 没有有效的共建协议）', issues: [{ path: 'hostUnitId' }],
    });
    expect((await refused(app, 'ledger.coop.meetings.create', meeting({ date: '2027-01-10' }))).message).toContain('会议日期 2027-01-10 没有有效的共建协议');
    expect((await refused(app, 'ledger.coop.meetings.create', meeting({ followUps: [{ item: 'x', status: '已办结' }] }))).message).toBe('「上次会议事项办理情况」需先选择上次会议');
    expect((await refused(app, 'ledger.coop.meetings.create', meeting({ topics: [{ title: '' }] }))).message).toBe('「议题」必须填写');
    expect(countRows(app, 'coop_meetings')).toBe(before);
  });

  it('warns when a second unit hosts in the same quarter', async () => {
    const u2 = await app.ok('ledger.coop.units.create', unitInput(s.community.id, { name: '县供电公司', kind: '国有企业' }));
    await app.ok('ledger.coop.agreements.create', agreementInput(s.community.id, u2.id));
    await app.ok('ledger.coop.meetings.create', meeting());
    const m = await app.ok('ledger.coop.meetings.create', meeting({ date: '2026-03-28', hostUnitId: u2.id, topics: [] }));
    expect(m.warnings).toEqual(['2026-Q1 已有其他单位担任轮值主席']);
  });
});

describe('activities and volunteer teams', () => {
  it('links units, teams and order references; refuses another org\'s unit', async () => {
    const reg = await app.ok('ledger.grid.registrations.create', { orgId: s.community.id, kind: '在职党员', name: '周在职', workUnit: '县财政局', categories: ['法律咨询与援助'], registeredDate: '2026-03-01' });
    const team = await app.ok('ledger.coop.teams.create', {
      orgId: s.community.id, name: '红心志愿服务队', categories: ['助老', '环境'],
      members: [{ source: '花名册', personId: s.leader.id }, { source: '双报到', registrationId: reg.id }, { source: '手工', name: '居民志愿者甲' }],
    });
    expect(team.members.map((m) => m.name)).toEqual(['王网格', '周在职', '居民志愿者甲']);
    const a = await app.ok('ledger.coop.activities.create', {
      orgId: s.community.id, date: '2026-05-12', title: '义诊进社区', unitIds: [s.unit.id], teamIds: [team.id], participants: 30, problemsSolved: 2, orderRefs: ['GD-2026-0012'],
    });
    expect(a).toMatchObject({ unitNames: ['县人民医院'], teamNames: ['红心志愿服务队'], orderRefs: ['GD-2026-0012'] });
    const other = await app.ok('ledger.coop.units.create', unitInput(s.second.id, { name: '县税务局', kind: '机关' }));
    expect((await refused(app, 'ledger.coop.activities.create', { orgId: s.community.id, date: '2026-05-12', title: 'x', unitIds: [other.id], participants: 3 })).message).toBe('「参与共建单位」第 1 项不是本组织登记的记录');
    expect((await refused(app, 'ledger.coop.activities.create', { orgId: s.community.id, date: '2026-05-12', title: 'x', participants: -3 })).message).toBe('「参与人数」不能为负数');
  });

  it('refuses members not on the roster of the scope, or not on this org\'s 双报到 list', async () => {
    const there = await app.ok('ledger.grid.registrations.create', { orgId: s.second.id, kind: '在职党员', name: '郑在职', workUnit: '县水利局', registeredDate: '2026-03-01' });
    const e = await refused(app, 'ledger.coop.teams.create', { orgId: s.community.id, name: '队', members: [{ source: '双报到', registrationId: there.id }, { source: '手工' }] });
    expect(e.issues?.map((i) => i.message)).toEqual(['「队员」第 1 人不在本组织的双报到名单中', '「队员」第 2 人「队员姓名」必须填写']);
    expect(countRows(app, 'coop_teams')).toBe(0);
  });
});
