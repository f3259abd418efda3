import { parentPort } from 'node:worker_threads';
import { AppError } from '../contract/errors.ts';
import type { RawCell } from './cells.ts';
import { readSpreadsheetSync } from './read.ts';

// The parse worker: reads spreadsheets with the limits of limits.ts, one job at a time, and
// posts the rows back. It stays up between imports (starting it costs about a second); the
// host (worker.ts) enforces the heap and time limits by ending it, never the app.

/** Cells travel as primitives (string, number, boolean, null; dates as [ms]): cloning 600,000 small objects is the slow part. */
export type WireCell = string | number | boolean | null | [number];

export function toWire(c: RawCell): WireCell {
  switch (c.t) {
    case 'empty':
      return null;
    case 'date':
      return [c.v.getTime()];
    default:
      return c.v;
  }
}

parentPort!.on('message', (job: { id: number; bytes: Uint8Array; maxDataRows?: number }) => {
  try {
    const sheet = readSpreadsheetSync(job.bytes, {
      ...(job.maxDataRows ? { maxDataRows: job.maxDataRows } : {}),
      onRows: (n) => parentPort!.postMessage({ id: job.id, progress: n }),
    });
    const pack = (rows: typeof sheet.rows) => rows.map((r) => ({ row: r.row, cells: r.cells.map(toWire) }));
    parentPort!.postMessage({ id: job.id, ok: true, sheet: { ...sheet, above: pack(sheet.above), rows: pack(sheet.rows) } });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, message: e instanceof AppError ? e.message : null, detail: String((e as Error)?.stack ?? e) });
  }
});
