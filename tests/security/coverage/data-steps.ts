import { sampleSchemeConfig as assessmentSample } from '../../../core/assessment/sample.ts';
import { sampleSchemeConfig as salarySample } from '../../../core/salary/sample.ts';
import { person, scoreRows, session } from '../../assessment/fixture.ts';
import type { Story } from './story.ts';

// Org tree, roster, assessment and pay-grid mutations, in dependency order, as a 录入员
// (data entry) with approvals by a 审核员.

export interface Orgs {
  countyId: string;
  streetId: string;
  communityId: string;
}

export interface DataIds extends Orgs {
  personIds: string[];
}

export async function orgSteps(st: Story): Promise<Orgs> {
  const tree = (await st.get('org.tree', {}, st.clerk)) as { id: string; level: string; code: string }[];
  const byCode = (code: string) => tree.find((o) => o.code === code)!.id;
  const countyId = byCode('610402000000');
  const streetId = byCode('610402001000');
  const communityId = byCode('610402001001');
  const extra = await st.step('org.create', { level: 'community', parentId: streetId, name: '东关社区', code: '610402001002' }, st.clerk);
  await st.step('org.update', { id: extra.id, name: '东关新社区', code: '610402001002' }, st.clerk);
  return { countyId, streetId, communityId };
}

const NAMES = ['赵一', '钱二', '孙三'];

export async function rosterSteps(st: Story, o: Orgs): Promise<DataIds> {
  const personIds: string[] = [];
  for (let i = 0; i < NAMES.length; i++) {
    const input = { ...person(o.communityId, NAMES[i]!, i), communityWorkStartDate: '2012-03-01', phone: `1380013800${i}` };
    personIds.push((await st.step('roster.create', input, st.clerk)).id);
  }
  const leaving = await st.step('roster.create', { ...person(o.communityId, '离任者', 5) }, st.clerk);
  await st.step('roster.update', { id: personIds[1], ...person(o.communityId, NAMES[1]!, 1), communityWorkStartDate: '2012-03-01', phone: '13900139000' }, st.clerk);
  await st.step('roster.retire', { id: leaving.id, status: '离任', date: '2026-10-31', reason: '个人原因辞职' }, st.clerk);
  // Undone at once (the toast's 撤销), then retired again.
  await st.step('roster.undoRetire', { id: leaving.id }, st.clerk);
  await st.step('roster.retire', { id: leaving.id, status: '离任', date: '2026-10-31', reason: '个人原因辞职' }, st.clerk);
  const shown = await st.step('roster.reveal', { id: personIds[1], field: 'phone' }, st.clerk);
  if (shown.value !== '13900139000') throw new Error(`roster.reveal returned ${shown.value}`);
  return { ...o, personIds };
}

export async function assessmentSteps(st: Story, d: DataIds): Promise<void> {
  const year = 2025;
  await st.step('assessment.saveScheme', { orgId: d.streetId, year, population: '社区书记', name: '书记考核方案', config: assessmentSample() }, st.clerk);
  const scheme = await st.step('assessment.installSample', { orgId: d.streetId, year }, st.clerk);
  const cycle = await st.step('assessment.createCycle', { schemeId: scheme.id, orgId: d.streetId }, st.clerk);
  const cycleId = cycle.id as string;
  const sheet = await st.get('assessment.sheet', { cycleId }, st.clerk);
  await st.step('assessment.saveScores', { cycleId, rows: scoreRows(sheet) }, st.clerk);
  await st.step('assessment.saveNotes', { entryId: sheet.rows[0].entryId, selfAssessment: '全年完成各项工作', reportNotes: '述职要点' }, st.clerk);
  await st.step('assessment.saveSession', session(cycleId, sheet, () => ({ 称职: 45 })), st.clerk);
  const spare = await st.step('assessment.saveSession', { ...session(cycleId, sheet, () => ({})), raterGroup: '两委成员', tallies: [] }, st.clerk);
  await st.step('assessment.deleteSession', { id: spare.id, reason: '重复录入的场次' }, st.clerk);
  const scored = await st.get('assessment.sheet', { cycleId }, st.reviewer);
  const first = scored.rows[0];
  await st.step('assessment.setFinalGrade', { entryId: first.entryId, grade: '基本称职', reason: '年度内受到通报批评' }, st.reviewer);
  await st.step('assessment.acceptProposals', { cycleId }, st.reviewer);
  await st.step('assessment.confirm', { cycleId }, st.reviewer);
  await st.step('assessment.reopen', { cycleId, reason: '复核计票结果' }, st.reviewer);
}

export async function salarySteps(st: Story, d: DataIds): Promise<void> {
  // The sample grid plus a one-time level bonus and a yearly amount settled by grade.
  const config = {
    ...salarySample(),
    levelBonuses: [{ reason: '市级以上表彰', levels: 1 }],
    performancePay: { mode: 'fixed', yearlyFen: 120_000, settlementGrades: [{ grade: '称职', coefficient: 1 }] },
  };
  const scheme = await st.step('salary.saveScheme', {
    orgId: d.countyId, name: '示例方案', docNo: '示例〔2020〕1号', effectiveDate: '2020-01-01', sample: true, config,
  }, st.clerk);
  await st.step('salary.copyScheme', { id: scheme.id, effectiveDate: '2027-01-01', name: '示例方案（2027）' }, st.clerk);
  await st.step('salary.setGrades', { year: 2025, grades: d.personIds.map((personId) => ({ personId, grade: '称职' })) }, st.clerk);
  const [, second, third] = d.personIds;
  await st.step('salary.gradeInitial', { personId: second, effectiveDate: '2023-01-01' }, st.clerk);
  const preview = (await st.get('salary.batchGradingPreview', { orgId: d.communityId, effectiveDate: '2023-01-01' }, st.clerk)) as {
    rows: { personId: string; status: string; post: string | null; level: number | null }[];
  };
  const row = preview.rows.find((r) => r.personId === third && r.status === 'grade');
  if (!row) throw new Error(`salary.batchGradingPreview: ${JSON.stringify(preview.rows)}`);
  await st.step('salary.batchGrade', { orgId: d.communityId, effectiveDate: '2023-01-01', people: [{ personId: third, post: row.post, level: row.level }] }, st.clerk);
  const [initial] = (await st.get('salary.history', { personId: second }, st.clerk)) as { id: string; post: string; level: number; effectiveDate: string }[];
  await st.step('salary.correctGrading', {
    id: initial!.id, post: initial!.post, level: initial!.level + 1, effectiveDate: initial!.effectiveDate, reason: '定级时漏计学历视同年限',
  }, st.clerk);
  await st.step('salary.applyLevelBonus', { personId: second, reason: '市级以上表彰', effectiveDate: '2024-06-01' }, st.clerk);
  await st.step('salary.setLevel', {
    personId: d.personIds[0], post: '社区正职', level: 8, effectiveDate: '2023-01-01', reason: '人工调整', note: '按任职文件定级',
  }, st.clerk);
  await st.step('salary.approvePromotion', { orgId: d.communityId, year: 2025, approver: '街道审核' }, st.reviewer);
  await st.step('salary.confirmMonth', { orgId: d.communityId, month: '2026-03' }, st.reviewer);
  // A settlement rests on a confirmed year of pay sheets (the step above covers confirmMonth).
  for (let m = 1; m <= 12; m++) await st.get('salary.confirmMonth', { orgId: d.communityId, month: `2025-${String(m).padStart(2, '0')}` }, st.reviewer);
  await st.step('salary.confirmSettlement', { orgId: d.communityId, year: 2025 }, st.reviewer);
}
