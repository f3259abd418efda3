import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, auditCount, expectError, salaryApp } from './fixtures.ts';

// Issue 12: a confirmed pay month is sealed per person at whatever unit confirmed it, and a
// promotion decision holds per person and year across every run.

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

// Sample scheme: base 3000.00 元 × (1 + 0.05 × (level − 1)); 甲 has 200 元 seniority and
// 200 元 qualification allowance; performance 优秀 = 0.3 of the base.
async function setup() {
  const s = await salaryApp();
  app = s.app;
  const a = await addPerson(app, s.tree.community.id, { name: '甲', postCategory: '正职', communityWorkStartDate: '2014-01-01', swQualification: '助理社工师' });
  await app.ok('salary.setLevel', { personId: a.id, post: '社区正职', level: 11, effectiveDate: '2024-01-01', reason: '人工调整', note: '期初' });
  await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: a.id, grade: '优秀' }] });
  const line = async (orgId: string, month: string) => (await app.ok('salary.paySheet', { orgId, month })).lines.find((l) => l.personId === a.id)!;
  return { ...s, a, line };
}

describe('a confirmed pay month is sealed per person', () => {
  it('a community sheet shows the street’s sealed figure and cannot confirm a different amount', async () => {
    const { tree, a, line } = await setup();
    const street = await app.ok('salary.confirmMonth', { orgId: tree.street.id, month: '2025-03' });
    expect(street.lines[0]!.totalFen).toBe(625_000);
    // The base changes after the street confirmed: level 15 from 1 January.
    await app.ok('salary.setLevel', { personId: a.id, post: '社区正职', level: 15, effectiveDate: '2025-01-01', reason: '人工调整', note: '补办调级' });
    const draft = await line(tree.community.id, '2025-03');
    expect(draft).toMatchObject({ totalFen: 625_000, level: 11, sealed: { orgId: tree.street.id, orgName: '人民路街道' } });
    // A view that still shows the recomputed amount is refused, naming the street.
    const before = auditCount(app);
    const err = await expectError(app, 'salary.confirmMonth', { orgId: tree.community.id, month: '2025-03', shown: [{ personId: a.id, totalFen: 703_000 }] });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('已由“人民路街道”');
    expect(err.message).toContain('确认为 6250.00 元，不能再确认为 7030.00 元');
    expect(auditCount(app)).toBe(before);
    // Confirming at the community freezes the sealed figure, marked as the street's.
    const community = await app.ok('salary.confirmMonth', { orgId: tree.community.id, month: '2025-03', shown: [{ personId: a.id, totalFen: 625_000 }] });
    expect(community.lines[0]).toMatchObject({ totalFen: 625_000, sealed: { orgName: '人民路街道' } });
    const stored = app.opened.sqlite.prepare('SELECT DISTINCT total_fen AS t FROM salary_pay_lines WHERE person_id = ?').all(a.id);
    expect(stored).toEqual([{ t: 625_000 }]);
    // The street's own sheet is not marked as copied.
    expect((await line(tree.street.id, '2025-03')).sealed).toBeNull();
  });

  it('a change that would alter a sealed month becomes a 补发 / 扣回 line on the next open month', async () => {
    const { tree, a, line } = await setup();
    await app.ok('salary.confirmMonth', { orgId: tree.street.id, month: '2025-03' });
    await app.ok('salary.setLevel', { personId: a.id, post: '社区正职', level: 15, effectiveDate: '2025-01-01', reason: '人工调整', note: '补办调级' });
    // 03 would now be 5,100 + 400 + 1,530 = 7,030 元: 780 元 owed; open months before it are just recomputed.
    expect((await line(tree.street.id, '2025-02')).corrections).toEqual([]);
    const apr = await line(tree.community.id, '2025-04');
    expect(apr.corrections).toHaveLength(1);
    expect(apr.corrections[0]).toMatchObject({ month: '2025-03', kind: '补发', amountFen: 78_000 });
    expect(apr.corrections[0]!.reason).toContain('岗级 社区正职 11 级→社区正职 15 级');
    expect(apr).toMatchObject({ correctionFen: 78_000, totalFen: 703_000 + 78_000 });
    expect((await line(tree.street.id, '2025-03')).totalFen).toBe(625_000);
    // Once 04 is confirmed with the correction, later months do not pay it again.
    const confirmed = await app.ok('salary.confirmMonth', { orgId: tree.street.id, month: '2025-04' });
    expect(confirmed.totals.correctionFen).toBe(78_000);
    expect((await line(tree.street.id, '2025-05')).corrections).toEqual([]);
    // A grade change now takes back from both sealed months, each named with its reason.
    await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: a.id, grade: '不称职' }] });
    const may = await line(tree.street.id, '2025-05');
    expect(may.corrections.map((c) => [c.month, c.kind, c.amountFen])).toEqual([
      ['2025-03', '扣回', -153_000],
      ['2025-04', '扣回', -153_000],
    ]);
    expect(may.corrections[0]!.reason).toContain('2024 年度考核 优秀→不称职');
    expect(may.totalFen).toBe(550_000 - 306_000);
  });

  it('a scheme version used by a confirmed month cannot be edited in place, only copied', async () => {
    const { tree, scheme } = await setup();
    await app.ok('salary.confirmMonth', { orgId: tree.community.id, month: '2025-03' });
    const edit = { id: scheme.id, orgId: tree.county.id, name: '改名', effectiveDate: '2020-01-01', config: scheme.config };
    const err = await expectError(app, 'salary.saveScheme', edit);
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('已用于 2025-03 已确认的工资表');
    const copy = await app.ok('salary.copyScheme', { id: scheme.id, effectiveDate: '2026-01-01' });
    await app.ok('salary.saveScheme', { ...edit, id: copy.id, effectiveDate: '2026-01-01' });
  });

  it('a person who left stays on the sheet only up to the month they left', async () => {
    const { tree, a, line } = await setup();
    app.opened.sqlite.prepare(`UPDATE people SET status = '离任', status_date = '2025-03-15' WHERE id = ?`).run(a.id);
    expect((await line(tree.street.id, '2025-03')).totalFen).toBe(625_000);
    expect(await line(tree.street.id, '2025-04')).toBeUndefined();
  });
});

describe('one promotion decision per person and year', () => {
  async function promotion() {
    const s = await salaryApp();
    app = s.app;
    const a = await addPerson(app, s.tree.community.id, { name: '甲', communityWorkStartDate: '2021-01-01' });
    const b = await addPerson(app, s.tree.community.id, { name: '乙', communityWorkStartDate: '2021-01-01' });
    for (const p of [a, b]) await app.ok('salary.setLevel', { personId: p.id, post: '其他社区工作者', level: 5, effectiveDate: '2022-01-01', reason: '人工调整', note: '期初' });
    for (const year of [2022, 2023, 2024]) await app.ok('salary.setGrades', { year, grades: [a, b].map((p) => ({ personId: p.id, grade: '称职' as const })) });
    return { ...s, a, b };
  }

  it('an exclusion in the community’s run holds against the street’s run of the same year', async () => {
    const { tree, a, b } = await promotion();
    await app.ok('salary.approvePromotion', { orgId: tree.community.id, year: 2024, approver: '社区', excluded: [{ personId: a.id, note: '本年度受处分' }] });
    const pv = await app.ok('salary.promotionPreview', { orgId: tree.street.id, year: 2024 });
    const held = pv.proposals.find((p) => p.personId === a.id)!;
    expect(held.action).toBe('skip');
    expect(held.explanation).toContain('“新城社区 2024 年度晋级”');
    expect(held.explanation).toContain('已排除：本年度受处分');
    // The street can neither promote nor re-decide the excluded person.
    const adjust = await expectError(app, 'salary.approvePromotion', { orgId: tree.street.id, year: 2024, adjusted: [{ personId: a.id, toLevel: 6, note: '街道复核' }] });
    expect(adjust.message).toContain('新城社区 2024 年度晋级');
    const exclude = await expectError(app, 'salary.approvePromotion', { orgId: tree.street.id, year: 2024, excluded: [{ personId: a.id, note: '再排除' }] });
    expect(exclude.code).toBe('validation');
    const run = await app.ok('salary.approvePromotion', { orgId: tree.street.id, year: 2024, approver: '街道' });
    expect(run.written).toBe(0); // 乙 was promoted by the community's run
    expect((await app.ok('salary.history', { personId: a.id })).map((h) => h.level)).toEqual([5]);
    expect((await app.ok('salary.history', { personId: b.id })).map((h) => h.level)).toEqual([5, 6]);
  });

  it('an adjustment in the street’s run holds against a later community run', async () => {
    const { tree, a } = await promotion();
    await app.ok('salary.approvePromotion', { orgId: tree.street.id, year: 2024, approver: '街道', adjusted: [{ personId: a.id, toLevel: 5, note: '经复核暂缓' }] });
    const pv = await app.ok('salary.promotionPreview', { orgId: tree.community.id, year: 2024 });
    const held = pv.proposals.find((p) => p.personId === a.id)!;
    expect(held).toMatchObject({ action: 'skip', toLevel: 5 });
    expect(held.explanation).toContain('“人民路街道 2024 年度晋级”');
    expect(held.explanation).toContain('人工调整：经复核暂缓');
  });
});

describe('received policy records', () => {
  it('a county scheme received at a community cannot be rewritten as the community’s own', async () => {
    const s = await salaryApp();
    app = s.app;
    // As the bundle merge stores it: the row came from the county's installation.
    app.opened.sqlite.prepare('UPDATE salary_schemes SET origin = ? WHERE id = ?').run('610402000000', s.scheme.id);
    const before = auditCount(app);
    const err = await expectError(app, 'salary.saveScheme', {
      id: s.scheme.id, orgId: s.tree.community.id, name: '社区改写', effectiveDate: '2020-01-01', config: s.scheme.config,
    });
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain('只读');
    expect(auditCount(app)).toBe(before);
    expect((await app.ok('salary.scheme', { id: s.scheme.id })).orgId).toBe(s.tree.county.id);
  });

  it('a received person’s level is written by the sending unit only: setLevel, gradeInitial and batchGrade refuse it up front', async () => {
    const s = await salaryApp();
    app = s.app;
    const p = await addPerson(app, s.tree.community.id, { communityWorkStartDate: '2020-01-01' });
    // As the bundle merge stores a person another installation reported (the unit here is local,
    // so only the row's own origin can stop it: setLevel used to read it as a plain ref).
    app.opened.sqlite.prepare('UPDATE people SET origin = ? WHERE id = ?').run('610402001009', p.id);
    const before = auditCount(app);
    const errors = [
      await expectError(app, 'salary.setLevel', { personId: p.id, post: '其他社区工作者', level: 3, effectiveDate: '2026-01-01', reason: '人工调整', note: '改写' }),
      await expectError(app, 'salary.gradeInitial', { personId: p.id, effectiveDate: '2026-01-01' }),
      await expectError(app, 'salary.batchGrade', { orgId: s.tree.community.id, effectiveDate: '2026-01-01', people: [{ personId: p.id, post: '其他社区工作者', level: 3 }] }),
    ];
    for (const err of errors) {
      expect(err.code).toBe('forbidden');
      expect(err.message).toContain('只读');
    }
    expect(auditCount(app)).toBe(before);
    expect(await app.ok('salary.history', { personId: p.id })).toEqual([]);
  });
});
