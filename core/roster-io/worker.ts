import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../contract/errors.ts';
import { fmt, WORKER_HEAP_MB, WORKER_TIME_MS } from './limits.ts';
import type { ReadOptions, ReadSheet } from './read.ts';

// Parsing runs in a worker thread with a heap limit and a time limit: whatever a file does to
// the parser, the app's own thread keeps answering, and a refusal names the limit.

const fileError = (message: string) => new AppError('validation', message, [{ path: 'file', message }]);

// From source (CLI, tests) the entry is parse-worker.ts beside this file; the Electron bundle
// builds it as roster-parse-worker.js next to the main bundle (electron/build.ts).
const CANDIDATES = ['./parse-worker.ts', './roster-parse-worker.js', '../roster-parse-worker.js'];
let entry: URL | null = null;
function workerEntry(): URL {
  if (entry) return entry;
  for (const c of CANDIDATES) {
    const u = new URL(c, import.meta.url);
    if (existsSync(fileURLToPath(u))) return (entry = u);
  }
  throw new Error('roster parse worker entry not found');
}

export interface WorkerLimits {
  heapMb?: number;
  timeMs?: number;
}

export function parseInWorker(bytes: Uint8Array, opts: ReadOptions & WorkerLimits = {}): Promise<ReadSheet> {
  const heapMb = opts.heapMb ?? WORKER_HEAP_MB;
  const timeMs = opts.timeMs ?? WORKER_TIME_MS;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerEntry(), {
      workerData: { bytes, ...(opts.maxDataRows ? { maxDataRows: opts.maxDataRows } : {}) },
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(fileError(`读取文件超过 ${fmt(timeMs / 1000)} 秒的时限，已停止，未导入：文件可能过大或构造异常，请按社区、街道拆分后分别导入`))),
      timeMs,
    );
    worker.on('message', (m: { progress?: number; ok?: boolean; sheet?: ReadSheet; message?: string | null; detail?: string }) => {
      if (m.progress !== undefined) return opts.onRows?.(m.progress);
      if (m.ok) finish(() => resolve(m.sheet!));
      else if (m.message) finish(() => reject(fileError(m.message!)));
      else finish(() => reject(new Error(`roster parse worker failed: ${m.detail}`)));
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
        finish(() => reject(fileError(`读取文件所需内存超过 ${fmt(heapMb)} MB 的上限，已停止，未导入：文件可能过大或构造异常，请按社区、街道拆分后分别导入`)));
      else finish(() => reject(e));
    });
    worker.on('exit', (code) => finish(() => reject(new Error(`roster parse worker exited with code ${code}`))));
  });
}
