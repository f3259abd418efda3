import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The accounts every served test database gets: an administrator and a clerk (录入员). */
export const E2E_ADMIN = { username: 'admin', password: 'Guanli-2026!e2e' };
export const E2E_CLERK = { username: 'luru', password: 'Entry-2026!e2e' };

export interface Served {
  url: string;
  token: string;
  origin: string;
  dbFile: string;
  /** A logged-in clerk session for `apiCall` (seeding data the way the UI would). */
  session: string;
  stop(): Promise<void>;
}

/**
 * Starts `jiceng serve` the way a user would, on a fresh temp database, completes the
 * first-run setup (county 秦都区 610402000000) and creates the clerk account, all through the API.
 * Pass `setup: false` to get a database that still shows the first-run wizard.
 */
export async function startServe(opts: { dbFile?: string; env?: Record<string, string>; setup?: boolean } = {}): Promise<Served> {
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
  // Generous: on a loaded machine opening the encrypted database alone can take tens of seconds.
  const deadline = Date.now() + 90_000;
  while (!existsSync(info)) {
    if (child.exitCode !== null) throw new Error(`jiceng serve exited ${child.exitCode}: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`jiceng serve did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const { url, token } = JSON.parse(readFileSync(info, 'utf8')) as { url: string; token: string };
  const served: Served = {
    url, token, dbFile, session: '',
    origin: new URL(url).origin,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  if (opts.setup !== false && !opts.dbFile) served.session = await setUpAccounts(served);
  else if (opts.setup !== false) served.session = await login(served, E2E_CLERK);
  return served;
}

async function must(s: Served, op: string, input: unknown, session?: string): Promise<any> {
  const env = await apiCall(s, op, input, session);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
}

export async function login(s: Served, who: { username: string; password: string }): Promise<string> {
  return (await must(s, 'auth.login', who)).sessionId;
}

async function setUpAccounts(s: Served): Promise<string> {
  await must(s, 'setup.init', {
    orgs: [{ level: 'county', name: '秦都区', code: '610402000000' }],
    admin: { username: E2E_ADMIN.username, displayName: '测试管理员', password: E2E_ADMIN.password },
  });
  const admin = await login(s, E2E_ADMIN);
  const first = 'First-2026!e2e';
  await must(s, 'users.create', { username: E2E_CLERK.username, displayName: '测试录入员', role: 'clerk', initialPassword: first }, admin);
  const clerk = await login(s, { username: E2E_CLERK.username, password: first });
  await must(s, 'auth.changePassword', { oldPassword: first, newPassword: E2E_CLERK.password }, clerk);
  return clerk;
}

/** Calls an operation over the bridge, as the renderer does (as the clerk unless told otherwise). */
export async function apiCall(s: Served, op: string, input: unknown, session: string | null = s.session): Promise<any> {
  const res = await fetch(`${s.origin}/api/${op}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json', ...(session ? { 'X-Jiceng-Session': session } : {}) },
    body: JSON.stringify(input),
  });
  return res.json();
}
