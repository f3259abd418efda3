import { cellText, columnLetter, type RawCell, type SheetRow } from './cells.ts';
import { matchHeader } from './columns.ts';

// The header row is found, not assumed: county templates put a title (often a merged cell),
// a unit line and a date line above it, and sometimes a second header row below it
// (全日制教育 → 学历 / 学位).

/** How many leading rows are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

export interface DetectedColumn {
  index: number;
  letter: string;
  /** The header text as the sheet shows it. */
  header: string;
  /** The detected field, or null for a column we do not recognise. */
  field: string | null;
}

export interface DetectedHeader {
  /** Sheet row numbers of the header (one or two rows). */
  rows: number[];
  columns: DetectedColumn[];
}

// Line breaks inside a header cell are layout, not content: 「出生\n年月」 reads 「出生年月」.
function texts(cells: RawCell[]): string[] {
  return cells.map((c) => cellText(c).replace(/\s*[\r\n]+\s*/g, '').trim());
}

function score(cells: string[]): { matched: number; hasKey: boolean } {
  let matched = 0;
  let hasKey = false;
  for (const t of cells) {
    const f = t ? matchHeader(t) : null;
    if (f) matched++;
    if (f === 'name' || f === 'idNumber') hasKey = true;
  }
  return { matched, hasKey };
}

/** True when `row` looks like the header: a 姓名 or 身份证号 column and at least one more known column. */
export function isHeaderRow(cells: RawCell[]): boolean {
  const s = score(texts(cells));
  return s.hasKey && s.matched >= 2;
}

/** Builds the columns from the header row and, if it is a header too, the row below it. */
export function buildHeader(top: SheetRow, next: SheetRow | undefined): DetectedHeader {
  const a = texts(top.cells);
  const b = next ? texts(next.cells) : [];
  const subHeader = next && next.row === top.row + 1 && isSubHeader(a, b);
  const width = Math.max(a.length, subHeader ? b.length : 0);
  const columns: DetectedColumn[] = [];
  let parent = '';
  for (let i = 0; i < width; i++) {
    const own = a[i] ?? '';
    const child = subHeader ? (b[i] ?? '') : '';
    if (own) parent = own;
    let header = own;
    let field = own ? matchHeader(own) : null;
    if (child) {
      // A merged group title spans several columns but only its first cell holds text.
      const group = own || parent;
      const combined = matchHeader(group + child);
      header = group && group !== child ? `${group} ${child}` : child;
      field = combined ?? matchHeader(child) ?? field;
    }
    if (!header) continue;
    columns.push({ index: i, letter: columnLetter(i), header, field });
  }
  return { rows: subHeader ? [top.row, next.row] : [top.row], columns };
}

// The row under the header is a second header row when every filled cell in it is a known
// column name and none of it looks like data (no 身份证号 digits, no dates).
function isSubHeader(top: string[], below: string[]): boolean {
  const filled = below.filter((t) => t);
  if (!filled.length) return false;
  if (!filled.every((t) => matchHeader(t) !== null || /^(学历|学位|院校|专业|毕业院校系及专业)/.test(t))) return false;
  return below.some((t, i) => t && !top[i]) || filled.length < top.filter((t) => t).length;
}
