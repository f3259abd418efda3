import { measure } from './bench-util.ts';

// Issue 19 build point 2 for the pay sheet: what the grid's first paint asks for (summary + the
// first block of 100) against the whole salary.paySheet, in JSON bytes and time; then a second
// block, served from the kept sheet (core/paging/computed.ts). The first pair is timed once:
// a repeat would be a cache hit; `bust` writes something so the next call computes afresh.

type Ok = (op: string, input: unknown) => Promise<unknown>;
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function paySheetPaging(ok: Ok, orgId: string, month: string, what: string, bust: () => Promise<unknown>): Promise<void> {
  const page = (startRow: number) => ({ orgId, month, startRow, endRow: startRow + 100, sort: [], filters: [] });
  let t = performance.now();
  const whole = await ok('salary.paySheet', { orgId, month });
  const wholeMs = performance.now() - t;
  await bust();
  t = performance.now();
  const summary = await ok('salary.paySheetSummary', { orgId, month });
  const first = await ok('salary.paySheetPage', page(0));
  const firstMs = performance.now() - t;
  console.log(`| ${what}: salary.paySheet (whole) | ${wholeMs.toFixed(0)} ms | ${mib(bytes(whole))} | 1 |`);
  console.log(`| ${what}: paySheetSummary + first block of 100 (cold) | ${firstMs.toFixed(0)} ms | ${kib(bytes(summary))} + ${kib(bytes(first))} | 1 |`);
  let n = 100;
  await measure(`${what}: a further block of 100 (kept sheet)`, 5, () => ok('salary.paySheetPage', page((n += 100))));
  await measure(`${what}: a further block sorted by totalFen desc (kept sheet)`, 5, () =>
    ok('salary.paySheetPage', { ...page((n += 100)), sort: [{ column: 'totalFen', dir: 'desc' }] }));
}
