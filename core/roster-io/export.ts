import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../excel.ts';
import { getTableColumns, type Column } from 'drizzle-orm';
import { people, type PersonRow } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { toDottedMonth } from '../roster/dates.ts';
import { maskIdNumber, maskPhone } from '../roster/id-number.ts';
import { yieldToEventLoop } from './cells.ts';
import { COLUMNS, type ColumnDef } from './columns.ts';
import { canSeeFull } from '../security/masking.ts';
import { escapeFormula } from '../xlsx/safe.ts';
import { addTemplateGuides } from './template.ts';
import { writeSheet } from '../xlsx/write.ts';

// The county-style roster sheet: a title row, a frozen header row, 序号, ID numbers and
// phones as text cells, dates as YYYY.MM. The blank template is the same sheet without rows.


export const EXPORT_COLUMNS: ColumnDef[] = COLUMNS.filter((c) => c.exported);

export interface ExportRow {
  /** The exported fields of one person, under the columns' keys (posts parsed, flags as 0/1). */
  row: Record<string, unknown> & Pick<PersonRow, 'idNumber' | 'phone' | 'posts'>;
  orgName: string;
}

// One raw statement for the exported fields only, in the list's order (json_each keeps it):
// mapping 20,000 whole rows through drizzle cost about as much as writing the sheet.
const PEOPLE_COLUMNS = getTableColumns(people) as Record<string, Column>;
// The schema names columns in camelCase; the database's casing option stores them in snake_case.
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const SELECTED = EXPORT_COLUMNS.filter((c) => c.key in PEOPLE_COLUMNS).map((c) => `p."${snake(PEOPLE_COLUMNS[c.key]!.name)}" AS "${c.key}"`);
const EXPORT_SQL = `SELECT ${SELECTED.join(', ')}, o.name AS orgName FROM json_each(?) j JOIN people p ON p.id = j.value JOIN org_units o ON o.id = p.org_id WHERE p.deleted_at IS NULL ORDER BY j.key`;

/** The records of the listed people (`ids` in the list's order), for the sheet. */
export function exportRows(ctx: Ctx, ids: string[]): ExportRow[] {
  const raw = ctx.sqlite.prepare(EXPORT_SQL).all(JSON.stringify(ids)) as (Record<string, unknown> & { orgName: string; posts: string })[];
  return raw.map(({ orgName, ...row }) => ({ orgName, row: { ...row, posts: JSON.parse(row.posts) as string[] } as ExportRow['row'] }));
}

function cellValue(c: ColumnDef, r: ExportRow, n: number, ctx: Ctx): string | number {
  const p = r.row;
  switch (c.key) {
    case 'seq':
      return n;
    case 'orgName':
      return escapeFormula(r.orgName);
    case 'idNumber':
      return (canSeeFull(ctx, 'idNumber') ? p.idNumber : maskIdNumber(p.idNumber)) ?? '';
    case 'phone':
      return (canSeeFull(ctx, 'phone') ? p.phone : maskPhone(p.phone)) ?? '';
    case 'posts':
      return p.posts.join('、');
  }
  const v = (p as Record<string, unknown>)[c.key];
  if (c.kind === 'date') return toDottedMonth(v as string | null);
  if (c.kind === 'bool') return v ? '是' : '否';
  return typeof v === 'string' ? escapeFormula(v) : '';
}

const TEXT_STYLE: Partial<ExcelJS.Style> = { numFmt: '@' };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF999999' } };

const isText = (c: ColumnDef) => c.kind === 'id' || c.kind === 'phone' || c.kind === 'date';

export async function rosterWorkbook(ctx: Ctx, title: string, rows: ExportRow[], template = false): Promise<Buffer> {
  // The export writes its sheet itself (core/xlsx/write.ts, issue 19); the blank template
  // keeps exceljs for its data validations and guide sheet, and only it loads exceljs.
  if (template) return templateWorkbook(ctx, title, rows);
  const cols = EXPORT_COLUMNS;
  return writeSheet({
    sheetName: '花名册',
    creator: '基层党建台账',
    title: escapeFormula(title),
    columns: cols.map((c) => ({ header: c.header, width: c.width, text: isText(c) })),
    rowCount: rows.length,
    cell: (n, i) => cellValue(cols[i]!, rows[n]!, n + 1, ctx),
    pause: yieldToEventLoop,
    now: ctx.now(),
  });
}

async function templateWorkbook(ctx: Ctx, title: string, rows: ExportRow[]): Promise<Buffer> {
  // The streaming writer serialises each row as it is committed: memory and GC stay flat
  // for a county-wide export instead of holding every cell object until the end.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({
    stream: out, useStyles: true, useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  } as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>);
  wb.creator = '基层党建台账';
  const ws = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 2 }] });
  const cols = EXPORT_COLUMNS;
  ws.columns = cols.map((c) => ({
    width: c.width,
    // Text format on the whole column: a number typed later into it stays text too.
    style: c.kind === 'id' || c.kind === 'phone' || c.kind === 'date' ? { numFmt: '@' } : {},
  }));
  ws.mergeCells(1, 1, 1, cols.length);
  const titleRow = ws.getRow(1);
  const t = titleRow.getCell(1);
  t.value = escapeFormula(title);
  t.font = { bold: true, size: 16 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 30;
  titleRow.commit();
  const header = ws.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });
  header.height = 22;
  header.commit();
  // One shared style object per kind: exceljs caches styles by object identity, so 20,000
  // rows cost two style lookups instead of one per cell.
  const styles = cols.map((c) => (c.kind === 'id' || c.kind === 'phone' || c.kind === 'date' ? TEXT_STYLE : PLAIN_STYLE));
  for (let n = 0; n < rows.length; n++) {
    const row = ws.getRow(n + 3);
    for (let i = 0; i < cols.length; i++) {
      const cell = row.getCell(i + 1);
      cell.value = cellValue(cols[i]!, rows[n]!, n + 1, ctx);
      cell.style = styles[i]!;
    }
    row.commit();
    if (n % 2000 === 1999) await yieldToEventLoop();
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: cols.length } };
  const guides = addTemplateGuides(wb, ws, cols);
  ws.commit();
  guides();
  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}
