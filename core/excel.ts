import type ExcelJS from 'exceljs';

// exceljs is about 2 MB of JavaScript. It is loaded by the first spreadsheet written, not when
// the handlers load, so a CLI call, `jiceng --help` or a start-up that writes none never pays
// for it (in the bundles this import is a chunk of its own).
let lib: Promise<typeof ExcelJS> | null = null;

export function loadExcel(): Promise<typeof ExcelJS> {
  return (lib ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS));
}
