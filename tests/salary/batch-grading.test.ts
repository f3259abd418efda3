import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { defaultGradingDate } from '../../core/salary/grading-dates.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, auditCount, expectError, FIXED_NOW, salaryApp } from './fixtures.ts';

// 批量定级 (issue 15 §4): a unit graded at once on a chosen date that is never silently
// today, previewed with each person's explanation, written in one transaction.

let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  if (app) removeDir(app.dir);
  app = undefined;
});

const historyCount = () => (app!.opened.sqlite.prepare('SELECT count(*) AS n FROM salary_level_history WHERE deleted_at IS NULL').get() as { n: number }).n;

/** 甲 graded from July; August confirmed with 乙 listed as 尚未定级. */
async function augustConfirmedWithout乙() {
  const s = await salaryApp();
  app = s.app;
  const a = await addPerson(app, s.tree.community.id, { name: '甲', communityWorkStartDate: '2020-01-01' });
  const b = await addPerson(app, s.tree.community.id, { name: '乙', communityWorkStartDate: '2020-01-01' });
  await app.ok('salary.gradeInitial', { personId: a.id, effectiveDate: '2025-07-01' });
  await app.ok('salary.confirmMonth', { orgId: s.tree.community.id, month: '2025-08' });
  return { s, a, b, app: s.app };
}

describe('the default grading date', () => {
  it('is the first of the month, or the effective date of a scheme that starts later, never today', () => {
    expect(defaultGradingDate([{ effectiveDate: '2020-01-01' }], '2026-06-15')).toBe('2026-06-01');
    expect(defaultGradingDate([{ effectiveDate: '2026-06-01' }], '2026-06-15')).toBe('2026-06-01');
    expect(defaultGradingDate([{ effectiveDate: '2026-07-01' }], '2026-06-15')).toBe('2026-07-01');
    expect(defaultGradingDate([], '2026-06-15')).toBe('2026-06-01');
  });

  it('comes from the stored scheme versions through salary.gradingDefaults', async () => {
    const s = await salaryApp();
    app = s.app;
    // FIXED_NOW is 2026-06-15.
    expect(await app.ok('salary.gradingDefaults', {})).toEqual({ effectiveDate: '2026-06-01' });
  });
});

describe('批量定级', () => {
  it('grades a demo community in one go, and this month’s sheet then lists everyone graded', async () => {
    app = openTestApp({ now: () => FIXED_NOW });
    const data = generateDemo({ communities: 1, people: 60, today: '2026-06-15', seed: 15 });
    app.dispatcher.transact('test.demo', (tx) => seedDemo(tx, data));
    const county = app.opened.sqlite.prepare("SELECT id FROM org_units WHERE level = 'county'").get() as { id: string };
    const community = app.opened.sqlite.prepare("SELECT id FROM org_units WHERE level = 'community'").get() as { id: string };
    await app.ok('salary.saveScheme', { orgId: county.id, name: '示例方案', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig() });

    const { effectiveDate } = await app.ok('salary.gradingDefaults', {});
    const pre = await app.ok('salary.batchGradingPreview', { orgId: community.id, effectiveDate });
    const inPost = (app.opened.sqlite.prepare("SELECT count(*) AS n FROM people WHERE status = '在岗' AND org_id = ?").get(community.id) as { n: number }).n;
    expect(pre.rows.length).toBe(inPost);
    const toGrade = pre.rows.filter((r) => r.status === 'grade');
    expect(toGrade.length).toBe(inPost);
    // Each row carries its explanation, ending on the start level (and any cap).
    for (const r of toGrade) expect(r.steps.some((x) => x.rule === 'start')).toBe(true);

    const before = auditCount(app);
    const out = await app.ok('salary.batchGrade', { orgId: community.id, effectiveDate, people: toGrade.map((r) => ({ personId: r.personId, post: r.post!, level: r.level! })) });
    expect(out.written).toBe(toGrade.length);
    // One transaction, one audit row.
    expect(auditCount(app)).toBe(before + 1);

    const sheet = await app.ok('salary.paySheet', { orgId: community.id, month: '2026-06' });
    const onSheet = new Set(sheet.lines.map((l) => l.personId));
    expect(toGrade.filter((r) => !onSheet.has(r.personId)).map((r) => r.name)).toEqual([]);
    expect(sheet.missing.filter((m) => toGrade.some((r) => r.personId === m.personId))).toEqual([]);
    const byId = new Map(sheet.lines.map((l) => [l.personId, l]));
    for (const r of toGrade) expect([byId.get(r.personId)!.post, byId.get(r.personId)!.level]).toEqual([r.post, r.level]);

    // A second preview shows everyone as graded; nobody is graded twice.
    const again = await app.ok('salary.batchGradingPreview', { orgId: community.id, effectiveDate });
    expect(again.rows.every((r) => r.status === 'graded')).toBe(true);
    const twice = await expectError(app, 'salary.batchGrade', { orgId: community.id, effectiveDate, people: [{ personId: toGrade[0]!.personId, post: toGrade[0]!.post!, level: toGrade[0]!.level! }] });
    expect(twice.code).toBe('conflict');
  });

  it('refuses the whole batch when one figure differs from the preview, writing nothing', async () => {
    const s = await salaryApp();
    app = s.app;
    const a = await addPerson(app, s.tree.community.id, { name: '甲', postCategory: '正职', communityWorkStartDate: '2018-01-01' });
    const b = await addPerson(app, s.tree.community.id, { name: '乙', communityWorkStartDate: '2024-01-01' });
    const pre = await app.ok('salary.batchGradingPreview', { orgId: s.tree.community.id, effectiveDate: '2026-06-01' });
    const rows = pre.rows.map((r) => ({ personId: r.personId, post: r.post!, level: r.level! }));
    expect(rows.map((r) => r.personId).sort()).toEqual([a.id, b.id].sort());
    const before = auditCount(app);
    const stale = rows.map((r) => (r.personId === b.id ? { ...r, level: r.level + 1 } : r));
    const err = await expectError(app, 'salary.batchGrade', { orgId: s.tree.community.id, effectiveDate: '2026-06-01', people: stale });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('「乙」的测算已变为');
    expect(historyCount()).toBe(0);
    expect(auditCount(app)).toBe(before);

    // Someone of another unit is not smuggled into this unit's batch.
    const outsider = await addPerson(app, s.other.id, { name: '丙' });
    const err2 = await expectError(app, 'salary.batchGrade', { orgId: s.tree.community.id, effectiveDate: '2026-06-01', people: [...rows, { personId: outsider.id, post: '其他社区工作者', level: 1 }] });
    expect(err2.message).toContain('不是该单位的在岗人员');
    expect(historyCount()).toBe(0);
  });

  it('shows a person it cannot grade with the reason, and a date without a scheme is a field error', async () => {
    const s = await salaryApp();
    app = s.app;
    // A version from 2026 without a 副职 post: a 副职 on the roster has nowhere to be graded.
    const config = sampleSchemeConfig();
    config.posts = config.posts.filter((p) => p.category !== '副职');
    await app.ok('salary.saveScheme', { orgId: s.tree.county.id, name: '无副职方案', effectiveDate: '2026-01-01', config });
    await addPerson(app, s.tree.community.id, { name: '丁', postCategory: '副职' });
    await addPerson(app, s.tree.community.id, { name: '戊' });
    const pre = await app.ok('salary.batchGradingPreview', { orgId: s.tree.community.id, effectiveDate: '2026-06-01' });
    expect(pre.rows.map((r) => [r.name, r.status])).toEqual([['丁', 'error'], ['戊', 'grade']]);
    expect(pre.rows[0]!.message).toBe('「岗位类别」“副职”在该薪酬方案中没有对应岗位，请指定岗位');
    const err = await expectError(app, 'salary.batchGradingPreview', { orgId: s.tree.community.id, effectiveDate: '2019-06-01' });
    expect(err.message).toContain('「定级日期」2019-06-01 没有生效的薪酬方案');
  });

  it('refuses a date before a confirmed month that listed someone as 尚未定级, for the whole batch', async () => {
    const { s, b, app } = await augustConfirmedWithout乙();
    const pre = await app.ok('salary.batchGradingPreview', { orgId: s.tree.community.id, effectiveDate: '2025-07-01' });
    const rows = pre.rows.filter((r) => r.status === 'grade').map((r) => ({ personId: r.personId, post: r.post!, level: r.level! }));
    expect(rows.map((r) => r.personId)).toEqual([b.id]);
    const before = historyCount();
    const err = await expectError(app, 'salary.batchGrade', { orgId: s.tree.community.id, effectiveDate: '2025-07-01', people: rows });
    expect(err.message).toContain('「定级日期」不能早于 2025-08 月：该月工资表已确认，“乙”当时因尚未定级未列入');
    expect(historyCount()).toBe(before);
    // After August it is fine.
    expect((await app.ok('salary.batchGrade', { orgId: s.tree.community.id, effectiveDate: '2025-09-01', people: rows })).written).toBe(1);
  });

  it('holds one person’s first grading to the same rule, through gradeInitial or a first setLevel', async () => {
    const { a, b, app } = await augustConfirmedWithout乙();
    const before = historyCount();
    const one = await expectError(app, 'salary.gradeInitial', { personId: b.id, effectiveDate: '2025-07-01' });
    expect(one.message).toContain('「定级日期」不能早于 2025-08 月：该月工资表已确认，“乙”当时因尚未定级未列入');
    const pre = await app.ok('salary.gradingPreview', { personId: b.id, effectiveDate: '2025-07-01' });
    const first = await expectError(app, 'salary.setLevel', { personId: b.id, post: pre.post, level: pre.level, effectiveDate: '2025-07-01', reason: '初次定级', note: '首次' });
    expect(first.message).toContain('“乙”当时因尚未定级未列入');
    expect(historyCount()).toBe(before);
    // A later change of someone already graded is not a first grading: its difference is a 补发 line.
    await app.ok('salary.setLevel', { personId: a.id, post: pre.post, level: pre.level, effectiveDate: '2025-08-01', reason: '人工调整', note: '调整' });
    expect((await app.ok('salary.gradeInitial', { personId: b.id, effectiveDate: '2025-09-01' })).effectiveDate).toBe('2025-09-01');
  });
});
