// The whole-process ceilings of issue 19's import and export rows: a bare Node process that
// loads exceljs and does nothing but the read or the write, as someone would script it.
//   node tests/bench/bare-excel.ts read FILE.xlsx          streams every row of the file, prints the count
//   node tests/bench/bare-excel.ts write CELLS.json OUT    writes the rows of CELLS.json (an array of
//                                                          arrays) as one plain streaming sheet
// Only the file name is typed here: type stripping costs nothing measurable on a file this size.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

const [mode, a, b] = process.argv.slice(2);
if (mode === 'read') {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(a!, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  for await (const ws of reader) for await (const _row of ws) rows++;
  console.log(rows);
} else if (mode === 'write') {
  const cells = JSON.parse(readFileSync(a!, 'utf8')) as unknown[][];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: b! });
  const ws = wb.addWorksheet('花名册');
  for (const row of cells) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
  console.log(cells.length);
} else {
  console.error('usage: bare-excel.ts read FILE | write CELLS.json OUT');
  process.exitCode = 2;
}
