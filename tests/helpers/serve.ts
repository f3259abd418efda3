import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface Served {
  url: string;
  token: string;
  origin: string;
  dbFile: string;
  stop(): Promise<void>;
}

/** Starts `jiceng serve` the way a user would, on a fresh temp database unless one is given. */
export async function startServe(opts: { dbFile?: string; env?: Record<string, string> } = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'jiceng-serve-'));
  const dbFile = opts.dbFile ?? join(dir, 'test.db');
  const info = join(dir, 'info.json');
  const child: ChildProcess = spawn(process.execPath, ['cli/main.ts', 'serve', '--db', dbFile, '--info', info], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const deadline = Date.now() + 30_000;
  while (!existsSync(info)) {
    if (child.exitCode !== null) throw new Error(`jiceng serve exited ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`jiceng serve did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const { url, token } = JSON.parse(readFileSync(info, 'utf8')) as { url: string; token: string };
  return {
    url, token, dbFile,
    origin: new URL(url).origin,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Calls an operation over the bridge, as the renderer does. */
export async function apiCall(s: Served, op: string, input: unknown): Promise<any> {
  const res = await fetch(`${s.origin}/api/${op}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return res.json();
}
