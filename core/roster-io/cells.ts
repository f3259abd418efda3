// What a spreadsheet cell held, before any interpretation: the normaliser needs to know
// whether Excel stored a number (ID numbers lose digits) or a real date cell.

export type RawCell =
  | { t: 'empty' }
  | { t: 'text'; v: string }
  | { t: 'number'; v: number }
  | { t: 'date'; v: Date }
  | { t: 'bool'; v: boolean };

export interface SheetRow {
  /** The row number as the spreadsheet shows it (1-based). */
  row: number;
  /** Index 0 is column A. */
  cells: RawCell[];
}

export const EMPTY: RawCell = { t: 'empty' };

/** How the cell reads to a person, for error messages and the error report. */
export function cellText(c: RawCell | undefined): string {
  if (!c) return '';
  switch (c.t) {
    case 'empty':
      return '';
    case 'text':
      return c.v;
    case 'number':
      return String(c.v);
    case 'date':
      return c.v.toISOString().slice(0, 10);
    case 'bool':
      return c.v ? '是' : '否';
  }
}

export function isBlankRow(cells: RawCell[]): boolean {
  return cells.every((c) => c.t === 'empty' || (c.t === 'text' && !c.v.trim()));
}

export { columnLetter } from '../xlsx/columns.ts';

/** Lets timers, IPC and other requests run during a long parse. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
