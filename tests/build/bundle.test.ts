import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { buildElectron } from '../../electron/build.ts';
import { repoRoot } from '../helpers/serve.ts';
import { fake } from '../electron/fake-electron.ts';

// Builds the main-process bundles into a private folder (two levels below the repository, as
// dist/electron is) and runs them under Node: the dispatcher for real, electron stubbed.

vi.mock('electron', async () => (await import('../electron/fake-electron.ts')).electronModule);

const outDir = join(repoRoot, 'dist', `electron-test-${process.pid}`);
const migrations = join(repoRoot, 'db', 'migrations');
let dir: string;

beforeAll(async () => {
  await buildElectron(outDir);
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiceng-bundle-'));
  fake.reset();
  delete process.env.JICENG_DB;
  return () => rmSync(dir, { recursive: true, force: true });
});

// Doc comments in bundled libraries quote `require('x')`; only code lines count.
const codeOf = (file: string) => readFileSync(join(outDir, file), 'utf8').split('\n').filter((l) => !/^\s*(\*|\/\/)/.test(l)).join('\n');
const importsOf = (file: string) =>
  [...codeOf(file).matchAll(/^import\s[^'"]*['"]([^'"]+)['"]|require\(["']([^'"]+)["']\)/gm)].map((m) => m[1] ?? m[2]);

function plaintextDb(file: string): Buffer {
  const db = new Database(file);
  db.exec('create table t (a)');
  db.pragma('user_version = 999');
  db.close();
  return readFileSync(file);
}

describe('production bundles', () => {
  it('emits main.js, core.js and a CommonJS preload', () => {
    for (const f of ['main.js', 'core.js', 'preload.cjs']) expect(existsSync(join(outDir, f)), f).toBe(true);
    const preload = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(importsOf('preload.cjs')).toEqual(['electron']);
  });

  it('inlines every dependency except electron and the native SQLite driver', () => {
    const packages = (f: string) => new Set(importsOf(f).filter((s) => !isBuiltin(s!) && !s!.startsWith('.')));
    expect(packages('main.js')).toEqual(new Set(['electron']));
    expect(packages('core.js')).toEqual(new Set(['better-sqlite3']));
    expect(readFileSync(join(outDir, 'core.js'), 'utf8')).not.toMatch(/from ['"]electron['"]/);
  });
});

describe('built core.js under Node', () => {
  const admin = { username: 'guanli', password: 'Ledger-2026!bundle' };
  const setup = { orgs: [{ level: 'county', name: '秦都区', code: '610402000000' }], admin: { ...admin, displayName: '管理员' } };

  it('runs first-run setup, login and calls on an encrypted temp database, and again after a restart', async () => {
    const { createDesktopRuntime } = await import(pathToFileURL(join(outDir, 'core.js')).href);
    const dbFile = join(dir, 'jiceng.db');
    const first = createDesktopRuntime({ dbFile, migrationsFolder: migrations });
    try {
      expect(await first.dispatch('setup.status', {})).toEqual({ ok: true, data: { state: 'setup', orgName: null } });
      expect(await first.dispatch('setup.init', setup)).toMatchObject({ ok: true });
      const login = await first.dispatch('auth.login', admin);
      expect(login).toMatchObject({ ok: true });
      const session = login.data.sessionId;
      expect(await first.dispatch('org.tree', {}, session)).toMatchObject({ ok: true, data: [{ name: '秦都区' }] });
      const bad = await first.dispatch('org.create', { level: 'street', name: '', code: '1' }, session);
      expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(bad.error.message).toContain('「区划代码」');
      expect(await first.dispatch('no.such', {}, session)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    } finally {
      first.close();
    }
    expect(readFileSync(dbFile).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const again = createDesktopRuntime({ dbFile, migrationsFolder: migrations });
    try {
      const login = await again.dispatch('auth.login', admin);
      expect(await again.dispatch('org.tree', {}, login.data.sessionId)).toMatchObject({ ok: true, data: [{ name: '秦都区' }] });
    } finally {
      again.close();
    }
  });

  it('refuses at start-up a plaintext database and one whose key file is missing, touching neither', async () => {
    const { startupRefusal } = await import(pathToFileURL(join(outDir, 'core.js')).href);
    expect(startupRefusal(join(dir, 'absent.db'))).toBeNull();
    const plain = join(dir, 'plain.db');
    const before = plaintextDb(plain);
    expect(startupRefusal(plain)).toContain('未加密');
    expect(readFileSync(plain).equals(before)).toBe(true);
    const orphan = join(dir, 'orphan.db');
    writeFileSync(orphan, Buffer.alloc(4096, 7));
    expect(startupRefusal(orphan)).toContain('orphan.db.keys');
    writeFileSync(`${orphan}.keys`, '{}');
    expect(startupRefusal(orphan)).toBeNull();
  });
});

describe('built main.js with electron stubbed', () => {
  let launches = 0;
  // A fresh query string gives a fresh module instance (a new "launch") without resetting the mocks.
  async function startMain(): Promise<void> {
    await import(`${pathToFileURL(join(outDir, 'main.js')).href}?launch=${++launches}`);
    await new Promise((r) => setTimeout(r, 0));
  }

  it('puts the database in appData/jiceng-ledger, registers one channel and opens a hardened window', async () => {
    fake.app.paths.appData = dir;
    await startMain();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 20_000 });
    expect(fake.app.paths.userData).toBe(join(dir, 'jiceng-ledger'));
    expect(fake.app.sandboxed).toBe(true);
    // Chromium's own widgets (date pickers, file dialogs) in Chinese on any display language.
    expect(fake.app.switches.get('lang')).toBe('zh-CN');
    expect(existsSync(join(dir, 'jiceng-ledger'))).toBe(true);
    const win = fake.windows[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe(join(outDir, 'preload.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    const index = join(repoRoot, 'dist', 'renderer', 'index.html');
    expect(win.loaded).toEqual([index]);
    expect(fake.menu).toBeNull();
    expect(fake.session.beforeRequest).toBeTypeOf('function');

    const handler = fake.ipcHandlers.get('api:invoke')!;
    expect([...fake.ipcHandlers.keys()]).toEqual(['api:invoke']);
    const top = { url: pathToFileURL(index).href, parent: null, processId: 1, routingId: 1 };
    expect(await handler({ senderFrame: top, sender: { mainFrame: top } } as never, 'setup.status' as never, {} as never)).toEqual({ ok: true, data: { state: 'setup', orgName: null } });

    fake.app.emit('second-instance');
    expect(win.focused).toBe(1);
    fake.app.emit('will-quit');
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.app.paths.appData = dir;
    fake.app.gotLock = false;
    await startMain();
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
  });

  it('shows a Chinese dialog and exits when the database is refused at start-up', async () => {
    fake.app.paths.appData = dir;
    const file = join(dir, 'newer.db');
    const before = plaintextDb(file);
    process.env.JICENG_DB = file;
    await startMain();
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1), { timeout: 20_000 });
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]!.title).toBe('基层党建台账无法打开数据库');
    expect(fake.errorBoxes[0]!.content).toContain('未加密');
    expect(fake.errorBoxes[0]!.content).toContain(file);
    expect(fake.windows).toHaveLength(0);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
