import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { attend, classInput, newApp, seedTraining } from './fixture.ts';

// Updates are partial: an API or CLI caller that omits a field keeps its stored value, an
// explicit null clears it. A class's derived 天数 follows new dates; training records that say
// a training has begun (出席/缺席/补学, credited hours) cannot precede its start (today is
// 2026-11-27 on the fixture clock).

let app: TestApp;
let s: Awaited<ReturnType<typeof seedTraining>>;
const audits = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
async function refused(op: string, input: unknown): Promise<string> {
  const before = audits();
  const env = await app.dispatcher.dispatch(op, input);
  expect(env.ok, op).toBe(false);
  expect(audits()).toBe(before);
  return env.ok ? '' : env.error.message;
}

beforeEach(async () => {
  app = newApp();
  s = await seedTraining(app);
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

async function seriesWithTwo() {
  const series = await app.ok('training.series.create', { orgId: s.street.id, name: '书记讲堂', category: '专题培训', level: '街道', host: '街道党工委', remarks: '每月一期' });
  const first = await app.ok('training.sessions.create', { seriesId: series.id, topic: '基层治理', speakerPersonId: s.secretary.id, date: '2026-03-05', hours: 2, location: '党群服务中心', remarks: '第一期' });
  const second = await app.ok('training.sessions.create', { seriesId: series.id, topic: '网格管理', speakerName: '李老师', date: '2026-04-05', hours: 2 });
  return { series, first, second };
}

describe('partial updates of series and sessions', () => {
  it('a session update keeps the omitted 期次, place, remarks and speaker; null clears', async () => {
    const { series, first } = await seriesWithTwo();
    const updated = await app.ok('training.sessions.update', { id: first.id, topic: '基层治理（修订）' });
    expect(updated).toMatchObject({ phase: 1, topic: '基层治理（修订）', location: '党群服务中心', remarks: '第一期', speakerPersonId: s.secretary.id, speakerName: '王书记', hours: 2 });
    expect((await app.ok('training.series.get', { id: series.id })).sessions.map((x: any) => x.phase)).toEqual([1, 2]);
    expect(await app.ok('training.sessions.update', { id: first.id, location: null })).toMatchObject({ location: null, remarks: '第一期', phase: 1 });
    // Another roster speaker without a typed name takes that person's name.
    expect(await app.ok('training.sessions.update', { id: first.id, speakerPersonId: s.director.id })).toMatchObject({ speakerName: '赵主任' });
  });

  it('a series update keeps the omitted category, host and remarks; null clears', async () => {
    const { series } = await seriesWithTwo();
    expect(await app.ok('training.series.update', { id: series.id, name: '社区书记讲堂' }))
      .toMatchObject({ name: '社区书记讲堂', category: '专题培训', host: '街道党工委', remarks: '每月一期', level: '街道' });
    expect(await app.ok('training.series.update', { id: series.id, host: null })).toMatchObject({ host: null, remarks: '每月一期', category: '专题培训' });
  });
});

describe('a class’s 天数 after new dates', () => {
  it('is derived again from the new dates when it was derived, and kept when it was entered', async () => {
    const c = await app.ok('training.classes.create', classInput(s.county.id)); // 05-10 … 05-12, 24 学时
    expect(c.days).toBe(3);
    expect(await app.ok('training.classes.update', { id: c.id, endDate: '2026-05-11' })).toMatchObject({ endDate: '2026-05-11', days: 2 });
    expect(await app.ok('training.classes.update', { id: c.id, endDate: '2026-05-14' })).toMatchObject({ days: 5 });
    // An entered figure below the span stays as entered.
    await app.ok('training.classes.update', { id: c.id, days: 2 });
    expect(await app.ok('training.classes.update', { id: c.id, endDate: '2026-05-15' })).toMatchObject({ days: 2 });
  });
});

describe('records that say a training has begun', () => {
  it('a class with 出席 records cannot move to a start after today', async () => {
    const c = await app.ok('training.classes.create', classInput(s.county.id, { startDate: '2026-11-20', endDate: '2026-11-21', hours: 12 }));
    await attend(app, { classId: c.id }, [s.worker.id]);
    expect(await refused('training.classes.update', { id: c.id, startDate: '2026-12-10', endDate: '2026-12-11' })).toContain('钱社工（出席）');
    expect((await app.ok('training.classes.get', { id: c.id })).startDate).toBe('2026-11-20');
    // Back to 已报名, the move is fine.
    const rows = (await app.ok('training.attendance.list', { classId: c.id })).rows;
    await app.ok('training.attendance.update', { id: rows[0]!.id, status: '已报名' });
    await app.ok('training.classes.update', { id: c.id, startDate: '2026-12-10', endDate: '2026-12-11' });
  });

  it('a session with 缺席 records cannot move to a date after today', async () => {
    const { first } = await seriesWithTwo();
    await app.ok('training.enroll', { sessionId: first.id, personIds: [s.worker.id] });
    const rows = (await app.ok('training.attendance.list', { sessionId: first.id })).rows;
    await app.ok('training.attendance.setStatus', { ids: [rows[0]!.id], status: '缺席' });
    // The whole record, as the old full-record contract took it: the refusal is about the date.
    const { id, seriesId, phase, topic, speakerPersonId, speakerName, hours, location, remarks } = first;
    const whole = { id, seriesId, phase, topic, speakerPersonId, speakerName, hours, location, remarks };
    expect(await refused('training.sessions.update', { ...whole, date: '2026-12-20' })).toContain('钱社工（缺席）');
    await app.ok('training.sessions.update', { id: first.id, date: '2026-11-26' });
  });

  it('credited hours cannot be recorded on an enrolment before the training starts', async () => {
    const c = await app.ok('training.classes.create', classInput(s.county.id, { startDate: '2026-12-10', endDate: '2026-12-11', hours: 12 }));
    await app.ok('training.enroll', { classId: c.id, personIds: [s.worker.id] });
    const row = (await app.ok('training.attendance.list', { classId: c.id })).rows[0]!;
    expect(await refused('training.attendance.update', { id: row.id, creditedHours: 4 })).toContain('「认定学时」');
    // A zero figure and other fields are fine.
    expect(await app.ok('training.attendance.update', { id: row.id, creditedHours: 0, remarks: '提前登记' })).toMatchObject({ creditedHours: 0, remarks: '提前登记' });
  });
});
