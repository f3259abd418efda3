import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { textCells, yuanText } from '../../core/salary/sheet-layout.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, salaryApp } from './fixtures.ts';

// The exported pay sheet is a document to sign (issue 15 §7): A4 landscape, one page wide,
// header row repeated, borders, a subtotal per community, a total, signature lines, and
// columns wide enough that no amount prints as ###.

let app: TestApp | undefined;
afterEach(() => {
  app?.close();
  if (app) removeDir(app.dir);
  app = undefined;
});

async function sheetWorkbook() {
  const s = await salaryApp();
  const a = (app = s.app);
  const config = { ...sampleSchemeConfig(), deductions: [{ key: 'socialInsurance' as const, kind: 'fixed' as const, amountFen: 35_000 }, { key: 'housingFund' as const, kind: 'fixed' as const, amountFen: 20_000 }] };
  await a.ok('salary.saveScheme', { orgId: s.tree.county.id, name: '代扣方案', effectiveDate: '2025-01-01', config });
  const names = [['甲', s.tree.community.id, '正职'], ['乙', s.tree.community.id, '其他'], ['丙', s.tree.community.id, '副职'], ['丁', s.other.id, '其他'], ['戊', s.other.id, '正职']] as const;
  for (const [name, orgId, postCategory] of names) {
    const p = await addPerson(a, orgId, { name, postCategory, communityWorkStartDate: '2012-01-01' });
    await a.ok('salary.gradeInitial', { personId: p.id, effectiveDate: '2025-01-01' });
  }
  const sheet = await a.ok('salary.paySheet', { orgId: s.tree.street.id, month: '2025-03' });
  const out = await a.ok('salary.exportPaySheet', { orgId: s.tree.street.id, month: '2025-03' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.base64, 'base64') as never);
  return { sheet, ws: wb.worksheets[0]! };
}

describe('the pay sheet .xlsx as a document', () => {
  it('prints A4 landscape, one page wide, with the header row repeated', async () => {
    const { ws } = await sheetWorkbook();
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
  });

  it('has a column per 应发 item and deduction, subtotals per community, a total that matches the sheet, and signature lines', async () => {
    const { sheet, ws } = await sheetWorkbook();
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['等级工资', '补发扣回', '应发合计', '个人社保', '住房公积金', '扣款合计', '实发', '备注']));
    const col = (label: string) => header.indexOf(label) + 1;
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((r, n) => { if (n > 3) rows.push(r); });
    const subtotals = rows.filter((r) => String(r.getCell(3).value).startsWith('小计'));
    expect(subtotals.map((r) => r.getCell(2).value)).toEqual(sheet.communities.map((c) => c.orgName));
    expect(subtotals.map((r) => r.getCell(col('应发合计')).value)).toEqual(sheet.communities.map((c) => c.totalFen / 100));
    const total = rows.find((r) => r.getCell(2).value === '合计')!;
    expect(total.getCell(col('应发合计')).value).toBe(sheet.totals.totalFen / 100);
    expect(total.getCell(col('实发')).value).toBe(sheet.totals.netFen / 100);
    expect(total.getCell(col('扣款合计')).value).toBe(5 * 550);
    expect(sheet.totals.netFen).toBe(sheet.totals.totalFen - 5 * 55_000);
    const texts = rows.flatMap((r) => (r.values as unknown[]).filter((v) => typeof v === 'string')) as string[];
    for (const who of ['制表人', '审核人', '单位负责人']) expect(texts.some((t) => t.startsWith(`${who}：`))).toBe(true);
  });

  it('borders every table cell, shows money as 元 with two decimals, and sizes columns so nothing is ###', async () => {
    const { ws } = await sheetWorkbook();
    const header = (ws.getRow(3).values as unknown[]).slice(1) as string[];
    let last = 3;
    ws.eachRow((r, n) => { if (r.getCell(2).value === '合计') last = n; });
    for (let r = 3; r <= last; r++)
      for (let c = 1; c <= header.length; c++) {
        const b = ws.getCell(r, c).border;
        expect([r, c, b?.top?.style, b?.left?.style, b?.bottom?.style, b?.right?.style]).toEqual([r, c, 'thin', 'thin', 'thin', 'thin']);
      }
    const moneyCols = ['等级工资', '应发合计', '个人社保', '实发'].map((l) => header.indexOf(l) + 1);
    for (const c of moneyCols) {
      const column = ws.getColumn(c);
      expect(column.numFmt).toBe('#,##0.00');
      for (let r = 4; r <= last; r++) {
        const v = ws.getCell(r, c).value;
        if (typeof v !== 'number') continue;
        // What Excel shows with #,##0.00 must fit the column, or it prints ###.
        expect(column.width!).toBeGreaterThanOrEqual(textCells(yuanText(Math.round(v * 100))) + 1);
      }
    }
  });
});
