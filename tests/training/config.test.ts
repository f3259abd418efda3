import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { classInput, newApp, seedTraining } from './fixture.ts';

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

describe('editable category list', () => {
  it('starts from the defaults, saves a new list, and keeps categories that are in use', async () => {
    const defaults = await app.ok('training.categories.list', {});
    expect(defaults).toEqual({ isDefault: true, editable: true, names: ['任前培训', '轮训', '专题培训', '示范班', '视频培训', '网络培训', '书记讲堂', '现场教学', '其他'] });
    await app.ok('training.classes.create', classInput(s.county.id));
    const refused = await app.dispatcher.call('training.categories.save', { names: ['专题培训', '其他'] });
    expect(!refused.ok && refused.error.message).toBe('「类别」“示范班”已被培训班次或讲堂使用，不能删除');
    const dup = await app.dispatcher.call('training.categories.save', { names: ['示范班', '示范班'] });
    expect(!dup.ok && dup.error.message).toBe('「类别」“示范班”重复');
    await app.ok('training.categories.save', { names: ['示范班', '党性教育'] });
    expect(await app.ok('training.categories.list', {})).toEqual({ isDefault: false, editable: true, names: ['示范班', '党性教育'] });
    const c = await app.ok('training.classes.create', classInput(s.county.id, { category: '党性教育' }));
    expect(c.category).toBe('党性教育');
    const gone = await app.dispatcher.call('training.classes.create', classInput(s.county.id, { category: '轮训' }));
    expect(!gone.ok && gone.error.message).toBe('「类别」“轮训”不在培训类别列表中');
  });
});

describe('lecture series sessions', () => {
  it('numbers sessions in order, refuses a taken phase, and defaults the speaker name from the roster', async () => {
    const series = await app.ok('training.series.create', { orgId: s.street.id, name: '书记讲堂', level: '街道' });
    const one = await app.ok('training.sessions.create', { seriesId: series.id, topic: '党建引领基层治理', speakerPersonId: s.secretary.id, date: '2026-02-20', hours: 2 });
    expect(one).toMatchObject({ phase: 1, speakerName: '王书记', speakerPersonId: s.secretary.id });
    const clash = await app.dispatcher.call('training.sessions.create', { seriesId: series.id, phase: 1, topic: '另一个', speakerName: '甲', date: '2026-03-20', hours: 2 });
    expect(!clash.ok && clash.error).toMatchObject({ code: 'conflict', message: '「期次」第1期已存在（党建引领基层治理）' });
    const noSpeaker = await app.dispatcher.call('training.sessions.create', { seriesId: series.id, topic: '无主讲', date: '2026-03-20', hours: 2 });
    expect(!noSpeaker.ok && noSpeaker.error.message).toContain('「主讲人」必须填写');
    const got = await app.ok('training.series.get', { id: series.id });
    expect(got.series.sessionCount).toBe(1);
    expect(got.sessions.map((x) => x.title)).toEqual(['书记讲堂 第1期：党建引领基层治理']);
  });
});
