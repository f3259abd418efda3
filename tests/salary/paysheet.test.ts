import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { auditCount, expectError, fourPeople } from './fixtures.ts';

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

// Sample scheme: base 3000.00 元 × (1 + 0.05 × (level − 1)); seniority 5+ y 100 元, 10+ y 200 元;
// 助理社工师 200 元/月; performance 优秀 0.3 / 称职 0.2 / 基本称职 0.1 / 不称职 0 of the base.
async function setup() {
  const s = await fourPeople();
  app = s.app;
  return s;
}

describe('monthly pay sheet', () => {
  it('computes lines and totals per community', async () => {
    const { tree, other } = await setup();
    const sheet = await app.ok('salary.paySheet', { orgId: tree.street.id, month: '2025-03' });
    const lines = Object.fromEntries(sheet.lines.map((l) => [l.name, [l.level, l.baseFen, l.allowancesFen, l.performanceFen, l.totalFen]]));
    expect(lines).toEqual({
      甲: [11, 450_000, 20_000 + 20_000, 135_000, 625_000],
      乙: [3, 330_000, 0, 66_000, 396_000],
      丙: [7, 390_000, 10_000, 0, 400_000],
    });
    expect(sheet.missing.map((m) => m.name)).toEqual(['丁（未定级）']);
    const byOrg = Object.fromEntries(sheet.communities.map((c) => [c.orgId, [c.count, c.totalFen]]));
    expect(byOrg).toEqual({ [tree.community.id]: [2, 1_021_000], [other.id]: [1, 400_000] });
    expect(sheet.totals).toEqual({ count: 3, baseFen: 1_170_000, allowancesFen: 50_000, performanceFen: 201_000, correctionFen: 0, totalFen: 1_421_000, deductionsFen: 0, netFen: 1_421_000 });
    expect(sheet.status).toBe('draft');
  });

  it('uses the scheme version and level in effect each month across a mid-year change', async () => {
    const { tree, scheme, a, set } = await setup();
    const next = sampleSchemeConfig();
    if (next.amountModel.kind === 'coefficient') next.amountModel.baseFen = 400_000;
    await app.ok('salary.saveScheme', { orgId: tree.county.id, name: '2025 年调整（示例）', effectiveDate: '2025-07-01', config: next });
    await set(a.id, '社区正职', 12, '2025-09-15');
    const base = async (month: string) => {
      const s = await app.ok('salary.paySheet', { orgId: tree.community.id, month });
      return [s.scheme.id === scheme.id ? 'old' : 'new', s.lines.find((l) => l.name === '甲')!.baseFen];
    };
    expect(await base('2025-06')).toEqual(['old', 450_000]);
    expect(await base('2025-07')).toEqual(['new', 600_000]);
    expect(await base('2025-09')).toEqual(['new', 600_000]); // level 12 starts mid-month: from October
    expect(await base('2025-10')).toEqual(['new', 620_000]);
  });

  it('a month with no scheme in effect is an error naming the month', async () => {
    const { tree } = await setup();
    const err = await expectError(app, 'salary.paySheet', { orgId: tree.street.id, month: '2019-12' });
    expect(err.message).toContain('「月份」2019-12-01 没有生效的薪酬方案');
    const before = auditCount(app);
    expect((await expectError(app, 'salary.confirmMonth', { orgId: tree.street.id, month: '2019-12' })).code).toBe('validation');
    expect((await expectError(app, 'salary.paySheet', { orgId: tree.street.id, month: '2025-13' })).message).toContain('「月份」格式应为 YYYY-MM');
    expect(auditCount(app)).toBe(before);
  });

  it('a confirmed month stays frozen after rule, level and grade edits', async () => {
    const { tree, scheme, a, d, set } = await setup();
    await set(d.id, '其他社区工作者', 2);
    const draftBefore = await app.ok('salary.paySheet', { orgId: tree.street.id, month: '2025-03' });
    const confirmed = await app.ok('salary.confirmMonth', { orgId: tree.street.id, month: '2025-03' });
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.lines).toEqual(draftBefore.lines);
    expect(confirmed.lines.find((l) => l.personId === d.id)!.note).toBe('无上年度考核结果，绩效按 0 计');
    const changed = sampleSchemeConfig();
    if (changed.amountModel.kind === 'coefficient') changed.amountModel.baseFen = 999_900;
    // The version 2025-03 was paid under is frozen; a new version from 2025-01-01 changes it instead.
    const inPlace = await expectError(app, 'salary.saveScheme', { id: scheme.id, orgId: tree.county.id, name: '改过的方案', effectiveDate: '2020-01-01', config: changed });
    expect(inPlace.code).toBe('conflict');
    expect(inPlace.message).toContain('已用于 2025-03 已确认的工资表');
    expect((await app.ok('salary.scheme', { id: scheme.id })).name).toBe('示例方案');
    await app.ok('salary.copyScheme', { id: scheme.id, effectiveDate: '2025-01-01', name: '改过的方案' });
    const copy = (await app.ok('salary.schemes', {})).find((v) => v.effectiveDate === '2025-01-01')!;
    await app.ok('salary.saveScheme', { id: copy.id, orgId: tree.county.id, name: '改过的方案', effectiveDate: '2025-01-01', config: changed });
    await set(a.id, '社区正职', 15, '2025-01-01');
    await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: a.id, grade: '不称职' }] });
    const after = await app.ok('salary.paySheet', { orgId: tree.street.id, month: '2025-03' });
    expect(after.lines).toEqual(confirmed.lines);
    expect(after.totals.totalFen).toBe(1_421_000 + 315_000);
    expect(after.scheme.name).toBe('示例方案');
    const draft = await app.ok('salary.paySheet', { orgId: tree.street.id, month: '2025-04' });
    expect(draft.lines.find((l) => l.name === '甲')!.level).toBe(15);
    expect((await expectError(app, 'salary.confirmMonth', { orgId: tree.street.id, month: '2025-03' })).code).toBe('conflict');
  });

  it('a confirmed assessment result takes precedence over a hand-entered grade', async () => {
    const { tree, a } = await setup();
    app.opened.sqlite.prepare(`INSERT INTO assessment_results (id, org_id, created_at, updated_at, change_seq, person_id, year, cycle_id, grade, total, rank, rank_of, confirmed_at)
      VALUES ('r1', ?, 'x', 'x', 1, ?, 2024, 'c1', '基本称职', 80, 1, 1, 'x')`).run(tree.community.id, a.id);
    const line = async () => (await app.ok('salary.paySheet', { orgId: tree.community.id, month: '2025-03' })).lines.find((l) => l.name === '甲')!;
    expect(await line()).toMatchObject({ grade: '基本称职', performanceFen: 45_000 });
    app.opened.sqlite.prepare(`UPDATE assessment_results SET deleted_at = 'x' WHERE id = 'r1'`).run();
    expect(await line()).toMatchObject({ grade: '优秀', performanceFen: 135_000 });
  });

  it('exports an .xlsx with lines, subtotals and the total', async () => {
    const { tree } = await setup();
    const out = await app.ok('salary.exportPaySheet', { orgId: tree.street.id, month: '2025-03' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[2]).toContain('应发合计');
    // The signature lines follow the table: the total is the row labelled 合计.
    const total = rows.find((r) => r[1] === '合计')!;
    expect(total[1]).toBe('合计');
    expect(total).toContain(14_210);
    expect(rows.filter((r) => String(r[2]).startsWith('小计')).length).toBe(2);
  });
});
