import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../contract/errors.ts';
import { EMPTY, isBlankRow, yieldToEventLoop, type RawCell, type SheetRow } from './cells.ts';
import { buildHeader, HEADER_SEARCH_ROWS, isHeaderRow, type DetectedHeader } from './header.ts';

// Bytes → the rows under the detected header. .xlsx goes through exceljs's streaming reader
// (it awaits between chunks, so a large file does not freeze the app); CSV is decoded as
// UTF-8 when that decodes strictly, otherwise as GB18030 (what WPS and Chinese Excel write).

export const MAX_DATA_ROWS = 100_000;

export interface ReadSheet {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  sheetName: string;
  header: DetectedHeader;
  rows: SheetRow[];
}

export interface ReadOptions {
  maxDataRows?: number;
  onRows?: (parsed: number) => void;
}

const fileError = (message: string) => new AppError('validation', message, [{ path: 'file', message }]);

export async function readSpreadsheet(bytes: Uint8Array, opts: ReadOptions = {}): Promise<ReadSheet> {
  if (bytes.length === 0) throw fileError('文件是空的（0 字节），请检查是否选错了文件');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return readXlsx(bytes, opts);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw fileError('文件已加密，或是旧版 .xls 格式：请在 Excel/WPS 中取消打开密码，并“另存为” .xlsx 后再导入');
  return readCsv(bytes, opts);
}

// ---- CSV ----

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: strictUtf8(bytes.subarray(3)) ?? badText(), encoding: 'UTF-8（带 BOM）' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  const gb = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  if (gb.includes('\uFFFD')) badText();
  return { text: gb, encoding: 'GB18030/GBK' };
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function badText(): never {
  throw fileError('无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030），或文件不是表格：请用 Excel/WPS 另存为 .xlsx 后再导入');
}

async function readCsv(bytes: Uint8Array, opts: ReadOptions): Promise<ReadSheet> {
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes('\u0000')) throw fileError('文件不是可识别的表格（.xlsx 或 .csv）');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const collector = new RowCollector(opts);
  let n = 0;
  for (const fields of csvRecords(text, delimiter)) {
    n++;
    collector.add({ row: n, cells: fields.map((v): RawCell => (v === '' ? EMPTY : { t: 'text', v })) });
    if (n % 5000 === 0) await yieldToEventLoop();
  }
  return { format: 'csv', encoding, sheetName: 'CSV', ...collector.finish() };
}

/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. */
export function* csvRecords(text: string, delimiter: string): Generator<string[]> {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      yield record;
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    yield record;
  }
}

// ---- .xlsx ----

async function readXlsx(bytes: Uint8Array, opts: ReadOptions): Promise<ReadSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let found: ReadSheet | null = null;
  let sheets = 0;
  let sawRows = false;
  try {
    for await (const ws of reader) {
      sheets++;
      const name = (ws as unknown as { name?: string }).name ?? `Sheet${sheets}`;
      const collector: RowCollector | null = found ? null : new RowCollector(opts);
      let n = 0;
      for await (const row of ws) {
        if (!collector) continue;
        const r = row as ExcelJS.Row;
        const cells: RawCell[] = [];
        r.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          cells[colNumber - 1] = toRawCell(cell.value);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY;
        sawRows ||= !isBlankRow(cells);
        collector.add({ row: r.number, cells });
        if (++n % 2000 === 0) await yieldToEventLoop();
      }
      if (collector?.hasHeader()) found = { format: 'xlsx', encoding: null, sheetName: name, ...collector.finish() };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError('文件已损坏，或不是 Excel 表格（.xlsx）：请在 Excel/WPS 中打开确认后“另存为” .xlsx 再导入');
  }
  if (found) return found;
  if (sheets === 0) throw fileError('文件中没有工作表，或不是 Excel 表格（.xlsx）');
  if (!sawRows) throw fileError('工作表是空的，没有任何数据');
  throw noHeader();
}

function noHeader(): AppError {
  return fileError(`未找到表头：前 ${HEADER_SEARCH_ROWS} 行中没有同时包含“姓名”（或“身份证号”）和其他花名册列名的行`);
}

type CellValue = ExcelJS.CellValue;

export function toRawCell(v: CellValue): RawCell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return v === '' ? EMPTY : { t: 'text', v };
  if (typeof v === 'number') return { t: 'number', v };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? EMPTY : { t: 'date', v };
  if (typeof v === 'object') {
    if ('richText' in v) return toRawCell(v.richText.map((p) => p.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) return toRawCell((v as { result?: CellValue }).result ?? null);
    if ('text' in v) return toRawCell((v as { text: CellValue }).text);
    if ('error' in v) return { t: 'text', v: String((v as { error: unknown }).error) };
  }
  return { t: 'text', v: String(v) };
}

// ---- shared ----

/** Collects rows, finds the header in the first rows, counts data rows against the limit. */
class RowCollector {
  private readonly head: SheetRow[] = [];
  private header: DetectedHeader | null = null;
  private pending: SheetRow | null = null;
  private readonly rows: SheetRow[] = [];
  private readonly max: number;
  private readonly opts: ReadOptions;
  constructor(opts: ReadOptions) {
    this.opts = opts;
    this.max = opts.maxDataRows ?? MAX_DATA_ROWS;
  }

  hasHeader(): boolean {
    return this.header !== null || this.pending !== null;
  }

  add(r: SheetRow): void {
    if (this.pending) {
      this.header = buildHeader(this.pending, r);
      this.pending = null;
      if (this.header.rows.includes(r.row)) return;
    }
    if (!this.header) {
      if (this.head.length >= HEADER_SEARCH_ROWS) return;
      if (isBlankRow(r.cells)) return;
      this.head.push(r);
      if (isHeaderRow(r.cells)) this.pending = r;
      return;
    }
    if (isBlankRow(r.cells)) return;
    this.rows.push(r);
    if (this.rows.length > this.max)
      throw fileError(`数据行超过 ${this.max.toLocaleString('en-US')} 行，无法一次导入：请按社区或街道拆分成多个文件后分别导入`);
    if (this.rows.length % 1000 === 0) this.opts.onRows?.(this.rows.length);
  }

  finish(): { header: DetectedHeader; rows: SheetRow[] } {
    if (this.pending) {
      this.header = buildHeader(this.pending, undefined);
      this.pending = null;
    }
    if (!this.header) throw this.head.length ? noHeader() : fileError('工作表是空的，没有任何数据');
    this.opts.onRows?.(this.rows.length);
    return { header: this.header, rows: this.rows };
  }
}
