import { AppError } from '../contract/errors.ts';
import { EMPTY, type RawCell, type SheetRow } from './cells.ts';
import { fmt, MAX_CELL_CHARS, MAX_CELLS, MAX_SHARED_STRINGS, MAX_SHEET_ROWS } from './limits.ts';
import { ZipArchive } from './zip.ts';

// The .xlsx reader. Each part is inflated whole and decoded as UTF-8 in one piece, so a
// multi-byte character can never be split at a chunk boundary (exceljs's streaming reader
// does split them: upstream #2063, #2084, #2316, and our own 20,000-row export came back
// with U+FFFD in 34 cells). The XML of a sheet is flat and regular; a small scanner reads it
// and counts rows, cells and shared strings against the limits as it goes.

const fileError = (message: string) => new AppError('validation', message, [{ path: 'file', message }]);
const CORRUPT = '文件已损坏，或不是 Excel 表格（.xlsx）：请在 Excel/WPS 中打开确认后“另存为” .xlsx 再导入';
const utf8 = new TextDecoder('utf-8');

export interface XlsxSheet {
  name: string;
  rows(): Generator<SheetRow>;
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → string: entities, character references and OOXML's _xHHHH_ escapes. */
export function xmlText(s: string): string {
  if (s.includes('&'))
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e]!,
    );
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

const ATTR = new Map<string, RegExp>();
function attr(attrs: string, name: string): string | null {
  let re = ATTR.get(name);
  if (!re) ATTR.set(name, (re = new RegExp(`(?:^|\\s)${name}="([^"]*)"`)));
  const m = re.exec(attrs);
  return m ? xmlText(m[1]!) : null;
}

/** The text of a <si> or <is>: every <t>, phonetic runs (<rPh>) left out. */
function runText(inner: string): string {
  const body = inner.includes('<rPh') ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : inner;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out += m[1];
  return xmlText(out);
}

function part(zip: ZipArchive, name: string): string | null {
  const b = zip.read(name);
  return b === null ? null : utf8.decode(b);
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (out.length >= MAX_SHARED_STRINGS) throw fileError(`共享字符串超过 ${fmt(MAX_SHARED_STRINGS)} 个的上限，不像是花名册，未导入`);
    const t = m[1] ? runText(m[1]) : '';
    if (t.length > MAX_CELL_CHARS) throw fileError(`有单元格文字超过 ${fmt(MAX_CELL_CHARS)} 个字符的上限（Excel 本身的上限），未导入`);
    out.push(t);
  }
  return out;
}

const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormat(code: string): boolean {
  const s = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return /[ymd]/i.test(s) && !/^(general|@)$/i.test(s.trim());
}

/** Style index → true when the cell format shows a date. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) custom.set(Number(attr(m[1]!, 'numFmtId')), attr(m[1]!, 'formatCode') ?? '');
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    out.push(BUILTIN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!)));
  }
  return out;
}

function colIndex(ref: string | null, fallback: number): number {
  if (!ref) return fallback;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n > 0 && n <= 16384 ? n - 1 : fallback;
}

const DAY = 86_400_000;

export function openXlsx(bytes: Uint8Array): XlsxSheet[] {
  const zip = new ZipArchive(bytes);
  const workbook = part(zip, 'xl/workbook.xml');
  if (!workbook) throw fileError(CORRUPT);
  const rels = part(zip, 'xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const target = attr(m[1]!, 'Target') ?? '';
    targets.set(attr(m[1]!, 'Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  let shared: string[] | null = null;
  let styles: boolean[] | null = null;
  const sheets: XlsxSheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = attr(m[1]!, 'name') ?? `Sheet${sheets.length + 1}`;
    const path = targets.get(attr(m[1]!, 'r:id') ?? '') ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
    sheets.push({
      name,
      rows: () => {
        shared ??= sharedStrings(part(zip, 'xl/sharedStrings.xml'));
        styles ??= dateStyles(part(zip, 'xl/styles.xml'));
        const xml = part(zip, path.replace(/\/\.\//g, '/'));
        if (xml === null) throw fileError(CORRUPT);
        return sheetRows(xml, shared, styles, epoch);
      },
    });
  }
  return sheets;
}

function* sheetRows(xml: string, shared: string[], dates: boolean[], epoch: number): Generator<SheetRow> {
  const start = xml.indexOf('<sheetData');
  if (start < 0) return;
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  rowRe.lastIndex = start;
  let rowCount = 0;
  let cellCount = 0;
  let prevRow = 0;
  for (let m = rowRe.exec(xml); m; m = rowRe.exec(xml)) {
    if (++rowCount > MAX_SHEET_ROWS)
      throw fileError(`工作表超过 ${fmt(MAX_SHEET_ROWS)} 行（空行也计算在内）的上限，无法一次导入：请删除多余的空行，或按社区、街道拆分后分别导入`);
    const r = Number(attr(m[1]!, 'r')) || prevRow + 1;
    prevRow = r;
    const cells: RawCell[] = [];
    const body = m[2];
    if (body) {
      cellRe.lastIndex = 0;
      let next = 0;
      for (let c = cellRe.exec(body); c; c = cellRe.exec(body)) {
        if (++cellCount > MAX_CELLS) throw fileError(`单元格超过 ${fmt(MAX_CELLS)} 个的上限，无法一次导入：请按社区、街道拆分后分别导入`);
        const a = c[1]!;
        const i = colIndex(attr(a, 'r'), next);
        next = i + 1;
        const v = cellValue(a, c[2] ?? '', shared, dates, epoch);
        if (v.t === 'text' && v.v.length > MAX_CELL_CHARS) throw fileError(`第 ${r} 行有单元格文字超过 ${fmt(MAX_CELL_CHARS)} 个字符的上限，未导入`);
        cells[i] = v;
      }
      for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY;
    }
    yield { row: r, cells };
  }
}

function cellValue(attrs: string, inner: string, shared: string[], dates: boolean[], epoch: number): RawCell {
  const t = attr(attrs, 't');
  if (t === 'inlineStr') {
    const s = runText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
    return s === '' ? EMPTY : { t: 'text', v: s };
  }
  const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  if (raw === undefined) return EMPTY;
  switch (t) {
    case 's': {
      const s = shared[Number(raw)];
      if (s === undefined) throw fileError(CORRUPT);
      return s === '' ? EMPTY : { t: 'text', v: s };
    }
    case 'str':
    case 'e': {
      const s = xmlText(raw);
      return s === '' ? EMPTY : { t: 'text', v: s };
    }
    case 'b':
      return { t: 'bool', v: raw === '1' || raw === 'true' };
    case 'd': {
      const d = new Date(xmlText(raw));
      return Number.isNaN(d.getTime()) ? { t: 'text', v: xmlText(raw) } : { t: 'date', v: d };
    }
  }
  const n = Number(raw);
  if (!Number.isFinite(n)) return { t: 'text', v: xmlText(raw) };
  const s = Number(attr(attrs, 's') ?? 0);
  // A date-formatted number is a day count; exceljs handed these over as UTC midnight too.
  if (dates[s] && n >= 0 && n < 2_958_466) return { t: 'date', v: new Date(epoch + Math.round(n * DAY)) };
  return { t: 'number', v: n };
}
