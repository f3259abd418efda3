import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { auditCount, expectError, shandongYear } from './fixtures.ts';

// Year-end 绩效 settlement for 2025 under the 山东 sample (30 % withheld monthly, 示例 grade
// coefficients 优秀 1.2 / 合格 1.0 / 基本合格 0.8, none for 不合格) with a 正职 post coefficient 1.4.

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

async function setup() {
  const s = await shandongYear();
  app = s.app;
  return s;
}

async function confirmMonths(orgId: string, from: number, to: number) {
  for (let m = from; m <= to; m++) await app.ok('salary.confirmMonth', { orgId, month: `2025-${String(m).padStart(2, '0')}` });
}

describe('year-end 绩效 settlement', () => {
  it('pays the withheld pool by the confirmed 2025 grade and post coefficient', async () => {
    const { org } = await setup();
    const s = await app.ok('salary.settlement', { orgId: org, year: 2025 });
    const got = Object.fromEntries(s.lines.map((l) => [l.name, [l.months, (l.withheldFen / 100).toFixed(2), (l.amountFen / 100).toFixed(2), l.note]]));
    expect(got).toEqual({
      // 5200 × 30 % = 1560 × 12 = 18720; × 1.2 × 1.4 = 31449.60
      甲: [12, '18720.00', '31449.60', null],
      // 4000 × 30 % = 1200 × 12 = 14400; × 1.0
      乙: [12, '14400.00', '14400.00', null],
      // from July: 4200 × 30 % = 1260 × 6 = 7560; 不合格 → nothing
      丙: [6, '7560.00', '0.00', '2025 年度考核不合格，不发放年终绩效'],
      丁: [12, '14400.00', '0.00', '缺少 2025 年度考核结果，暂不发放'],
    });
    expect(s.totals.amountFen).toBe(3_144_960 + 1_440_000);
    expect(s.status).toBe('draft');
  });

  it('carries the 预留 share of a confirmed month’s difference into the open month and the settlement', async () => {
    const { org, b } = await setup();
    await confirmMonths(org, 1, 1);
    // 乙 should have been 2 级 from January: 4200 instead of 4000, 30 % of it withheld.
    await app.ok('salary.setLevel', { personId: b.id, post: '社区工作人员', level: 2, effectiveDate: '2025-01-01', reason: '人工调整', note: '更正' });
    const feb = (await app.ok('salary.paySheet', { orgId: org, month: '2025-02' })).lines.find((l) => l.name === '乙')!;
    expect(feb.corrections).toEqual([expect.objectContaining({ month: '2025-01', kind: '补发', amountFen: 14_000, withheldFen: 6_000 })]);
    expect(feb.withheldFen).toBe(126_000 + 6_000);
    // Confirmed, February keeps it; March owes nothing more for January.
    await confirmMonths(org, 2, 2);
    const mar = (await app.ok('salary.paySheet', { orgId: org, month: '2025-03' })).lines.find((l) => l.name === '乙')!;
    expect([mar.corrections, mar.withheldFen]).toEqual([[], 126_000]);
    // The year withholds 12 × 1260.00 in all, paid by 合格 × 1.0.
    const 乙 = (await app.ok('salary.settlement', { orgId: org, year: 2025 })).lines.find((l) => l.name === '乙')!;
    expect([乙.withheldFen, 乙.amountFen]).toEqual([1_512_000, 1_512_000]);
  });

  it('is not confirmed while a month of the year is a draft or someone has no grade, writing nothing', async () => {
    const { org, d } = await setup();
    await confirmMonths(org, 1, 11);
    const before = auditCount(app);
    const open = await expectError(app, 'salary.confirmSettlement', { orgId: org, year: 2025 });
    expect(open.message).toBe('「年度」2025 年 12 月的工资表尚未确认，请先确认全年工资表再确认年终绩效结算');
    await confirmMonths(org, 12, 12);
    const after = auditCount(app);
    const ungraded = await expectError(app, 'salary.confirmSettlement', { orgId: org, year: 2025 });
    expect(ungraded.message).toBe('「考核等次」“丁”缺少 2025 年度考核结果，请先录入考核等次再确认年终绩效结算');
    expect(auditCount(app)).toBe(after);
    expect(after).toBe(before + 1);
    expect((await app.ok('salary.settlement', { orgId: org, year: 2025 })).status).toBe('draft');
    await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: d.id, grade: '合格' }] });
    expect((await app.ok('salary.confirmSettlement', { orgId: org, year: 2025 })).status).toBe('confirmed');
  });

  it('is confirmed once, sealed against later grade changes, and exported', async () => {
    const { org, d } = await setup();
    await confirmMonths(org, 1, 12);
    await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: d.id, grade: '不合格' }] });
    const shown = await app.ok('salary.settlement', { orgId: org, year: 2025 });
    const err = await expectError(app, 'salary.confirmSettlement', { orgId: org, year: 2025, shownTotalFen: shown.totals.amountFen + 1 });
    expect(err.code).toBe('conflict');
    const confirmed = await app.ok('salary.confirmSettlement', { orgId: org, year: 2025, shownTotalFen: shown.totals.amountFen });
    expect(confirmed.status).toBe('confirmed');
    expect(confirmed.lines).toEqual(shown.lines);
    await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: d.id, grade: '优秀' }] });
    const after = await app.ok('salary.settlement', { orgId: org, year: 2025 });
    expect(after.totals).toEqual(shown.totals);
    const before = auditCount(app);
    expect((await expectError(app, 'salary.confirmSettlement', { orgId: org, year: 2025 })).code).toBe('conflict');
    expect(auditCount(app)).toBe(before);
    const file = await app.ok('salary.exportSettlement', { orgId: org, year: 2025 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('已确认');
    expect(ws.pageSetup.orientation).toBe('landscape');
    const rows = Object.fromEntries([4, 5, 6, 7].map((r) => [String(ws.getRow(r).getCell(3).value), ws.getRow(r).getCell(11).value]));
    expect(rows).toEqual({ 甲: 31449.6, 乙: 14400, 丙: 0, 丁: 0 });
    expect(ws.getRow(8).getCell(11).value).toBe(45849.6);
  });

  it('shows a person another unit settled first with that unit’s frozen figure', async () => {
    const { org, tree, d } = await setup();
    await confirmMonths(org, 1, 12);
    await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: d.id, grade: '合格' }] });
    await app.ok('salary.confirmSettlement', { orgId: org, year: 2025 });
    const street = await app.ok('salary.settlement', { orgId: tree.street.id, year: 2025 });
    const 甲 = street.lines.find((l) => l.name === '甲')!;
    expect(甲.sealed?.orgId).toBe(org);
    expect(甲.amountFen).toBe(3_144_960);
  });
});
