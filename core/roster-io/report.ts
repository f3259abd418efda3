import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../excel.ts';
import { cellText, type RawCell } from './cells.ts';
import { escapeFormula } from '../xlsx/safe.ts';
import type { ParsedImport } from './import.ts';
import type { PlannedRow, RowIssue } from './plan.ts';

// The error report: the office fixes the file it sent and imports it again, so the report is
// the file's own rows at their original row numbers — its title lines, its header, its data —
// with a 错误说明 column, and only the faulty cells filled (red for errors, yellow for 提示),
// each carrying its reason as a note. It is written from the rows our reader decoded, with
// inline strings: exceljs's loader and its shared-strings writer both corrupt characters
// outside the BMP, so the input file is never round-tripped through them.

const BAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const WARN: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd' };

function explanation(r: PlannedRow): string {
  const errors = r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => `提示：${i.message}`);
  return escapeFormula([...errors, ...warnings].join('；'));
}

function value(c: RawCell): ExcelJS.CellValue {
  switch (c.t) {
    case 'empty':
      return null;
    case 'number':
      return c.v;
    case 'date':
      return c.v;
    default:
      return escapeFormula(cellText(c));
  }
}

/** A sheet name Excel accepts, from the input file's name for a CSV. */
function sheetNameOf(parsed: ParsedImport, fileName: string): string {
  const base = parsed.sheet.format === 'csv' ? fileName.replace(/\.[^.]*$/, '') : parsed.sheet.sheetName;
  return base.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '导入错误';
}

export async function errorReport(parsed: ParsedImport, planned: PlannedRow[], fileName: string): Promise<Buffer> {
  const { sheet } = parsed;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  const ws = wb.addWorksheet(sheetNameOf(parsed, fileName));
  const width = Math.max(...sheet.header.columns.map((c) => c.index + 1), ...sheet.rows.map((r) => r.cells.length), 1);
  const noteCol = width + 1;
  const byRow = new Map(planned.map((r) => [r.row, r]));
  const headerRows = new Set(sheet.header.rows);
  // The stream writer needs rows in order: title lines, header row(s), data.
  const all = [...sheet.above, ...sheet.rows].sort((a, b) => a.row - b.row);
  const headerTexts = new Map<number, RawCell[]>();
  for (const c of sheet.header.columns) {
    const top = sheet.header.rows[0]!;
    const cells = headerTexts.get(top) ?? [];
    cells[c.index] = { t: 'text', v: c.header };
    headerTexts.set(top, cells);
  }
  const lines = [...all.map((r) => ({ row: r.row, cells: r.cells })), ...[...headerTexts].map(([row, cells]) => ({ row, cells }))]
    .filter((r, i, a) => a.findIndex((x) => x.row === r.row) === i)
    .sort((a, b) => a.row - b.row);
  for (const line of lines) {
    const row = ws.getRow(line.row);
    line.cells.forEach((c, i) => {
      if (!c) return;
      const cell = row.getCell(i + 1);
      cell.value = value(c);
      if (c.t === 'date') cell.style = DATE_STYLE;
    });
    if (headerRows.has(line.row) && line.row === sheet.header.rows[0]) {
      const head = row.getCell(noteCol);
      head.value = '错误说明';
      head.font = { bold: true, color: { argb: 'FFC00000' } };
    }
    const planned = byRow.get(line.row);
    if (planned?.issues.length) markRow(row, planned, noteCol);
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}

function markRow(row: ExcelJS.Row, r: PlannedRow, noteCol: number): void {
  const note = row.getCell(noteCol);
  note.value = explanation(r);
  note.alignment = { wrapText: true, vertical: 'top' };
  const hasError = r.issues.some((i) => i.severity === 'error');
  note.font = { color: { argb: hasError ? 'FFC00000' : 'FF9C5700' } };
  const byLetter = new Map<string, RowIssue[]>();
  for (const i of r.issues) if (i.letter) byLetter.set(i.letter, [...(byLetter.get(i.letter) ?? []), i]);
  for (const [letter, issues] of byLetter) {
    const cell = row.getCell(letter);
    // An error outranks a 提示 on the same cell.
    cell.fill = issues.some((i) => i.severity === 'error') ? BAD : WARN;
    cell.note = issues.map((i) => (i.severity === 'error' ? i.message : `提示：${i.message}`)).join('\n');
  }
}
