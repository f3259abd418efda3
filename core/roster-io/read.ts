import iconv from 'iconv-lite';
import { AppError } from '../contract/errors.ts';
import { EMPTY, isBlankRow, type RawCell, type SheetRow } from './cells.ts';
import { buildHeader, HEADER_SEARCH_ROWS, isHeaderRow, type DetectedHeader } from './header.ts';
import { fmt, MAX_CELLS, MAX_DATA_ROWS, MAX_SHEET_ROWS } from './limits.ts';
import { openXlsx, type XlsxSheet } from './xlsx.ts';
import { parseInWorker, type WorkerLimits } from './worker.ts';

// Bytes → the rows under the detected header. .xlsx goes through our own reader (xlsx.ts);
// CSV is decoded as UTF-8 when that decodes strictly, otherwise as GB18030 (what WPS and
// Chinese Excel write). This runs inside the parse worker (parse-worker.ts), synchronously.

export { MAX_DATA_ROWS } from './limits.ts';

export interface ReadSheet {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  sheetName: string;
  header: DetectedHeader;
  /** Rows above the header (title, unit and date lines), for the error report. */
  above: SheetRow[];
  rows: SheetRow[];
}

export interface ReadOptions {
  maxDataRows?: number;
  onRows?: (parsed: number) => void;
}

const fileError = (message: string) => new AppError('validation', message, [{ path: 'file', message }]);

/** Reads the file in the parse worker (bounded heap and time); see worker.ts. */
export function readSpreadsheet(bytes: Uint8Array, opts: ReadOptions & WorkerLimits = {}): Promise<ReadSheet> {
  return parseInWorker(bytes, opts);
}

export function readSpreadsheetSync(bytes: Uint8Array, opts: ReadOptions = {}): ReadSheet {
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

function readCsv(bytes: Uint8Array, opts: ReadOptions): ReadSheet {
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes('\u0000')) throw fileError('文件不是可识别的表格（.xlsx 或 .csv）');
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const collector = new RowCollector(opts);
  let n = 0;
  let cells = 0;
  for (const fields of csvRecords(text, delimiter)) {
    if (++n > MAX_SHEET_ROWS)
      throw fileError(`表格超过 ${fmt(MAX_SHEET_ROWS)} 行（空行也计算在内）的上限，无法一次导入：请删除多余的空行，或按社区、街道拆分后分别导入`);
    cells += fields.length;
    if (cells > MAX_CELLS) throw fileError(`单元格超过 ${fmt(MAX_CELLS)} 个的上限，无法一次导入：请按社区、街道拆分后分别导入`);
    collector.add({ row: n, cells: fields.map((v): RawCell => (v === '' ? EMPTY : { t: 'text', v })) });
  }
  return { format: 'csv', encoding, sheetName: 'CSV', ...collector.finish() };
}

/** RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks. */
export function* csvRecords(text: string, delimiter: string): Generator<string[]> {
  // Slices between separators rather than a string grown one character at a time.
  const len = text.length;
  let i = 0;
  let record: string[] = [];
  while (i < len) {
    let field: string;
    if (text[i] === '"') {
      let out = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          out += text.slice(j);
          j = len;
          break;
        }
        out += text.slice(j, q);
        if (text[q + 1] === '"') {
          out += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      // Anything between the closing quote and the separator stays, as a lenient reader would.
      let k = j;
      while (k < len && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
      field = out + text.slice(j, k);
      i = k;
    } else {
      let k = i;
      while (k < len && text[k] !== delimiter && text[k] !== '\n' && text[k] !== '\r') k++;
      field = text.slice(i, k);
      i = k;
    }
    record.push(field);
    if (i >= len) break;
    const ch = text[i];
    if (ch === delimiter) {
      i++;
      if (i >= len) record.push('');
      continue;
    }
    // End of line.
    i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    yield record;
    record = [];
  }
  if (record.length) yield record;
}

// ---- .xlsx ----

function readXlsx(bytes: Uint8Array, opts: ReadOptions): ReadSheet {
  let sheets: XlsxSheet[];
  try {
    sheets = openXlsx(bytes);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw fileError('文件已损坏，或不是 Excel 表格（.xlsx）：请在 Excel/WPS 中打开确认后“另存为” .xlsx 再导入');
  }
  if (sheets.length === 0) throw fileError('文件中没有工作表，或不是 Excel 表格（.xlsx）');
  let sawRows = false;
  for (const ws of sheets) {
    const collector = new RowCollector(opts);
    for (const row of ws.rows()) {
      sawRows ||= !isBlankRow(row.cells);
      collector.add(row);
    }
    if (collector.hasHeader()) return { format: 'xlsx', encoding: null, sheetName: ws.name, ...collector.finish() };
  }
  if (!sawRows) throw fileError('工作表是空的，没有任何数据');
  throw noHeader();
}

function noHeader(): AppError {
  return fileError(`未找到表头：前 ${HEADER_SEARCH_ROWS} 行中没有同时包含“姓名”（或“身份证号”）和其他花名册列名的行`);
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

  finish(): { header: DetectedHeader; above: SheetRow[]; rows: SheetRow[] } {
    if (this.pending) {
      this.header = buildHeader(this.pending, undefined);
      this.pending = null;
    }
    if (!this.header) throw this.head.length ? noHeader() : fileError('工作表是空的，没有任何数据');
    this.opts.onRows?.(this.rows.length);
    const first = this.header.rows[0]!;
    return { header: this.header, above: this.head.filter((r) => r.row < first), rows: this.rows };
  }
}
