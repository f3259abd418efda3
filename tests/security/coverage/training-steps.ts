import ExcelJS from 'exceljs';
import { classInput } from '../../training/fixture.ts';
import { csvLine, STANDARD_HEADERS, standardRow } from '../../fixtures/roster-io/people.ts';
import type { DataIds } from './data-steps.ts';
import type { Story } from './story.ts';

// Training configuration, classes, 讲堂 series, enrolment and attendance, the sign-in
// sheet import and the roster import: all data entry by the 录入员.

export async function trainingSteps(st: Story, d: DataIds): Promise<void> {
  const [p0, p1, p2] = d.personIds as [string, string, string];
  const defaults = (await st.get('training.categories.list', {}, st.clerk)).names as string[];
  await st.step('training.categories.save', { names: [...defaults, '党性教育'] }, st.clerk);
  await st.step('training.requirements.save', { rules: [{ unit: '学时', amount: 20 }, { unit: '学时', amount: 40, postCategory: '正职' }] }, st.clerk);

  const cls = await st.step('training.classes.create', classInput(d.communityId), st.clerk);
  await st.step('training.classes.update', { ...classInput(d.communityId, { name: '2026年社区工作者党性教育培训班', category: '党性教育' }), id: cls.id }, st.clerk);
  const series = await st.step('training.series.create', { orgId: d.streetId, name: '书记讲堂', level: '街道' }, st.clerk);
  await st.step('training.series.update', { id: series.id, orgId: d.streetId, name: '人民路书记讲堂', level: '街道', host: '街道党工委' }, st.clerk);
  const sess = await st.step('training.sessions.create', { seriesId: series.id, topic: '基层治理经验交流', speakerName: '王主讲', date: '2026-06-18', hours: 2 }, st.clerk);
  await st.step('training.sessions.update', { id: sess.id, seriesId: series.id, phase: 1, topic: '基层治理经验交流（一）', speakerName: '王主讲', date: '2026-06-18', hours: 2.5 }, st.clerk);

  await st.step('training.enroll', { classId: cls.id, personIds: [p0, p1] }, st.clerk);
  await st.step('training.enrollOne', { sessionId: sess.id, personId: p2 }, st.clerk);
  const rows = (await st.get('training.attendance.list', { classId: cls.id }, st.clerk)).rows as { id: string; personId: string }[];
  const r0 = rows.find((r) => r.personId === p0)!.id;
  const r1 = rows.find((r) => r.personId === p1)!.id;
  await st.step('training.attendance.update', { id: r0, creditedHours: 12, result: '合格', certificateNo: 'PX-2026-001' }, st.clerk);
  await st.step('training.attendance.setStatus', { ids: [r1], status: '请假' }, st.clerk);
  await st.step('training.attendance.remove', { ids: [r1], reason: '误报名' }, st.clerk);

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签到表');
  ws.addRow(['培训签到表']);
  ws.addRow(['序号', '姓名', '身份证号', '签名']);
  ws.addRow([1, '孙三', '', '']);
  const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const signed = await st.step('training.signin.import', { classId: cls.id, orgId: d.communityId, fileBase64 }, st.clerk);
  if (!signed.written || signed.added !== 1) throw new Error(`training.signin.import: ${JSON.stringify(signed)}`);

  const spare = await st.step('training.classes.create', classInput(d.communityId, { name: '临时班次' }), st.clerk);
  await st.step('training.classes.remove', { id: spare.id, reason: '重复建班' }, st.clerk);
}

export async function importSteps(st: Story, d: DataIds): Promise<void> {
  const csv = [csvLine([...STANDARD_HEADERS]), csvLine(standardRow(0)), csvLine(standardRow(1))].join('\r\n') + '\r\n';
  const out = await st.step('roster.importCommit', {
    fileName: '花名册.csv', contentBase64: Buffer.from(csv).toString('base64'), orgId: d.communityId,
  }, st.clerk);
  if (out.created !== 2) throw new Error(`roster.importCommit: ${JSON.stringify(out)}`);
}
