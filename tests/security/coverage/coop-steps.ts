import type { DataIds } from './data-steps.ts';
import type { Story } from './story.ts';

// 共建与网格: every mutation of core/ledger/coop and core/ledger/grid, entered by the 录入员.

export async function coopSteps(st: Story, d: DataIds): Promise<void> {
  const c = d.communityId;
  const [p0, p1] = d.personIds as [string, string];
  const unit = await st.step('ledger.coop.units.create', { orgId: c, name: '县人民医院', kind: '事业单位', spaceM2: 100 }, st.clerk);
  await st.step('ledger.coop.units.update', { id: unit.id, orgId: c, name: '县人民医院', kind: '事业单位', spaceM2: 120, squares: 1 }, st.clerk);
  const agreement = { orgId: c, unitId: unit.id, title: '共建协议', signedDate: '2026-01-05', startDate: '2026-01-01', endDate: '2026-12-31' };
  const a = await st.step('ledger.coop.agreements.create', agreement, st.clerk);
  await st.step('ledger.coop.agreements.update', { ...agreement, id: a.id, contactName: '李联络' }, st.clerk);
  await st.step('ledger.coop.reports.create', { agreementId: a.id, quarter: '2026-Q1', submittedDate: '2026-04-05', content: '一季度报告' }, st.clerk);
  const meeting = { orgId: c, date: '2026-03-20', hostUnitId: unit.id, topics: [{ title: '加装电梯', submittedDate: '2026-03-01' }] };
  const m = await st.step('ledger.coop.meetings.create', meeting, st.clerk);
  await st.step('ledger.coop.meetings.update', { ...meeting, id: m.id, minutes: '纪要' }, st.clerk);
  const grid = await st.step('ledger.grid.areas.create', { orgId: c, name: '第一网格', households: 200, leaderPersonId: p0 }, st.clerk);
  await st.step('ledger.grid.areas.update', { id: grid.id, orgId: c, name: '第一网格', households: 210, leaderPersonId: p0, workerPersonIds: [p1] }, st.clerk);
  const reg = { orgId: c, kind: '在职党员', name: '周在职', workUnit: '县财政局', registeredDate: '2026-03-01' };
  const r = await st.step('ledger.grid.registrations.create', reg, st.clerk);
  await st.step('ledger.grid.registrations.update', { ...reg, id: r.id, receiptDate: '2026-03-05', gridId: grid.id }, st.clerk);
  await st.step('ledger.grid.services.create', { registrationId: r.id, date: '2026-04-01', category: '社区治理', content: '调解邻里纠纷' }, st.clerk);
  await st.step('ledger.grid.feedback.create', { registrationId: r.id, quarter: '2026-Q2', sentDate: '2026-07-02', summary: '服务 1 次' }, st.clerk);
  const team = { orgId: c, name: '红马甲服务队', members: [{ source: '花名册', personId: p1 }, { source: '双报到', registrationId: r.id }] };
  const t = await st.step('ledger.coop.teams.create', team, st.clerk);
  await st.step('ledger.coop.teams.update', { ...team, id: t.id, categories: ['助老'] }, st.clerk);
  const activity = { orgId: c, date: '2026-05-01', title: '义诊', unitIds: [unit.id], teamIds: [t.id], participants: 20, problemsSolved: 1 };
  const act = await st.step('ledger.coop.activities.create', activity, st.clerk);
  await st.step('ledger.coop.activities.update', { ...activity, id: act.id, participants: 25 }, st.clerk);
  await st.step('ledger.coop.activities.remove', { id: act.id, reason: '重复录入' }, st.clerk);
  await st.step('ledger.coop.teams.remove', { id: t.id, reason: '解散' }, st.clerk);
  await st.step('ledger.grid.registrations.remove', { id: r.id, reason: '调离' }, st.clerk);
  await st.step('ledger.grid.areas.remove', { id: grid.id, reason: '合并' }, st.clerk);
  await st.step('ledger.coop.meetings.remove', { id: m.id, reason: '录入错误' }, st.clerk);
  await st.step('ledger.coop.agreements.remove', { id: a.id, reason: '录入错误' }, st.clerk);
  await st.step('ledger.coop.units.remove', { id: unit.id, reason: '迁出' }, st.clerk);
}
