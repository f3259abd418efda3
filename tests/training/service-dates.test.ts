import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { attend, classInput, countRows, newApp, personInput, seedTraining } from './fixture.ts';

// Attendance lies inside the time a person served, on every path that writes it or moves the
// training's dates (issue 12, "Dates that cannot be").

let app: TestApp;
let s: Awaited<ReturnType<typeof seedTraining>>;
let classId: string;
// A refused mutation leaves one 'failed' row (issue 13); nothing written means no 'ok' row.
const audits = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
const LEFT = '「人员」赵主任已于 2026-03-31 退休，不能登记其后（2026-05-10）的培训';

beforeEach(async () => {
  app = newApp();
  s = await seedTraining(app);
  classId = (await app.ok('training.classes.create', classInput(s.county.id))).id;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

/** Refused with nothing written: no attendance row changed, no audit row. */
async function refused(op: string, input: unknown): Promise<string> {
  const snapshot = () => JSON.stringify(app.opened.sqlite.prepare('SELECT id, status, credited_hours, updated_at FROM training_attendance ORDER BY id').all());
  const before = [snapshot(), JSON.stringify(app.opened.sqlite.prepare('SELECT * FROM training_classes ORDER BY id').all()), audits()];
  const env = await app.dispatcher.dispatch(op, input);
  expect(env.ok, op).toBe(false);
  expect([snapshot(), JSON.stringify(app.opened.sqlite.prepare('SELECT * FROM training_classes ORDER BY id').all()), audits()]).toEqual(before);
  return env.ok ? '' : env.error.message;
}

describe('attendance after a person left', () => {
  it('refuses setting a retiree’s attendance to 补学, one by one and in bulk, but lets it stop counting', async () => {
    // Enrolled while in post; the retirement, dated before the class, is recorded afterwards.
    await app.ok('training.enroll', { classId, personIds: [s.director.id, s.worker.id] });
    await app.ok('training.attendance.setStatus', { ids: (await app.ok('training.attendance.list', { classId })).rows.map((r: any) => r.id), status: '缺席' });
    await app.ok('roster.retire', { id: s.director.id, status: '退休', date: '2026-03-31', reason: '到龄退休' });
    const rows = (await app.ok('training.attendance.list', { classId })).rows;
    const director = rows.find((r: any) => r.personId === s.director.id)!;
    const worker = rows.find((r: any) => r.personId === s.worker.id)!;

    expect(await refused('training.attendance.update', { id: director.id, status: '补学' })).toBe(LEFT);
    expect(await refused('training.attendance.update', { id: director.id, creditedHours: 8 })).toBe(LEFT);
    expect(await refused('training.attendance.setStatus', { ids: [worker.id, director.id], status: '补学' })).toBe(LEFT);

    // Changes that keep the record from counting stay possible, and the worker is unaffected.
    expect(await app.ok('training.attendance.update', { id: director.id, status: '请假', remarks: '已退休' })).toMatchObject({ creditedHours: 0 });
    expect(await app.ok('training.attendance.setStatus', { ids: [worker.id], status: '补学' })).toEqual({ updated: 1 });
    const hours = await app.ok('training.hoursByPerson', { year: 2026, orgId: s.community.id });
    expect(hours.rows.find((r: any) => r.personId === s.director.id)?.hours).toBe(0);
  });

  it('refuses a backdated leaving date that would leave counted training after it, naming the class and the date', async () => {
    await attend(app, { classId }, [s.director.id]);
    const before = JSON.stringify(app.opened.sqlite.prepare('SELECT status, status_date FROM people WHERE id = ?').get(s.director.id));
    const env = await app.dispatcher.dispatch('roster.retire', { id: s.director.id, status: '退休', date: '2026-03-31', reason: '到龄退休' });
    expect(env.ok).toBe(false);
    expect(env.ok ? '' : env.error.message).toContain('2026-05-10');
    expect(JSON.stringify(app.opened.sqlite.prepare('SELECT status, status_date FROM people WHERE id = ?').get(s.director.id))).toBe(before);
    // Marked absent, the training no longer counts and the retirement goes through.
    await app.ok('training.attendance.setStatus', { ids: (await app.ok('training.attendance.list', { classId })).rows.map((r: any) => r.id), status: '缺席' });
    await app.ok('roster.retire', { id: s.director.id, status: '退休', date: '2026-03-31', reason: '到龄退休' });
  });

  it('judges whether training after a backdated leaving date counts by the credited figure, not the status alone', async () => {
    await app.ok('training.enroll', { classId, personIds: [s.director.id, s.worker.id] });
    const rows = (await app.ok('training.attendance.list', { classId })).rows;
    const director = rows.find((r: any) => r.personId === s.director.id)!;
    const worker = rows.find((r: any) => r.personId === s.worker.id)!;
    // 请假 with a recorded partial figure counts (hoursByPerson credits it)…
    await app.ok('training.attendance.update', { id: director.id, status: '请假', creditedHours: 4 });
    expect((await app.ok('training.hoursByPerson', { year: 2026, orgId: s.community.id })).rows.find((r: any) => r.personId === s.director.id)?.hours).toBe(4);
    const env = await app.dispatcher.dispatch('roster.retire', { id: s.director.id, status: '退休', date: '2026-03-31', reason: '到龄退休' });
    expect(env.ok ? '' : env.error.message).toContain('2026-05-10');
    // …while 出席 recorded at 0 hours and 0 days does not.
    await app.ok('training.attendance.update', { id: worker.id, status: '出席', creditedHours: 0, creditedDays: 0 });
    await app.ok('roster.retire', { id: s.worker.id, status: '离任', date: '2026-03-31', reason: '调离' });
  });

  it('refuses moving a class or a session past an enrolled retiree’s leaving date, naming the person and the date', async () => {
    const early = await app.ok('training.classes.create', classInput(s.county.id, { startDate: '2026-03-01', endDate: '2026-03-02', hours: 12 }));
    await app.ok('training.enroll', { classId: early.id, personIds: [s.director.id] });
    await app.ok('roster.retire', { id: s.director.id, status: '退休', date: '2026-03-31', reason: '到龄退休' });

    const moved = { ...classInput(s.county.id, { startDate: '2026-04-10', endDate: '2026-04-11', hours: 12 }), id: early.id };
    expect(await refused('training.classes.update', moved))
      .toBe('「开始日期」已报名的赵主任于 2026-03-31 退休，培训日期不能改到其后（2026-04-10）；如确需修改，请先取消其报名');
    expect((await app.ok('training.classes.get', { id: early.id })).startDate).toBe('2026-03-01');
    // Within the time served the class can still move.
    await app.ok('training.classes.update', { ...moved, startDate: '2026-03-30', endDate: '2026-03-31' });

    const series = await app.ok('training.series.create', { orgId: s.street.id, name: '书记讲堂', level: '街道' });
    const session = await app.ok('training.sessions.create', { seriesId: series.id, topic: '基层治理', speakerName: '甲', date: '2026-03-10', hours: 2 });
    await app.ok('training.enroll', { sessionId: session.id, personIds: [s.director.id] });
    const env = await app.dispatcher.dispatch('training.sessions.update', { seriesId: series.id, id: session.id, topic: '基层治理', speakerName: '甲', date: '2026-04-01', hours: 2 });
    expect(!env.ok && env.error.message).toBe('「日期」已报名的赵主任于 2026-03-31 退休，培训日期不能改到其后（2026-04-01）；如确需修改，请先取消其报名');
  });

  it('reports a retiree on a sign-in sheet as a row error instead of failing the import', async () => {
    const li = await app.ok('roster.create', { ...personInput(s.community.id, '李娜', 4, ['网格员']), birthDate: '1990-05-17', gender: '女', idNumber: '610402199005170025' });
    await app.ok('roster.retire', { id: li.id, status: '离任', date: '2026-04-30', reason: '辞职' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('签到表');
    ws.addRow(['序号', '姓名', '身份证号']);
    ws.addRow([1, '李娜', '610402199005170025']);
    ws.addRow([2, '王书记', '']);
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const out = await app.ok('training.signin.import', { classId, orgId: s.community.id, fileBase64 });
    expect(out).toMatchObject({ matched: 1, written: false });
    expect(out.errors).toEqual([{ row: 2, message: '「人员」李娜已于 2026-04-30 离任，不能登记其后（2026-05-10）的培训' }]);
    expect(countRows(app, 'training_attendance')).toBe(0);
    expect(await app.ok('training.signin.import', { classId, orgId: s.community.id, fileBase64, skipErrorRows: true })).toMatchObject({ added: 1, written: true });
  });

  it('refuses training held before the person started community work', async () => {
    const old = await app.ok('training.classes.create', classInput(s.county.id, { startDate: '2014-05-10', endDate: '2014-05-12' }));
    expect(await refused('training.enroll', { classId: old.id, personIds: [s.worker.id] }))
      .toBe('「人员」钱社工于 2015-03-01 开始从事社区工作，不能登记此前（2014-05-12）的培训');
  });
});
