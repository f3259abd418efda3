import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, auditCount, expectError, salaryApp } from './fixtures.ts';

// Correcting a wrong initial grading (audited; sealed months get a 补发/扣回 line) and the
// pay-post change a roster post change proposes (issue 15 §4).

let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  if (app) removeDir(app.dir);
  app = undefined;
});

describe('correcting an initial grading', () => {
  it('replaces the record with a reason, and a sealed month gets the difference on the next open month', async () => {
    const s = await salaryApp();
    const a = (app = s.app);
    const p = await addPerson(a, s.tree.community.id, { name: '王书记', postCategory: '正职', communityWorkStartDate: '2018-01-01' });
    const graded = await a.ok('salary.gradeInitial', { personId: p.id, effectiveDate: '2025-07-01' });
    await a.ok('salary.confirmMonth', { orgId: s.tree.community.id, month: '2025-08' });

    const before = auditCount(a);
    const fixed = await a.ok('salary.correctGrading', { id: graded.id, post: graded.post, level: graded.level + 1, effectiveDate: '2025-07-01', reason: '工作年限少算一年' });
    expect(auditCount(a)).toBe(before + 1);
    const audit = a.opened.sqlite.prepare("SELECT before, after FROM audit_log WHERE operation = 'salary.correctGrading'").get() as { before: string; after: string };
    expect(JSON.parse(audit.before)).toMatchObject({ level: graded.level });
    expect(JSON.parse(audit.after)).toMatchObject({ level: graded.level + 1, reason: '工作年限少算一年' });

    const h = await a.ok('salary.history', { personId: p.id });
    expect(h.map((x) => [x.level, x.reason, x.effectiveDate])).toEqual([[graded.level + 1, '初次定级', '2025-07-01']]);
    expect(h[0]!.note).toBe(`更正（工作年限少算一年）：原为 2025-07-01 起 社区正职 ${graded.level} 级`);
    // The wrong record is kept, marked with why it no longer counts.
    const old = a.opened.sqlite.prepare('SELECT delete_reason AS r FROM salary_level_history WHERE id = ?').get(graded.id) as { r: string };
    expect(old.r).toBe('更正初次定级：工作年限少算一年');
    expect(fixed.level).toBe(graded.level + 1);

    // August stays frozen; September pays one level's difference for it: 3000.00 × 0.05.
    const aug = await a.ok('salary.paySheet', { orgId: s.tree.community.id, month: '2025-08' });
    expect(aug.lines[0]!.level).toBe(graded.level);
    const sep = await a.ok('salary.paySheet', { orgId: s.tree.community.id, month: '2025-09' });
    expect(sep.lines[0]!.corrections).toEqual([expect.objectContaining({ month: '2025-08', kind: '补发', amountFen: 15_000 })]);
  });

  it('refuses what a sealed month or later records would contradict, writing nothing', async () => {
    const s = await salaryApp();
    const a = (app = s.app);
    const p = await addPerson(a, s.tree.community.id, { name: '甲', communityWorkStartDate: '2020-01-01' });
    const q = await addPerson(a, s.tree.community.id, { name: '乙', communityWorkStartDate: '2020-01-01' });
    const gp = await a.ok('salary.gradeInitial', { personId: p.id, effectiveDate: '2025-07-01' });
    await a.ok('salary.confirmMonth', { orgId: s.tree.community.id, month: '2025-08' });
    const gq = await a.ok('salary.gradeInitial', { personId: q.id, effectiveDate: '2025-10-01' });
    const before = auditCount(a);

    // 甲 was paid in August under the grading: it cannot start after August's first day.
    const late = await expectError(a, 'salary.correctGrading', { id: gp.id, post: gp.post, level: gp.level, effectiveDate: '2025-09-01', reason: '日期有误' });
    expect(late.message).toBe('「定级日期」不能晚于 2025-08-01：“甲”2025-08 的工资已按原定级确认发放');
    // 乙 was listed as 尚未定级 on the confirmed August sheet.
    const early = await expectError(a, 'salary.correctGrading', { id: gq.id, post: gq.post, level: gq.level, effectiveDate: '2025-07-01', reason: '日期有误' });
    expect(early.message).toContain('「定级日期」不能早于 2025-08 月');
    const same = await expectError(a, 'salary.correctGrading', { id: gq.id, post: gq.post, level: gq.level, effectiveDate: gq.effectiveDate, reason: '无' });
    expect(same.message).toContain('无需更正');
    const noReason = await expectError(a, 'salary.correctGrading', { id: gq.id, post: gq.post, level: gq.level + 1, effectiveDate: gq.effectiveDate, reason: '' });
    expect(noReason.message).toContain('「更正原因」');

    // After a later record the initial grading is history: changes go through 调整薪级.
    const adj = await a.ok('salary.setLevel', { personId: q.id, post: gq.post, level: gq.level + 1, effectiveDate: '2025-12-01', reason: '学历提升', note: '本科' });
    const later = await expectError(a, 'salary.correctGrading', { id: gq.id, post: gq.post, level: gq.level + 1, effectiveDate: gq.effectiveDate, reason: '有误' });
    expect(later.code).toBe('conflict');
    const notInitial = await expectError(a, 'salary.correctGrading', { id: adj.id, post: gq.post, level: gq.level, effectiveDate: '2025-12-01', reason: '有误' });
    expect(notInitial.message).toContain('只能更正初次定级');
    expect(auditCount(a)).toBe(before + 1);
    expect((await a.ok('salary.history', { personId: p.id })).map((x) => x.id)).toEqual([gp.id]);
  });
});

describe('pay-post proposals from roster post changes', () => {
  it('proposes the matching post from the change date, within the band, until a user accepts it', async () => {
    const s = await salaryApp();
    const a = (app = s.app);
    const fields = { orgId: s.tree.community.id, name: '李社工', gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员', communityWorkStartDate: '2024-01-01' };
    const p = await a.ok('roster.create', { ...fields, postCategory: '其他' });
    const g = await a.ok('salary.gradeInitial', { personId: p.id, effectiveDate: '2025-07-01' });
    expect(g.level).toBeLessThan(4);
    expect(await a.ok('salary.postProposals', { orgId: s.tree.community.id })).toEqual([]);

    await a.ok('roster.update', { ...fields, id: p.id, postCategory: '副职' });
    const [prop, ...rest] = await a.ok('salary.postProposals', { orgId: s.tree.community.id });
    expect(rest).toEqual([]);
    // FIXED_NOW is 2026-06-15; 社区副职 starts at level 4.
    expect(prop).toMatchObject({ personId: p.id, fromPost: '其他社区工作者', fromLevel: g.level, toPost: '社区副职', toLevel: 4, effectiveDate: '2026-06-15' });
    expect(prop!.explanation).toBe(`花名册岗位类别由“其他”改为“副职”（2026-06-15），薪酬岗位仍为其他社区工作者 → 自 2026-06-15 起按社区副职 4 级（${g.level} 级不在社区副职级段 4–15 内，按 4 级）`);
    // Nothing changed pay by itself.
    expect((await a.ok('salary.history', { personId: p.id })).length).toBe(1);

    await a.ok('salary.setLevel', { personId: p.id, post: prop!.toPost, level: prop!.toLevel, effectiveDate: prop!.effectiveDate, reason: '岗位变动', note: prop!.explanation });
    expect(await a.ok('salary.postProposals', { orgId: s.tree.community.id })).toEqual([]);
  });
});
