import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../contract/errors.ts';
import { readSpreadsheetSync } from './read.ts';

// The parse worker's entry: reads the spreadsheet with the limits of limits.ts and posts the
// rows back. The heap and time limits are the host's (worker.ts); a file that exhausts them
// ends this thread, never the app or `jiceng serve`.

const { bytes, maxDataRows } = workerData as { bytes: Uint8Array; maxDataRows?: number };
try {
  const sheet = readSpreadsheetSync(bytes, {
    ...(maxDataRows ? { maxDataRows } : {}),
    onRows: (n) => parentPort!.postMessage({ progress: n }),
  });
  parentPort!.postMessage({ ok: true, sheet });
} catch (e) {
  parentPort!.postMessage({ ok: false, message: e instanceof AppError ? e.message : null, detail: String((e as Error)?.stack ?? e) });
}
