import ExcelJS from 'exceljs';
import { cellText } from './cells.ts';
import { escapeFormula } from '../xlsx/safe.ts';
import type { ParsedImport } from './import.ts';
import type { PlannedRow } from './plan.ts';

// The error report: the office fixes the file it sent and imports it again, so the report is
// a copy of that file with a 错误说明 column and the bad cells filled red. CSV input becomes an
// .xlsx with every row at its original row number.

const BAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const WARN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };

function explanation(r: PlannedRow): string {
  const errors = r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => `提示：${i.message}`);
  return escapeFormula([...errors, ...warnings].join('；'));
}

export async function errorReport(parsed: ParsedImport, planned: PlannedRow[]): Promise<Buffer> {
  const { sheet } = parsed;
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet;
  if (sheet.format === 'xlsx') {
    await wb.xlsx.load(parsed.bytes as unknown as ExcelJS.Buffer);
    ws = wb.getWorksheet(sheet.sheetName) ?? wb.worksheets[0]!;
  } else {
    ws = wb.addWorksheet('导入错误');
    const headerRow = ws.getRow(sheet.header.rows[0]!);
    for (const c of sheet.header.columns) headerRow.getCell(c.index + 1).value = escapeFormula(c.header);
    for (const r of sheet.rows) {
      const row = ws.getRow(r.row);
      r.cells.forEach((cell, i) => {
        const text = cellText(cell);
        if (text) row.getCell(i + 1).value = escapeFormula(text);
      });
    }
  }
  const lastCol = Math.max(ws.columnCount, ...sheet.header.columns.map((c) => c.index + 1));
  const noteCol = lastCol + 1;
  const head = ws.getCell(sheet.header.rows[0]!, noteCol);
  head.value = '错误说明';
  head.font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getColumn(noteCol).width = 60;
  for (const r of planned) {
    if (!r.issues.length) continue;
    const note = ws.getCell(r.row, noteCol);
    note.value = explanation(r);
    note.alignment = { wrapText: true, vertical: 'top' };
    const hasError = r.issues.some((i) => i.severity === 'error');
    note.font = { color: { argb: hasError ? 'FFC00000' : 'FF9C5700' } };
    // Warnings first, so a cell with both ends up red.
    for (const i of [...r.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1))) {
      if (!i.letter) continue;
      ws.getCell(`${i.letter}${r.row}`).fill = i.severity === 'error' ? BAD : WARN;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
