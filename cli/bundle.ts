import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileDurably } from '../core/files/durable.ts';
import { join } from 'node:path';
import { openApp, resolveDbFile } from './app.ts';
import { refuseUnread } from '../core/bundle/limits.ts';
import { parseFlags, UsageError } from './args.ts';
import { callOrReport } from './keys.ts';

/** Temp file, fsync, read back and compare, then rename: a file with the final name is always complete. */
export function writeVerified(dir: string, name: string, bytes: Uint8Array): string {
  return writeFileDurably(join(dir, name), bytes, { verify: true });
}

interface ExportedFile { id: string; fileName: string; seq: number; file: string; signature: string; counts: Record<string, number> }
interface ImportOut { outcome: string; message: string; released: number }

async function exportTo(dbFlag: string | undefined, user: string | undefined, out: string, full: boolean, to: string | undefined): Promise<number> {
  if (!existsSync(out) || !statSync(out).isDirectory()) throw new UsageError(`--out 应为已存在的文件夹：${out}`);
  const app = await openApp(resolveDbFile(dbFlag), user);
  try {
    const data = await callOrReport(app, 'bundle.export', { full, recipientCode: to ?? null });
    if (!data) return 1;
    let failed = 0;
    for (const f of data.files as ExportedFile[]) {
      const bytes = new Uint8Array(Buffer.from(f.file, 'base64'));
      try {
        const digest = writeVerified(out, f.fileName, bytes);
        writeVerified(out, `${f.fileName}.sig`, new TextEncoder().encode(f.signature));
        const done = await callOrReport(app, 'bundle.exportDone', { exportId: f.id, ok: true, sha256: digest });
        if (!done || done.status !== 'written') throw new Error('登记写入结果失败');
        const total = Object.values(f.counts).reduce((a, b) => a + b, 0);
        console.log(`已导出 ${join(out, f.fileName)}（第 ${f.seq} 号，${total} 条记录）`);
      } catch (e) {
        failed++;
        await callOrReport(app, 'bundle.exportDone', { exportId: f.id, ok: false, error: (e as Error).message.slice(0, 400) });
        console.error(`导出失败 ${f.fileName}：${(e as Error).message}（序号未占用，可重新导出）`);
      }
    }
    return failed ? 1 : 0;
  } finally {
    app.close();
  }
}

/**
 * The bundle and its `<file>.sig`. The file is read only when the signature file exists,
 * declares the file's size and that size is within the program's fixed maximum; otherwise the
 * core gets the size alone and logs the refusal (SIG_MISSING, TOO_LARGE, CORRUPT) without the
 * bytes ever being in memory. A lower limit set for this installation is the core's to apply
 * (import-one.ts earlyRefusal refuses above it before decoding).
 */
export function readBundleFile(path: string): { file: string; signature: string | null; size: number } {
  const sigPath = `${path}.sig`;
  const signature = existsSync(sigPath) ? readFileSync(sigPath, 'utf8').slice(0, 10_000) : null;
  const size = statSync(path).size;
  const refused = refuseUnread(size, signature);
  return { file: refused ? '' : readFileSync(path).toString('base64'), signature, size };
}

/** Expands folders to the bundles inside them, in name order (which is sender and sequence order). */
function expand(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) files.push(...readdirSync(p).filter((n) => n.endsWith('.age')).sort().map((n) => join(p, n)));
    else files.push(p);
  }
  return files;
}

// Files go to bundle.importMany in batches of at most this many bytes (base64): one transaction
// and one fsync per batch instead of per file, with every file in memory only while its batch
// runs. Each bundle is still all or nothing inside the batch (core/bundle/handlers-batch.ts).
// On by default since issue 19's bench (tests/bench/county-import.bench.ts, docs/benchmarks.md):
// 150 fsync'd commits were the largest self time of the import. JICENG_IMPORT_BATCH_BYTES=1
// sends one file per transaction, as before.
const BATCH_BYTES = Number(process.env.JICENG_IMPORT_BATCH_BYTES) || 32 * 1024 * 1024;
const BATCH_FILES = 200;

type Job = { i: number; path: string; name: string; file: string; signature: string | null; size: number };

async function importFiles(dbFlag: string | undefined, user: string | undefined, paths: string[]): Promise<number> {
  const files = expand(paths);
  if (!files.length) throw new UsageError('bundle import 需要至少一个数据包文件或文件夹');
  const app = await openApp(resolveDbFile(dbFlag), user);
  let bad = 0;
  const report = (job: Job, r: ImportOut | null) => {
    if (r) console.log(`[${job.i + 1}/${files.length}] ${r.outcome} ${job.path} ${r.message}${r.released ? `（另有 ${r.released} 个暂存数据包已接收）` : ''}`);
    if (!r || (r.outcome !== 'ACCEPTED' && r.outcome !== 'DUPLICATE')) bad++;
  };
  // A batch the dispatcher refused as a whole (an unexpected error rolls it all back) is
  // retried file by file, so each file gets its own result or error, as before batching.
  const one = async (job: Job) => report(job, (await callOrReport(app, 'bundle.import', { fileName: job.name, file: job.file, signature: job.signature, size: job.size })) as ImportOut | null);
  const flush = async (batch: Job[]) => {
    while (batch.length) {
      // A batch of one (always, unless batching is turned on) is an ordinary bundle.import.
      if (batch.length === 1) return one(batch[0]!);
      const env = await app.dispatcher.dispatch('bundle.importMany', { files: batch.map((j) => ({ fileName: j.name, file: j.file, signature: j.signature, size: j.size })) });
      if (!env.ok) {
        for (const job of batch) await one(job);
        return;
      }
      const { results } = env.data as { results: ImportOut[] };
      results.forEach((r, k) => report(batch[k]!, r));
      batch = batch.slice(results.length);
    }
  };
  try {
    let batch: Job[] = [];
    let bytes = 0;
    for (const [i, path] of files.entries()) {
      const name = path.split(/[\\/]/).pop()!;
      if (!existsSync(path)) {
        await flush(batch);
        batch = [];
        bytes = 0;
        console.log(`[${i + 1}/${files.length}] NOT_FOUND ${path} 文件不存在`);
        bad++;
        continue;
      }
      const { file, signature, size } = readBundleFile(path);
      if (batch.length && (bytes + file.length > BATCH_BYTES || batch.length >= BATCH_FILES)) {
        await flush(batch);
        batch = [];
        bytes = 0;
      }
      batch.push({ i, path, name, file, signature, size });
      bytes += file.length;
    }
    await flush(batch);
    return bad ? 1 : 0;
  } finally {
    app.close();
  }
}

/** `jiceng bundle export --out DIR [--full] [--to CODE] | import FILE|DIR... | inspect FILE` */
export async function runBundle(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' }, full: { type: 'boolean' }, to: { type: 'string' },
  });
  const [sub, ...rest] = positionals;
  const db = values.db as string | undefined;
  const user = values.user as string | undefined;
  if (sub === 'export') {
    if (!values.out) throw new UsageError('bundle export 需要 --out 文件夹');
    return exportTo(db, user, values.out as string, Boolean(values.full), values.to as string | undefined);
  }
  if (sub === 'import') return importFiles(db, user, rest);
  if (sub === 'inspect') {
    const [path] = rest;
    if (!path) throw new UsageError('bundle inspect 需要一个文件');
    const app = await openApp(resolveDbFile(db), user);
    try {
      const out = await callOrReport(app, 'bundle.inspect', { fileName: path, ...readBundleFile(path) });
      if (!out) return 1;
      console.log(`${out.ok ? 'OK' : String(out.outcome)} ${String(out.message)}`);
      if (out.manifest) console.log(JSON.stringify(out.manifest, null, 2));
      return out.ok ? 0 : 1;
    } finally {
      app.close();
    }
  }
  throw new UsageError('bundle 子命令：export --out DIR [--full] [--to CODE] | import FILE|DIR... | inspect FILE');
}
