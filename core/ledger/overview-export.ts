import type ExcelJS from 'exceljs';
import { loadExcel } from '../excel.ts';
import type { Ctx } from '../context.ts';
import { safeRow } from '../xlsx/safe.ts';
import { ledgerOverview } from './overview.ts';

/** The county view as an .xlsx workbook (base64 so it travels in JSON); text cells escaped. */
export async function exportOverview(ctx: Ctx, input: { orgId?: string | null; from: string; to: string }) {
  const ov = ledgerOverview(ctx, input);
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('台账总览');
  const title = `台账总览 ${ov.from} 至 ${ov.to}`;
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, ov.columns.length + 1);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(['单位', ...ov.columns.map((c) => c.label)]).font = { bold: true };
  ws.getColumn(1).width = 24;
  for (const r of ov.rows) ws.addRow(safeRow([`${'　'.repeat(r.depth)}${r.orgName}`, ...ov.columns.map((c) => r.figures[c.key] ?? 0)]));
  const buf = await wb.xlsx.writeBuffer();
  return { fileName: `${title}.xlsx`, base64: Buffer.from(buf as ArrayBuffer).toString('base64'), count: ov.rows.length };
}
