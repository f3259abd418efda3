import { measure } from './bench-util.ts';

// Issue 19 build point 2 for the computed grids (pay sheet, year-end settlement): what the
// grid's first paint asks for (summary + the first block of 100) against the whole answer, in
// JSON bytes and time; then further blocks, served from the kept copy (core/paging/computed.ts).
// The first pair is timed once: a repeat would be a cache hit; `bust` writes something so the
// next call computes afresh.

type Ok = (op: string, input: unknown) => Promise<unknown>;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export interface PagedGrid { whole: string; summary: string; page: string; scope: Record<string, unknown>; sortColumn: string; kept: string }

export async function gridPaging(ok: Ok, grid: PagedGrid, what: string, bust: () => Promise<unknown>): Promise<void> {
  const page = (startRow: number) => ({ ...grid.scope, startRow, endRow: startRow + 100, sort: [], filters: [] });
  let t = performance.now();
  const whole = await ok(grid.whole, grid.scope);
  const wholeMs = performance.now() - t;
  await bust();
  t = performance.now();
  const summary = await ok(grid.summary, grid.scope);
  const first = await ok(grid.page, page(0));
  const firstMs = performance.now() - t;
  const short = (op: string) => op.replace(/^salary\./, '');
  console.log(`| ${what}: ${grid.whole} (whole) | ${wholeMs.toFixed(0)} ms | ${mib(bytes(whole))} | 1 |`);
  console.log(`| ${what}: ${short(grid.summary)} + first block of 100 (cold) | ${firstMs.toFixed(0)} ms | ${kib(bytes(summary))} + ${kib(bytes(first))} | 1 |`);
  let n = 100;
  await measure(`${what}: a further block of 100 (kept ${grid.kept})`, 5, () => ok(grid.page, page((n += 100))));
  await measure(`${what}: a further block sorted by ${grid.sortColumn} desc (kept ${grid.kept})`, 5, () =>
    ok(grid.page, { ...page((n += 100)), sort: [{ column: grid.sortColumn, dir: 'desc' }] }));
}

export const paySheetPaging = (ok: Ok, orgId: string, month: string, what: string, bust: () => Promise<unknown>) =>
  gridPaging(ok, { whole: 'salary.paySheet', summary: 'salary.paySheetSummary', page: 'salary.paySheetPage', scope: { orgId, month }, sortColumn: 'totalFen', kept: 'sheet' }, what, bust);

export const settlementPaging = (ok: Ok, orgId: string, year: number, what: string, bust: () => Promise<unknown>) =>
  gridPaging(ok, { whole: 'salary.settlement', summary: 'salary.settlementSummary', page: 'salary.settlementPage', scope: { orgId, year }, sortColumn: 'amountFen', kept: 'settlement' }, what, bust);
