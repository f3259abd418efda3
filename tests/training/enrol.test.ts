import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { attend, classInput, countRows, newApp, personInput, seedTraining } from './fixture.ts';

let app: TestApp;
let s: Awaited<ReturnType<typeof seedTraining>>;
let classId: string;

beforeEach(async () => {
  app = newApp();
  s = await seedTraining(app);
  classId = (await app.ok('training.classes.create', classInput(s.county.id))).id;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('bulk enrolment', () => {
  it('is idempotent: enrolling twice adds nobody twice and reports who was already enrolled', async () => {
    const first = await app.ok('training.enroll', { classId, personIds: [s.secretary.id, s.director.id] });
    expect(first).toEqual({ added: 2, alreadyEnrolled: 0, total: 2 });
    const again = await app.ok('training.enroll', { classId, personIds: [s.secretary.id, s.director.id, s.worker.id, s.worker.id] });
    expect(again).toEqual({ added: 1, alreadyEnrolled: 2, total: 3 });
    expect(countRows(app, 'training_attendance')).toBe(3);
    const c = await app.ok('training.classes.get', { id: classId });
    expect([c.enrolled, c.present]).toEqual([3, 0]);
  });

  it('marks an enrolment 已报名 with no hours; 出席 is refused before the class begins and accepted from its first day', async () => {
    const future = await app.ok('training.classes.create', classInput(s.county.id, { name: '年底培训班', startDate: '2026-12-10', endDate: '2026-12-11', hours: 16 }));
    await app.ok('training.enroll', { classId: future.id, personIds: [s.worker.id] });
    const [row] = (await app.ok('training.attendance.list', { classId: future.id })).rows;
    expect(row).toMatchObject({ status: '已报名', creditedHours: 0 });
    const message = '「出勤」“年底培训班”2026-12-10 才开始，“出席”须在培训开始后登记；报名时记为“已报名”';
    for (const [op, input] of [
      ['training.attendance.setStatus', { ids: [row!.id], status: '出席' }],
      ['training.attendance.update', { id: row!.id, status: '出席' }],
      ['training.enrollOne', { classId: future.id, personId: s.director.id, status: '出席' }],
    ] as const) {
      const env = await app.dispatcher.dispatch(op, input);
      expect(env.ok ? '' : env.error.issues?.map((i) => i.message)).toEqual([message]);
    }
    // 请假 may be known before the class.
    expect(await app.ok('training.attendance.update', { id: row!.id, status: '请假' })).toMatchObject({ status: '请假' });
    const past = (await app.ok('training.attendance.list', { classId })).rows;
    expect(past).toHaveLength(0);
    await app.ok('training.enroll', { classId, personIds: [s.worker.id] });
    const [pastRow] = (await app.ok('training.attendance.list', { classId })).rows;
    expect(await app.ok('training.attendance.setStatus', { ids: [pastRow!.id], status: '出席' })).toEqual({ updated: 1 });
  });

  it('re-enrols someone whose enrolment was cancelled', async () => {
    await app.ok('training.enroll', { classId, personIds: [s.worker.id] });
    const [row] = (await app.ok('training.attendance.list', { classId })).rows;
    await app.ok('training.attendance.remove', { ids: [row!.id], reason: '误报名' });
    expect(await app.ok('training.enroll', { classId, personIds: [s.worker.id] })).toEqual({ added: 1, alreadyEnrolled: 0, total: 1 });
  });

  it('credits the class hours by default, 0 for 缺席 and 请假, and a partial figure when recorded', async () => {
    await attend(app, { classId }, [s.secretary.id, s.director.id]);
    const rows = (await app.ok('training.attendance.list', { classId })).rows;
    expect(rows.map((r) => [r.creditedHours, r.creditedDays])).toEqual([[24, 3], [24, 3]]);
    const partial = await app.ok('training.attendance.update', { id: rows[0]!.id, creditedHours: 12, result: '合格', certificateNo: 'PX-2026-001' });
    expect(partial).toMatchObject({ creditedHours: 12, creditedDays: 3, overridden: true, result: '合格', certificateNo: 'PX-2026-001' });
    const absent = await app.ok('training.attendance.update', { id: rows[0]!.id, status: '缺席' });
    expect(absent).toMatchObject({ creditedHours: 0, creditedDays: 0, overridden: false, certificateNo: 'PX-2026-001' });
    const list = await app.ok('training.attendance.list', { classId });
    expect(list.totalHours).toBe(24);
  });

  it('imports a sign-in sheet matching by ID number then by name, with row-level errors', async () => {
    const withId = await app.ok('roster.create', { ...personInput(s.community.id, '李娜', 4, ['网格员']), birthDate: '1990-05-17', gender: '女', idNumber: '610402199005170025' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('签到表');
    ws.addRow(['区委党校培训签到表']);
    ws.addRow(['序号', '姓名', '身份证号', '签名']);
    ws.addRow([1, '李 娜', '610402199005170025', '']);
    ws.addRow([2, '王书记', '', '']);
    ws.addRow([3, '不存在', '', '']);
    ws.addRow([4, '孙网格', '', '']);
    const fileBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');

    const refused = await app.ok('training.signin.import', { classId, orgId: s.community.id, fileBase64 });
    expect(refused).toMatchObject({ rows: 4, matched: 2, written: false, added: 0 });
    expect(refused.errors).toEqual([
      { row: 5, message: '「姓名」不存在 在本组织在岗人员中不存在' },
      { row: 6, message: '「姓名」孙网格 在本组织在岗人员中不存在' },
    ]);
    expect(countRows(app, 'training_attendance')).toBe(0);

    const partial = await app.ok('training.signin.import', { classId, orgId: s.community.id, fileBase64, skipErrorRows: true });
    expect(partial).toMatchObject({ matched: 2, added: 2, written: true });
    const names = (await app.ok('training.attendance.list', { classId })).rows.map((r) => r.personId).sort();
    expect(names).toEqual([withId.id, s.secretary.id].sort());
  });
});

describe('bad input gets a clear message and writes nothing', () => {
  const audits = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;

  async function refused(op: string, input: unknown): Promise<string> {
    const before = [countRows(app, 'training_classes'), countRows(app, 'training_attendance'), countRows(app, 'training_sessions'), audits()];
    const env = await app.dispatcher.dispatch(op, input);
    expect(env.ok).toBe(false);
    expect([countRows(app, 'training_classes'), countRows(app, 'training_attendance'), countRows(app, 'training_sessions'), audits()]).toEqual(before);
    return env.ok ? '' : env.error.message;
  }

  it('refuses an end date before the start date', async () => {
    expect(await refused('training.classes.create', classInput(s.county.id, { startDate: '2026-05-10', endDate: '2026-05-01' })))
      .toBe('「结束日期」2026-05-01 不能早于开始日期 2026-05-10');
    expect(await refused('training.classes.update', { ...classInput(s.county.id, { endDate: '2026-05-01' }), id: classId })).toContain('「结束日期」');
  });

  it('refuses hours of zero or below, and more than 24 per day', async () => {
    expect(await refused('training.classes.create', classInput(s.county.id, { hours: 0 }))).toBe('「学时」必须大于 0');
    expect(await refused('training.classes.create', classInput(s.county.id, { hours: -2 }))).toBe('「学时」必须大于 0');
    expect(await refused('training.classes.create', classInput(s.county.id, { hours: 73 }))).toContain('超过每天 24 学时的上限');
    const series = await app.ok('training.series.create', { orgId: s.street.id, name: '书记讲堂', level: '街道' });
    expect(await refused('training.sessions.create', { seriesId: series.id, topic: '主题', speakerName: '甲', date: '2026-03-01', hours: 25 })).toContain('24');
    const [row] = await enrolOne(s.worker.id);
    expect(await refused('training.attendance.update', { id: row!.id, creditedHours: 30 })).toBe('「认定学时」应在 0 到 24 之间');
  });

  it('refuses attendance for a retired person after the retirement date, but not before it', async () => {
    await app.ok('roster.retire', { id: s.director.id, status: '退休', date: '2026-03-31', reason: '到龄退休' });
    expect(await refused('training.enroll', { classId, personIds: [s.worker.id, s.director.id] }))
      .toBe('「人员」赵主任已于 2026-03-31 退休，不能登记其后（2026-05-10）的培训');
    const early = await app.ok('training.classes.create', classInput(s.county.id, { startDate: '2026-03-01', endDate: '2026-03-02', hours: 12 }));
    expect(await app.ok('training.enroll', { classId: early.id, personIds: [s.director.id] })).toMatchObject({ added: 1 });
  });

  it('refuses a duplicate enrolment made one by one', async () => {
    await enrolOne(s.worker.id);
    const env = await app.dispatcher.call('training.enrollOne', { classId, personId: s.worker.id });
    expect(!env.ok && env.error).toMatchObject({ code: 'conflict', message: '「人员」钱社工已报名“2026年社区党组织书记示范培训班”，不能重复报名' });
    expect(countRows(app, 'training_attendance')).toBe(1);
  });

  it('refuses a class in a category missing from the list, and a target that is neither or both', async () => {
    expect(await refused('training.classes.create', classInput(s.county.id, { category: '不存在' }))).toContain('「类别」');
    expect(await refused('training.enroll', { personIds: [s.worker.id] })).toContain('必须且只能指定一个');
  });
});

async function enrolOne(personId: string) {
  await app.ok('training.enrollOne', { classId, personId });
  return (await app.ok('training.attendance.list', { classId })).rows.filter((r) => r.personId === personId);
}
