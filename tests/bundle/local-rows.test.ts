import { afterEach, describe, expect, it } from 'vitest';
import { serialiseRows } from '../../core/bundle/export.ts';
import { checkRecord, sharedTables } from '../../core/bundle/tables.ts';
import { RECORD_CHECKS } from '../../core/bundle/record-schemas.ts';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { scoreRows, seedCycle, session } from '../assessment/fixture.ts';
import { addPerson, salaryApp } from '../salary/fixtures.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { classInput } from '../training/fixture.ts';

// The other side of the import checks (issue 12): every row the modules' own writes store must
// pass them, or an honest community's bundle would be refused. One database touched by every
// module's ordinary operations; each stored row is checked as if it had arrived in a bundle.

const apps: TestApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) {
    a.close();
    removeDir(a.dir);
  }
});

describe('rows written locally pass the bundle import checks', () => {
  it('every row of every shared table, after ordinary work in every module', async () => {
    const s = await salaryApp();
    const app = s.app;
    apps.push(app);
    const call = (op: string, input: unknown) => app.ok(op as never, input as never) as Promise<any>;
    // Salary: levels, grades, a confirmed month and an approved promotion run.
    const a = await addPerson(app, s.tree.community.id, { name: '甲', postCategory: '正职', communityWorkStartDate: '2014-01-01', swQualification: '助理社工师' });
    await call('salary.setLevel', { personId: a.id, post: '社区正职', level: 11, effectiveDate: '2020-01-01', reason: '人工调整', note: '期初' });
    await call('salary.setGrades', { year: 2024, grades: [{ personId: a.id, grade: '优秀' }] });
    await call('salary.confirmMonth', { orgId: s.tree.street.id, month: '2025-03' });
    await call('salary.approvePromotion', { orgId: s.tree.street.id, year: 2025, approver: '张三', note: null });
    // A version that withholds 30 % for the year-end settlement, and that settlement confirmed.
    const withheld = { ...sampleSchemeConfig(), performancePay: { mode: 'withheld', withheldPercent: 30, settlementGrades: [{ grade: '优秀', coefficient: 1 }] } };
    await call('salary.saveScheme', { orgId: s.tree.county.id, name: '预留绩效（示例）', effectiveDate: '2026-01-01', sample: true, config: withheld });
    await call('salary.setGrades', { year: 2026, grades: [{ personId: a.id, grade: '优秀' }] });
    // A settlement rests on a confirmed year of pay sheets.
    for (let m = 1; m <= 12; m++) await call('salary.confirmMonth', { orgId: s.tree.street.id, month: `2026-${String(m).padStart(2, '0')}` });
    await call('salary.confirmSettlement', { orgId: s.tree.street.id, year: 2026 });
    // Training: configuration, a class with attendance, a lecture series with a session.
    await call('training.categories.save', { names: ['示范班', '党性教育', '书记讲堂'] });
    const rules = (await call('training.requirements.list', {})).rules;
    await call('training.requirements.save', { rules: rules.map((r: any) => ({ year: r.year, post: r.post, postCategory: r.postCategory, unit: r.unit, amount: r.amount, minLevel: r.minLevel, isSample: r.isSample, remarks: r.remarks })) });
    const cls = await call('training.classes.create', classInput(s.tree.community.id, { startDate: '2025-05-10', endDate: '2025-05-12' }));
    await call('training.enroll', { classId: cls.id, personIds: [a.id] });
    const series = await call('training.series.create', { orgId: s.tree.street.id, name: '书记讲堂', level: '街道' });
    await call('training.sessions.create', { seriesId: series.id, topic: '党建引领基层治理', speakerName: '王书记', date: '2025-02-20', hours: 2 });
    // Assessment: the sample scheme, a cycle scored, a 民主测评 session, confirmed.
    const other = openTestApp();
    apps.push(other);
    const callOther = (op: string, input: unknown) => other.ok(op as never, input as never) as Promise<any>;
    const c = await seedCycle(callOther);
    await callOther('assessment.saveScores', { cycleId: c.cycle.id, rows: scoreRows(c.sheet) });
    const sheet = await callOther('assessment.sheet', { cycleId: c.cycle.id });
    const counts = Object.fromEntries(sheet.voteOptions?.map?.((o: any) => [o.label, 0]) ?? []);
    await callOther('assessment.saveSession', session(c.cycle.id, sheet, () => ({ ...counts, 优秀: 45 })));
    await callOther('assessment.acceptProposals', { cycleId: c.cycle.id });
    await callOther('assessment.confirm', { cycleId: c.cycle.id });

    const checkedTables = new Set<string>();
    const problems: string[] = [];
    for (const t of sharedTables()) {
      const rows = apps.flatMap((a) => a.opened.db.select().from(t.table).all() as Record<string, unknown>[]);
      if (rows.length) checkedTables.add(t.name);
      for (const line of new TextDecoder().decode(serialiseRows(t, rows)).split('\n').filter(Boolean))
        problems.push(...checkRecord(t, JSON.parse(line)));
    }
    expect(problems).toEqual([]);
    // The work above reached every table that has module rules, so each rule set was exercised.
    expect([...Object.keys(RECORD_CHECKS)].filter((n) => !checkedTables.has(n))).toEqual([]);
  });
});
