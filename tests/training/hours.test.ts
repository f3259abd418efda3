import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { hoursByPerson } from '../../core/training/hours.ts';
import { attend, classInput, newApp, personInput, seedTraining } from './fixture.ts';

let app: TestApp;
let s: Awaited<ReturnType<typeof seedTraining>>;

beforeEach(async () => {
  app = newApp();
  s = await seedTraining(app);
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const row = (rows: { name: string }[], name: string) => rows.find((r) => r.name === name)!;

describe('hours by person across classes and lecture series', () => {
  it('adds class and session hours per person for the year, honouring status and partial credit', async () => {
    const county = await app.ok('training.classes.create', classInput(s.county.id));
    const street = await app.ok('training.classes.create', classInput(s.street.id, { name: '街道专题培训', category: '专题培训', level: '街道', startDate: '2026-06-01', endDate: '2026-06-01', hours: 6 }));
    const lastYear = await app.ok('training.classes.create', classInput(s.county.id, { name: '2025年轮训', category: '轮训', startDate: '2025-09-01', endDate: '2025-09-02', hours: 16 }));
    const series = await app.ok('training.series.create', { orgId: s.street.id, name: '书记讲堂', level: '街道' });
    const p1 = await app.ok('training.sessions.create', { seriesId: series.id, topic: '网格化治理', speakerPersonId: s.secretary.id, date: '2026-03-15', hours: 2.5 });
    const p2 = await app.ok('training.sessions.create', { seriesId: series.id, topic: '为民服务', speakerName: '外请专家', date: '2026-04-15', hours: 3 });
    expect([p1.phase, p2.phase, p1.speakerName]).toEqual([1, 2, '王书记']);
    expect(p1.title).toBe('书记讲堂 第1期：网格化治理');

    const everyone = [s.secretary.id, s.director.id, s.worker.id, s.other.id];
    await attend(app, { classId: county.id }, everyone);
    await attend(app, { classId: street.id }, [s.secretary.id, s.worker.id]);
    await attend(app, { classId: lastYear.id }, everyone);
    await attend(app, { sessionId: p1.id }, everyone);
    await attend(app, { sessionId: p2.id }, [s.worker.id]);

    const list = await app.ok('training.attendance.list', { classId: county.id });
    const byName = new Map(list.rows.map((r) => [r.personName, r]));
    await app.ok('training.attendance.setStatus', { ids: [byName.get('赵主任')!.id], status: '缺席' });
    await app.ok('training.attendance.update', { id: byName.get('钱社工')!.id, creditedHours: 16, creditedDays: 2 });
    await app.ok('training.attendance.setStatus', { ids: [byName.get('孙网格')!.id], status: '请假' });

    const { rows } = await app.ok('training.hoursByPerson', { year: 2026, orgId: s.street.id });
    expect(rows.map((r) => r.name).sort()).toEqual(['孙网格', '王书记', '赵主任', '钱社工'].sort());
    expect(row(rows, '王书记')).toMatchObject({ hours: 24 + 6 + 2.5, days: 3 + 1, met: false, shortfall: '县级及以上培训还差 4 天' });
    expect(row(rows, '赵主任')).toMatchObject({ hours: 2.5, days: 0, met: false });
    expect(row(rows, '钱社工')).toMatchObject({ hours: 16 + 6 + 2.5 + 3, days: 2 + 1, met: false, requirement: '培训不少于 40 学时（示例）' });
    expect(row(rows, '孙网格')).toMatchObject({ hours: 2.5, days: 0 });

    const last = await app.ok('training.hoursByPerson', { year: 2025, orgId: s.community.id });
    expect(last.rows.map((r) => [r.name, r.hours])).toEqual(expect.arrayContaining([['王书记', 16], ['钱社工', 16]]));
    expect(last.rows).toHaveLength(3);

    // The exported plain function is what the assessment module calls.
    const ctx = { db: app.opened.db, sqlite: app.opened.sqlite, now: () => new Date(), security: null, actor: { kind: 'system' as const, id: 'test', name: 'test' } };
    expect(hoursByPerson(ctx, { year: 2026, orgId: s.street.id }).rows).toEqual(rows);
  });

  it('lists the people below the requirement and exports them to .xlsx', async () => {
    const long = await app.ok('training.classes.create', classInput(s.county.id, { startDate: '2026-05-10', endDate: '2026-05-16', hours: 56 }));
    await attend(app, { classId: long.id }, [s.secretary.id, s.director.id, s.worker.id]);
    const below = await app.ok('training.belowRequirement', { year: 2026, orgId: s.street.id });
    expect(below.rows.map((r) => r.name)).toEqual(['孙网格']);

    const ExcelJS = (await import('exceljs')).default;
    const file = await app.ok('training.belowRequirement.export', { year: 2026, orgId: s.street.id });
    expect(file.count).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('人民路街道 2026 年度培训未达标人员名单');
    expect(ws.getRow(3).getCell(3).value).toBe('孙网格');
    expect(ws.getRow(3).getCell(9).value).toBe('培训还差 40 学时');
  });

  it('uses edited rules once saved, and keeps a person history by year', async () => {
    const defaults = await app.ok('training.requirements.list', {});
    expect(defaults).toMatchObject({ isDefault: true });
    expect(defaults.rules.every((r) => r.isSample)).toBe(true);
    await app.ok('training.requirements.save', { rules: [{ unit: '学时', amount: 20, postCategory: '正职' }, { unit: '学时', amount: 2 }] });
    const c = await app.ok('training.classes.create', classInput(s.county.id, { hours: 20 }));
    await attend(app, { classId: c.id }, [s.secretary.id]);
    const { rows } = await app.ok('training.hoursByPerson', { year: 2026, orgId: s.community.id });
    expect(row(rows, '王书记')).toMatchObject({ met: true, requirement: '培训不少于 20 学时', sampleRule: false });
    expect(row(rows, '赵主任')).toMatchObject({ met: false });
    expect(row(rows, '钱社工')).toMatchObject({ met: false, shortfall: '培训还差 2 学时' });

    const h = await app.ok('training.personHistory', { personId: s.secretary.id });
    expect(h.records).toHaveLength(1);
    expect(h.records[0]).toMatchObject({ title: c.name, creditedHours: 20, creditedDays: 3, status: '出席' });
    expect(h.years[0]).toMatchObject({ year: 2026, hours: 20, met: true });
  });

  it('lists only people in post at some point of the year', async () => {
    await app.ok('roster.retire', { id: s.director.id, status: '离任', date: '2025-06-30', reason: '换届' });
    await app.ok('roster.update', { ...personInput(s.community.id, '钱社工', 2, ['专职社区工作者']), communityWorkStartDate: '2026-02-01', id: s.worker.id });
    const y2025 = await app.ok('training.hoursByPerson', { year: 2025, orgId: s.community.id });
    expect(y2025.rows.map((r) => r.name).sort()).toEqual(['王书记', '赵主任'].sort());
    const y2026 = await app.ok('training.hoursByPerson', { year: 2026, orgId: s.community.id });
    expect(y2026.rows.map((r) => r.name).sort()).toEqual(['王书记', '钱社工'].sort());
  });
});
