import { afterEach, describe, expect, it } from 'vitest';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, auditCount, expectError, salaryApp } from './fixtures.ts';

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

// The sample scheme with two one-time bonuses; 其他社区工作者 runs 1–12.
async function setup() {
  const s = await salaryApp();
  app = s.app;
  const { id, orgId, name, docNo, effectiveDate, sample } = s.scheme;
  await app.ok('salary.saveScheme', {
    id, orgId, name, docNo, effectiveDate, sample,
    config: { ...sampleSchemeConfig(), levelBonuses: [{ reason: '市级以上表彰', levels: 1 }, { reason: '全国劳模', levels: 3 }] },
  });
  const p = await addPerson(app, s.tree.community.id);
  return { s, p };
}

const setLevel = (personId: string, level: number, effectiveDate = '2025-01-01') =>
  app.ok('salary.setLevel', { personId, post: '其他社区工作者', level, effectiveDate, reason: '人工调整', note: '期初' });

const levelRows = () => (app.opened.sqlite.prepare('SELECT count(*) AS n FROM salary_level_history').get() as { n: number }).n;

describe('salary.levelBonuses', () => {
  it('lists the bonuses of the version the server applies on the date', async () => {
    const { s, p } = await setup();
    await app.ok('salary.saveScheme', { orgId: s.tree.county.id, name: '2026 版', effectiveDate: '2026-01-01', config: { ...sampleSchemeConfig(), levelBonuses: [{ reason: '省级表彰', levels: 2 }] } });
    const on = (effectiveDate: string) => app.ok('salary.levelBonuses', { personId: p.id, effectiveDate });
    expect(await on('2025-12-31')).toEqual({ schemeId: s.scheme.id, schemeName: s.scheme.name, bonuses: [{ reason: '市级以上表彰', levels: 1 }, { reason: '全国劳模', levels: 3 }] });
    expect((await on('2026-01-01')).bonuses).toEqual([{ reason: '省级表彰', levels: 2 }]);
    expect(await on('2019-12-31')).toEqual({ schemeId: null, schemeName: null, bonuses: [] });
  });
});

describe('salary.applyLevelBonus', () => {
  it('appends one history entry old → new with the reason, and the next month pays the new level', async () => {
    const { s, p } = await setup();
    await setLevel(p.id, 5);
    const line = async (month: string) => (await app.ok('salary.paySheet', { orgId: s.tree.community.id, month })).lines.find((l) => l.personId === p.id)!;
    const before = await line('2025-05');
    const six = await line('2025-06');
    expect([before.level, six.level]).toEqual([5, 5]);

    const out = await app.ok('salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2025-06-01', approver: '区民政局' });
    expect(out).toMatchObject({ post: '其他社区工作者', level: 6, fromLevel: 5, capped: false, reason: '一次性加级：市级以上表彰', approver: '区民政局', effectiveDate: '2025-06-01' });
    expect(out.message).toBe('市级以上表彰：加 1 级（5 级→6 级）');
    const h = await app.ok('salary.history', { personId: p.id });
    expect(h.map((x) => [x.effectiveDate, x.level, x.reason])).toEqual([['2025-01-01', 5, '人工调整'], ['2025-06-01', 6, '一次性加级：市级以上表彰']]);

    // May stays as it was; June is paid at level 6.
    expect((await line('2025-05')).totalFen).toBe(before.totalFen);
    const after = await line('2025-06');
    expect(after.level).toBe(6);
    expect(after.baseFen).toBeGreaterThan(six.baseFen);

    const audit = app.opened.sqlite.prepare("SELECT entity, outcome FROM audit_log WHERE operation = 'salary.applyLevelBonus'").all();
    expect(audit).toEqual([{ entity: 'salary_level', outcome: 'ok' }]);

    // Once per reason and date.
    const again = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2025-06-01' });
    expect(again).toMatchObject({ code: 'conflict' });
    expect(again.message).toContain('已于 2025-06-01 办理过“市级以上表彰”一次性加级');
  });

  it('leaves a confirmed month frozen; the difference is paid in the next open month', async () => {
    const { s, p } = await setup();
    await setLevel(p.id, 5);
    const sheet = (month: string) => app.ok('salary.paySheet', { orgId: s.tree.community.id, month });
    const june = await app.ok('salary.confirmMonth', { orgId: s.tree.community.id, month: '2025-06' });
    const frozen = june.lines.find((l) => l.personId === p.id)!;
    await app.ok('salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2025-06-01' });
    expect((await sheet('2025-06')).lines.find((l) => l.personId === p.id)).toMatchObject({ level: 5, totalFen: frozen.totalFen });
    const july = (await sheet('2025-07')).lines.find((l) => l.personId === p.id)!;
    expect(july.level).toBe(6);
    expect(july.corrections.map((c) => [c.month, c.kind])).toEqual([['2025-06', '补发']]);
    expect(july.correctionFen).toBeGreaterThan(0);
  });

  it('caps at the top of the post band and says so; refuses at the top naming the cap', async () => {
    const { p } = await setup();
    await setLevel(p.id, 11);
    const out = await app.ok('salary.applyLevelBonus', { personId: p.id, reason: '全国劳模', effectiveDate: '2025-03-01' });
    expect(out).toMatchObject({ level: 12, fromLevel: 11, capped: true });
    expect(out.message).toBe('全国劳模：应加 3 级，按岗位“其他社区工作者”最高级 12 级封顶，实加 1 级（11 级→12 级）');
    expect(out.note).toBe(out.message);

    const n = auditCount(app);
    const rows = levelRows();
    const top = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2025-04-01' });
    expect(top.message).toBe(`「加级事由」“${p.name}”已是岗位“其他社区工作者”最高级 12 级，不能再加级`);
    expect([auditCount(app), levelRows()]).toEqual([n, rows]);
  });

  it('refuses a person not yet graded on the date, and a date before a later record, writing nothing', async () => {
    const { p } = await setup();
    const n = auditCount(app);
    const ungraded = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2025-06-01' });
    expect(ungraded.message).toBe(`「人员」“${p.name}”在 2025-06-01 尚未定级，不能办理一次性加级；请先办理初次定级`);
    await setLevel(p.id, 5, '2025-06-01');
    const n2 = auditCount(app);
    const early = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2025-05-01' });
    expect(early.message).toContain('尚未定级');
    await setLevel(p.id, 6, '2025-09-01');
    const n3 = auditCount(app);
    const overridden = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2025-07-01' });
    expect(overridden).toMatchObject({ code: 'conflict' });
    expect(overridden.message).toContain('2025-09-01 人工调整');
    expect([n2 - n, auditCount(app) - n3]).toEqual([1, 0]);
    expect(levelRows()).toBe(2);
  });

  it('names the field of bad input and writes nothing', async () => {
    const { p } = await setup();
    await setLevel(p.id, 5);
    const n = auditCount(app);
    const unknown = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '省级表彰', effectiveDate: '2025-06-01' });
    expect(unknown.message).toBe('「加级事由」“省级表彰”不在方案“示例方案”的一次性加级中（可选：市级以上表彰、全国劳模）');
    const noDate = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰' });
    expect(noDate.message).toContain('「生效日期」');
    const noReason = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '', effectiveDate: '2025-06-01' });
    expect(noReason.message).toContain('「加级事由」');
    const noScheme = await expectError(app, 'salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2019-06-01' });
    expect(noScheme.message).toContain('「生效日期」2019-06-01 没有生效的薪酬方案');
    expect([auditCount(app), levelRows()]).toEqual([n, 1]);
  });

  it('does not restart the regular step interval: a bonus is on top of the years served', async () => {
    const { s, p } = await setup();
    await setLevel(p.id, 5, '2022-01-01');
    await app.ok('salary.setGrades', { year: 2022, grades: [{ personId: p.id, grade: '称职' }] });
    await app.ok('salary.setGrades', { year: 2023, grades: [{ personId: p.id, grade: '称职' }] });
    await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: p.id, grade: '称职' }] });
    await app.ok('salary.applyLevelBonus', { personId: p.id, reason: '市级以上表彰', effectiveDate: '2024-06-01' });
    // Three counted years since 2022 (the sample's interval): the regular step is due on top of the bonus.
    const preview = await app.ok('salary.promotionPreview', { orgId: s.tree.community.id, year: 2024 });
    const row = preview.proposals.find((x) => x.personId === p.id)!;
    expect([row.action, row.fromLevel, row.toLevel]).toEqual(['advance', 6, 7]);
  });
});
