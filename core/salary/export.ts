import { loadExcel } from '../excel.ts';
import { safeRow } from '../xlsx/safe.ts';
import type { PaySheet } from './contract.ts';
import { paySheetLayout } from './sheet-layout.ts';

// The pay sheet as an .xlsx document: A4 landscape fitted to one page wide, the header row
// repeated on every printed page, thin borders, a subtotal per community, a total and the
// signature lines. Amounts are numbers in 元 (fen / 100 is exact to two decimals) shown as
// #,##0.00; each column is as wide as its widest figure so no cell prints as ###.

const MONEY = '#,##0.00';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_ROW = 3;

export async function paySheetXlsx(s: PaySheet): Promise<Buffer> {
  const layout = paySheetLayout(s);
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(`${s.month} 工资表`, {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  const width = layout.columns.length;
  ws.addRow([layout.title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).alignment = { horizontal: 'center' };
  ws.addRow([layout.subtitle]);
  ws.mergeCells(2, 1, 2, width);
  const header = ws.addRow(layout.columns.map((c) => c.label));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (const r of layout.rows) {
    const row = ws.addRow(safeRow(r.cells.map((v, i) => (layout.columns[i]!.money && typeof v === 'number' ? v / 100 : v))));
    if (r.kind !== 'line') row.font = { bold: true };
  }
  const last = ws.rowCount;
  for (let r = HEADER_ROW; r <= last; r++) for (let c = 1; c <= width; c++) ws.getCell(r, c).border = BORDER;
  layout.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.money) col.numFmt = MONEY;
    // Character cells + 2 of padding; the 备注 column wraps instead of growing without end.
    const note = i === width - 1;
    col.width = note ? Math.min(Math.max(c.chars, 12), 40) + 2 : c.chars + 3;
    if (note) col.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.addRow([]);
  // The three signatures spread over the width; each text runs on into the empty cells beside it.
  const sign = ws.addRow([]);
  layout.signatures.forEach((label, i) => {
    sign.getCell(Math.floor((i * width) / layout.signatures.length) + 1).value = `${label}：＿＿＿＿＿＿`;
  });
  sign.height = 28;
  ws.addRow([`制表日期：      年    月    日`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
