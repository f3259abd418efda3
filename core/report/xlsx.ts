import type ExcelJS from 'exceljs';
import { loadExcel } from '../excel.ts';
import { safeRow } from '../xlsx/safe.ts';
import type { ReportResult } from './contract.ts';

// A report as an .xlsx sheet: title, 填报单位, 统计日期 (or 年度) and 制表日期 above a two-level
// header, every figure a number cell (money in yuan with two decimals, rates with one), and the
// notes under the table. Landscape A4, fit to one page wide, so it prints as the screen shows.

export async function reportToXlsx(r: ReportResult, madeOn: string): Promise<{ fileName: string; base64: string }> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(r.title.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = r.columns.length + 1;
  const period = r.period === 'asOf' ? `统计日期：${r.asOf}` : `年度：${r.year}`;
  ws.addRow([`${r.unit.name}${r.title}`]);
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow(safeRow([`填报单位：${r.unit.name}`, '', period, '', `制表日期：${madeOn}`]));
  const groups = ws.addRow(['单位', ...r.columns.map((c) => c.group ?? '')]);
  const labels = ws.addRow(['单位', ...r.columns.map((c) => (c.money ? `${c.label}（元）` : c.kind === 'rate' ? `${c.label}（%）` : c.label))]);
  groups.font = { bold: true };
  labels.font = { bold: true };
  // Merge runs of the same group label in the group header row.
  let start = 2;
  for (let i = 2; i <= width + 1; i++) {
    const prev = r.columns[start - 2]?.group ?? '';
    const cur = i <= width ? (r.columns[i - 2]?.group ?? '') : null;
    if (cur !== prev) {
      if (i - 1 > start && prev) ws.mergeCells(groups.number, start, groups.number, i - 1);
      start = i;
    }
  }
  ws.mergeCells(groups.number, 1, labels.number, 1);
  for (const row of r.rows) {
    const values = r.columns.map((c) => {
      const v = row.cells[c.key] ?? null;
      if (typeof v === 'number' && c.money) return v / 100;
      return v;
    });
    const label = row.level === 'community' || row.level === 'self' ? `　${row.label}` : row.label;
    const added = ws.addRow(safeRow([label, ...values]));
    if (row.level !== 'community' && row.level !== 'self' && row.level !== 'period') added.font = { bold: true };
  }
  r.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 2);
    col.width = Math.max(6, Math.min(30, c.kind === 'text' ? 24 : c.label.length * 2 + 2));
    if (c.money) col.numFmt = '#,##0.00';
    else if (c.kind === 'rate' || c.kind === 'avg') col.numFmt = '0.0';
  });
  ws.getColumn(1).width = 22;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: labels.number }];
  ws.addRow([]);
  for (const n of r.notes) ws.addRow([`注：${n}`]);
  const buf = await wb.xlsx.writeBuffer();
  const stamp = r.period === 'asOf' ? r.asOf : String(r.year);
  return { fileName: `${r.unit.name}${r.title}（${stamp}）.xlsx`, base64: Buffer.from(buf as ArrayBuffer).toString('base64') };
}
