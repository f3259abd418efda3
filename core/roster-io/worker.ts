import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../contract/errors.ts';
import { EMPTY, type RawCell, type SheetRow } from './cells.ts';
import { fmt, WORKER_HEAP_MB, WORKER_TIME_MS } from './limits.ts';
import type { ReadOptions, ReadSheet } from './read.ts';

// Parsing runs in a worker thread with a heap limit and a time limit: whatever a file does to
// the parser, the app's own thread keeps answering, and a refusal names the limit. One worker
// is kept warm and reused; a job that hits a limit ends it, and the next job starts a new one.

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

type WireCell = string | number | boolean | null | [number];
type WireRow = { row: number; cells: WireCell[] };

function fromWire(c: WireCell): RawCell {
  if (c === null) return EMPTY;
  if (typeof c === 'string') return { t: 'text', v: c };
  if (typeof c === 'number') return { t: 'number', v: c };
  if (typeof c === 'boolean') return { t: 'bool', v: c };
  return { t: 'date', v: new Date(c[0]) };
}
const unpack = (rows: WireRow[]): SheetRow[] => rows.map((r) => ({ row: r.row, cells: r.cells.map(fromWire) }));

let warm: { worker: Worker; heapMb: number } | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function workerFor(heapMb: number): Worker {
  if (warm && warm.heapMb === heapMb) return warm.worker;
  if (warm) retire(warm.worker);
  const worker = new Worker(workerEntry(), {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48 },
    stdout: false,
    stderr: false,
  });
  // An idle worker must not keep the CLI or a test process alive.
  worker.unref();
  warm = { worker, heapMb };
  worker.on('exit', () => {
    if (warm?.worker === worker) warm = null;
  });
  return worker;
}

/** Ends the worker and whatever job it runs (that job is refused); the next job starts a new one. */
export function stopParseWorker(): void {
  if (warm) retire(warm.worker);
}

/** Forgets a worker that hit a limit or died, so the next job starts a fresh one. */
function retire(worker: Worker): void {
  if (warm?.worker === worker) warm = null;
  void worker.terminate();
}

export function parseInWorker(bytes: Uint8Array, opts: ReadOptions & WorkerLimits = {}): Promise<ReadSheet> {
  // One job at a time: the limits are per job, and imports are rare.
  const run = queue.then(() => runJob(bytes, opts));
  queue = run.catch(() => undefined);
  return run;
}

function runJob(bytes: Uint8Array, opts: ReadOptions & WorkerLimits): Promise<ReadSheet> {
  const heapMb = opts.heapMb ?? WORKER_HEAP_MB;
  const timeMs = opts.timeMs ?? WORKER_TIME_MS;
  const worker = workerFor(heapMb);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void, kill = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      if (kill || !alive) retire(worker);
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(fileError(`读取文件超过 ${fmt(timeMs / 1000)} 秒的时限，已停止，未导入：文件可能过大或构造异常，请按社区、街道拆分后分别导入`)), true),
      timeMs,
    );
    const onMessage = (m: { id: number; progress?: number; ok?: boolean; sheet?: ReadSheet & { above: WireRow[]; rows: WireRow[] }; message?: string | null; detail?: string }) => {
      if (m.id !== id) return;
      if (m.progress !== undefined) return opts.onRows?.(m.progress);
      if (m.ok) finish(() => resolve({ ...m.sheet!, above: unpack(m.sheet!.above), rows: unpack(m.sheet!.rows) }));
      else if (m.message) finish(() => reject(fileError(m.message!)));
      else finish(() => reject(new Error(`roster parse worker failed: ${m.detail}`)), true);
    };
    let alive = true;
    const onError = (e: Error & { code?: string }) => {
      alive = false;
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
        finish(() => reject(fileError(`读取文件所需内存超过 ${fmt(heapMb)} MB 的上限，已停止，未导入：文件可能过大或构造异常，请按社区、街道拆分后分别导入`)));
      else finish(() => reject(e), true);
    };
    const onExit = (code: number) => (alive = false, finish(() => reject(new Error(`roster parse worker exited with code ${code}`))));
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ id, bytes, ...(opts.maxDataRows ? { maxDataRows: opts.maxDataRows } : {}) });
  });
}
