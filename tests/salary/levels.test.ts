import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, auditCount, expectError, salaryApp } from './fixtures.ts';

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('initial grading and level history', () => {
  it('grades a roster person step by step and appends history', async () => {
    const s = await salaryApp();
    app = s.app;
    const p = await addPerson(app, s.tree.community.id, {
      postCategory: '正职', communityWorkStartDate: '2018-01-01', ftEducation: '本科', swQualification: '社工师', swQualificationDate: '2020-05-01',
    });
    const pre = await app.ok('salary.gradingPreview', { personId: p.id, effectiveDate: '2025-07-01' });
    expect(pre.steps.map((x) => x.text)).toEqual([
      '社区工作 7 年（每满 3 年 1 级）→ +2 级', '本科视同 3 年（合计 10 年）→ +1 级', '社工师 → +1 级', '社区正职起点 7 级 → 11 级',
    ]);
    const e = await app.ok('salary.gradeInitial', { personId: p.id, effectiveDate: '2025-07-01', approver: '街道党工委' });
    expect(e).toMatchObject({ post: '社区正职', level: 11, reason: '初次定级', approver: '街道党工委', schemeName: '示例方案' });
    const again = await expectError(app, 'salary.gradeInitial', { personId: p.id, effectiveDate: '2025-08-01' });
    expect(again.code).toBe('conflict');
    await app.ok('salary.setLevel', { personId: p.id, post: '社区正职', level: 12, effectiveDate: '2025-10-01', reason: '学历提升', note: '取得硕士学位' });
    const h = await app.ok('salary.history', { personId: p.id });
    expect(h.map((x) => [x.level, x.reason])).toEqual([[11, '初次定级'], [12, '学历提升']]);
  });

  it('rejects a level outside the post band, and dates with no scheme, writing nothing', async () => {
    const s = await salaryApp();
    app = s.app;
    const p = await addPerson(app, s.tree.community.id);
    const before = auditCount(app);
    const out = await expectError(app, 'salary.setLevel', { personId: p.id, post: '其他社区工作者', level: 13, effectiveDate: '2025-01-01', reason: '人工调整', note: '测试' });
    expect(out.message).toBe('「级别」13 超出岗位“其他社区工作者”的级段 1–12 级');
    const noScheme = await expectError(app, 'salary.gradeInitial', { personId: p.id, effectiveDate: '2019-12-31' });
    expect(noScheme.message).toContain('「定级日期」2019-12-31 没有生效的薪酬方案');
    const badPost = await expectError(app, 'salary.gradingPreview', { personId: p.id, effectiveDate: '2025-01-01', post: '主任' });
    expect(badPost.message).toContain('「岗位」“主任”不在该薪酬方案中');
    expect(auditCount(app)).toBe(before);
    expect(await app.ok('salary.history', { personId: p.id })).toEqual([]);
  });

  it('records grades, updates them, and rejects unknown grades', async () => {
    const s = await salaryApp();
    app = s.app;
    const p = await addPerson(app, s.tree.community.id);
    await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: p.id, grade: '称职' }] });
    await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: p.id, grade: '优秀' }], source: '考核模块' });
    expect(await app.ok('salary.grades', { year: 2024, orgId: s.tree.county.id })).toMatchObject([{ personId: p.id, grade: '优秀', source: '考核模块' }]);
    const err = await expectError(app, 'salary.setGrades', { year: 2024, grades: [{ personId: p.id, grade: '良好' }] });
    expect(err.message).toContain('「考核等次」“良好”');
  });
});

describe('annual promotion run', () => {
  async function setup() {
    const s = await salaryApp();
    app = s.app;
    const mk = (name: string) => addPerson(app, s.tree.community.id, { name, postCategory: '其他', communityWorkStartDate: '2021-01-01' });
    const people = { a: await mk('优秀甲'), b: await mk('称职乙'), c: await mk('基本称职丙'), d: await mk('不称职丁'), e: await mk('未定级戊') };
    for (const k of ['a', 'b', 'c', 'd'] as const)
      await app.ok('salary.setLevel', { personId: people[k].id, post: '其他社区工作者', level: 5, effectiveDate: '2022-01-01', reason: '人工调整', note: '期初' });
    const grade = (y: number, last: Record<string, string>) =>
      app.ok('salary.setGrades', { year: y, grades: Object.entries(last).map(([k, g]) => ({ personId: people[k as 'a'].id, grade: g as '称职' })) });
    await grade(2022, { a: '称职', b: '称职', c: '称职', d: '称职' });
    await grade(2023, { a: '优秀', b: '称职', c: '称职', d: '称职' });
    await grade(2024, { a: '优秀', b: '称职', c: '基本称职', d: '不称职' });
    return { s, people };
  }

  it('previews gating for 优秀, 称职, 基本称职, 不称职 with reasons', async () => {
    const { s } = await setup();
    const pv = await app.ok('salary.promotionPreview', { orgId: s.tree.street.id, year: 2024 });
    expect(pv.effectiveDate).toBe('2025-01-01');
    const by = Object.fromEntries(pv.proposals.map((p) => [p.name, [p.action, p.toLevel]]));
    expect(by).toEqual({ 优秀甲: ['advance', 6], 称职乙: ['advance', 6], 基本称职丙: ['none', 5], 不称职丁: ['demote', 4], 未定级戊: ['skip', null] });
    expect(pv.proposals.find((p) => p.name === '称职乙')!.explanation).toBe('自 2022 年起计入晋级年限 3 年（2022称职、2023称职、2024称职），满 3 年 → 晋升 1 级（5 级→6 级）');
  });

  it('approves with exclusions and adjustments in one transaction, once', async () => {
    const { s, people } = await setup();
    const r = await app.ok('salary.approvePromotion', {
      orgId: s.tree.street.id, year: 2024, approver: '街道党工委',
      excluded: [{ personId: people.b.id, note: '本年度受处分' }],
      adjusted: [{ personId: people.d.id, toLevel: 5, note: '经复核不降级' }],
    });
    expect(r.written).toBe(1);
    const ha = await app.ok('salary.history', { personId: people.a.id });
    expect(ha.at(-1)).toMatchObject({ level: 6, reason: '到期晋级', effectiveDate: '2025-01-01', approver: '街道党工委', runId: r.runId });
    expect((await app.ok('salary.history', { personId: people.b.id })).length).toBe(1);
    expect((await app.ok('salary.history', { personId: people.d.id })).length).toBe(1);
    const again = await expectError(app, 'salary.approvePromotion', { orgId: s.tree.street.id, year: 2024 });
    expect(again.code).toBe('conflict');
    const sub = await app.ok('salary.promotionPreview', { orgId: s.tree.community.id, year: 2024 });
    expect(sub.proposals.find((p) => p.name === '优秀甲')!.action).toBe('skip');
  });

  it('rejects an adjustment outside the band and writes nothing', async () => {
    const { s, people } = await setup();
    const before = auditCount(app);
    const err = await expectError(app, 'salary.approvePromotion', {
      orgId: s.tree.street.id, year: 2024, adjusted: [{ personId: people.a.id, toLevel: 13, note: '越级' }],
    });
    expect(err.message).toContain('「调整后级别」13 超出');
    expect(auditCount(app)).toBe(before);
    expect((await app.ok('salary.history', { personId: people.a.id })).length).toBe(1);
  });
});
