import { isRealDate, toIsoDate } from '../roster/dates.ts';
import { checkChar } from '../roster/id-number.ts';
import type { RawCell } from './cells.ts';

// Cell → the value the person schema expects, as people really type it. These only reshape
// (dates, full-width digits, 是/否, 职务 lists); the person schema then applies the rules.

export type Normalised<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Normalised<T> => ({ ok: true, value });
const bad = (reason: string): Normalised<never> => ({ ok: false, reason });

/** Full-width digits and Latin letters and the ideographic space → ASCII; Chinese punctuation stays. */
export function halfWidthAlnum(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

// 「无」「—」「/」「(无)」 and blank all mean "no value" (党员信息采集表 asks for 无 or — in empty cells;
// 年度考核 exports write (无)). Clearing a stored value takes the explicit marker instead.
const NO_VALUE = /^(无|暂无|空|[—–\-－―]+|[/／]|[(（]无[)）])$/;
/** The cell marker that clears a stored value on update (a blank cell leaves it as it is). */
export const CLEAR_MARKER = '（清空）';
const CLEAR = /^[(（]?清空[)）]?$/;

/** True when the cell asks to clear the field: （清空）, (清空) or 清空. */
export function isClearMarker(c: RawCell): boolean {
  // Every cell is asked; NFKC maps no character but 清 itself to one containing 清 (checked over
  // all code points in tests/roster-io/values.test.ts), so a cell without 清 is never the marker.
  return c.t === 'text' && c.v.includes('清') && CLEAR.test(c.v.normalize('NFKC').replace(/\s+/g, ''));
}

export function isNoValueText(s: string): boolean {
  return NO_VALUE.test(s.trim());
}

export function cleanText(c: RawCell): string | null {
  let s: string;
  if (c.t === 'empty') return null;
  if (c.t === 'text') s = c.v;
  else if (c.t === 'number') s = String(c.v);
  else if (c.t === 'bool') s = c.v ? '是' : '否';
  else s = c.v.toISOString().slice(0, 10);
  s = halfWidthAlnum(s).trim();
  // Our exports (and OWASP practice) put an apostrophe before = + - @ so no spreadsheet runs it.
  if (/^'[=+\-@]/.test(s)) s = s.slice(1);
  return s === '' || NO_VALUE.test(s) ? null : s;
}

/** 姓名: offices pad two-character names with spaces (张  三) to line them up. */
export function cleanName(c: RawCell): string | null {
  const s = cleanText(c);
  return s === null ? null : s.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
}

export interface ParsedDate {
  iso: string;
  /** Only year and month were given (1985.03); the day is a placeholder 01. */
  monthOnly: boolean;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DATE_HINT = '（可写作 1985.03、1985-03-01 或 1985年3月）';

function ymd(y: number, m: number, d: number | null, raw: string): Normalised<ParsedDate> {
  // Excel shows an empty or zero date cell as 1900-01-00/1900-01-01 (1899-12-30 inside):
  // an artefact, never a real date on a roster.
  if (y === 1900 || y === 1899)
    return bad(`“${raw}”是 Excel 的空日期（1900 年）产生的无效值，不是真实日期：请填写真实日期或留空`);
  if (!isRealDate(y, m, d ?? 1)) return bad(`“${raw}”不是真实的日期${DATE_HINT}`);
  return ok({ iso: toIsoDate(y, m, d ?? 1), monthOnly: d === null });
}

export function parseDateCell(c: RawCell): Normalised<ParsedDate | null> {
  if (c.t === 'empty') return ok(null);
  if (c.t === 'text' && (NO_VALUE.test(c.v.trim()) || !c.v.trim())) return ok(null);
  if (c.t === 'bool') return bad(`“${c.v ? 'TRUE' : 'FALSE'}”不是日期${DATE_HINT}`);
  // exceljs hands date cells over as UTC midnight of the calendar date shown in the sheet.
  if (c.t === 'date') return ymd(c.v.getUTCFullYear(), c.v.getUTCMonth() + 1, c.v.getUTCDate(), c.v.toISOString().slice(0, 10));
  if (c.t === 'number') return parseDateNumber(c.v);
  return parseDateText(c.v);
}

function parseDateNumber(n: number): Normalised<ParsedDate | null> {
  const raw = String(n);
  if (Number.isInteger(n)) {
    if (n >= 190001 && n <= 299912) return ymd(Math.floor(n / 100), n % 100, null, raw);
    if (n >= 19000101 && n <= 29991231) return ymd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, raw);
    if (n >= 1900 && n <= 2999) return bad(`“${raw}”只有年份，请填写到月${DATE_HINT}`);
    if (n >= 0 && n <= 366) return ymd(1900, 1, 1, raw);
    if (n > 60 && n < 100000) {
      const d = new Date(EXCEL_EPOCH_MS + n * 86_400_000);
      return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), raw);
    }
    return bad(`“${raw}”不是可识别的日期${DATE_HINT}`);
  }
  const m = /^(\d{4})\.(\d{1,2})$/.exec(raw);
  if (m) {
    // A number cell drops the trailing zero: 1985.10 arrives as 1985.1, the same as January.
    if (m[2]!.length === 1)
      return bad(`“${raw}”含义不明确（存成了数字，可能是 ${m[1]} 年 ${m[2]} 月或 ${m[2]}0 月）：请把该列设为文本格式，或改写为 ${m[1]}-${m[2]}0 这样的形式`);
    return ymd(Number(m[1]), Number(m[2]), null, raw);
  }
  return bad(`“${raw}”不是可识别的日期${DATE_HINT}`);
}

// The everyday spellings in plain ASCII (1985.03, 1985-03-01, 1985/3/1): NFKC, the space and
// suffix clean-ups below leave these unchanged, so they go straight to the date (issue 19: four
// date cells on each of 20,000 rows). tests/roster-io/values.test.ts compares both paths.
const PLAIN_DATE = /^(\d{4})[.\-/](\d{1,2})(?:[.\-/](\d{1,2}))?$/;

export function parseDateText(text: string): Normalised<ParsedDate | null> {
  const raw = text.trim();
  const m = PLAIN_DATE.exec(raw);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null, raw);
  return parseDateTextGeneral(text);
}

/** parseDateText without its fast path; exported for the equivalence test. */
export function parseDateTextGeneral(text: string): Normalised<ParsedDate | null> {
  const raw = text.trim();
  const s = raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/T?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '')
    // 任免表 style 「1985.03(39岁)」, and 入党时间 of another party 「民盟、九三学社(1998.05)」.
    .replace(/\(\d{1,3}岁\)$/, '')
    .replace(/^[^\d(]*\((\d{4}[.\-/年]\d{1,2}[^)]*)\)$/, '$1');
  if (!s) return ok(null);
  let m = /^(\d{4})[.\-/年](\d{1,2})(?:月|[.\-/月](\d{1,2})日?)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null, raw);
  m = /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null, raw);
  if (/^\d{4}年?$/.test(s)) return bad(`“${raw}”只有年份，请填写到月${DATE_HINT}`);
  if (/^\d{5}$/.test(s)) return parseDateNumber(Number(s));
  return bad(`“${raw}”不是可识别的日期${DATE_HINT}`);
}

const NUMERIC_ID =
  '被 Excel 存成了数字（Excel 只保留 15 位有效数字，后几位已变成 0 或显示为科学计数法），无法还原：请把该列设为“文本”格式，重新录入身份证号后再导入';

/**
 * 身份证号 arrives as text for the schema to check. A number cell, or text that still shows
 * the damage of having been one (1.10101E+17, trailing 000 with a wrong check digit), is
 * reported and never "repaired" by guessing.
 */
export function cleanIdNumber(c: RawCell): Normalised<string | null> {
  if (c.t === 'number') return bad(NUMERIC_ID);
  const s = cleanText(c);
  if (s === null) return ok(null);
  const compact = s.replace(/\s+/g, '').toUpperCase();
  if (/^\d+(\.\d+)?E\+?\d+$/.test(compact)) return bad(NUMERIC_ID);
  if (/^\d{15}000$/.test(compact) && checkChar(compact.slice(0, 17)) !== compact[17]) return bad(NUMERIC_ID);
  return ok(s);
}

export function cleanPhone(c: RawCell): string | null {
  if (c.t === 'number' && Number.isInteger(c.v)) return String(c.v);
  return cleanText(c);
}

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '有']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '无', '不是', '/']);

export function parseBool(c: RawCell): Normalised<boolean | null> {
  if (c.t === 'bool') return ok(c.v);
  const s = cleanText(c);
  if (s === null) return ok(null);
  const u = s.toUpperCase();
  if (YES.has(u)) return ok(true);
  if (NO.has(u)) return ok(false);
  return bad(`“${s}”应填“是”或“否”`);
}

export function splitPosts(c: RawCell): string[] {
  const s = cleanText(c);
  if (s === null) return [];
  return s.split(/[、,，;；/\\|\s]+/).filter(Boolean);
}
