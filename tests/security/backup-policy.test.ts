import { existsSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCall } from '../../cli/call.ts';
import { createRuntime, type Runtime } from '../../core/runtime.ts';
import { backupDir, writeBackup } from '../../core/security/backup.ts';
import { stampPath } from '../../core/security/check-stamp.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { removeDir } from '../helpers/app.ts';
import { ADMIN_PASSWORD, setUpSecured, type SecuredApp } from '../helpers/runtime.ts';

// When quick_check and the automatic backups run (issue 19 §5, issue 13, issue 18 §8):
// docs/security.md "Backups and restore".

const apps: SecuredApp[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) {
    a.close();
    removeDir(a.dir);
  }
  vi.restoreAllMocks();
});

async function secured(): Promise<SecuredApp> {
  const app = await setUpSecured();
  apps.push(app);
  return app;
}

const backups = (app: SecuredApp) => (existsSync(backupDir(app.dbFile)) ? readdirSync(backupDir(app.dbFile)).filter((n) => n.endsWith('.db')).sort() : []);

/** A runtime on `app`'s file with its own clock; logs in as the administrator. */
async function loginAt(app: SecuredApp, iso: string, extra: { readOnlyCall?: boolean } = {}): Promise<{ rt: Runtime; login: { ok: boolean; error?: { reason?: string } } }> {
  const rt = createRuntime({ dbFile: app.dbFile, migrationsFolder: sourceMigrationsFolder, now: () => new Date(iso), ...extra });
  const login = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  return { rt, login };
}

describe('quick_check runs when it is worth it', () => {
  it('two logins in one day check once; the next day, or a file changed outside the program, checks again', async () => {
    const app = await secured();
    app.close();
    const first = await loginAt(app, '2026-12-01T09:00:00Z');
    expect(first.rt.current()!.opened.quickChecked).toBe(true);
    first.rt.close();
    expect(JSON.parse(readFileSync(stampPath(app.dbFile), 'utf8')).checkedOn).toBe('2026-12-01');
    const second = await loginAt(app, '2026-12-01T15:00:00Z');
    expect(second.rt.current()!.opened.quickChecked).toBe(false);
    second.rt.close();
    const nextDay = await loginAt(app, '2026-12-02T08:00:00Z');
    expect(nextDay.rt.current()!.opened.quickChecked).toBe(true);
    nextDay.rt.close();
    // Copied over, restored by hand, touched by a tool: checked again the same day.
    utimesSync(app.dbFile, new Date(), new Date(Date.now() - 60_000));
    const touched = await loginAt(app, '2026-12-02T10:00:00Z');
    expect(touched.rt.current()!.opened.quickChecked).toBe(true);
    touched.rt.close();
  });

  it('a read-only CLI call (jiceng call of a query) runs no quick check and writes no backup', async () => {
    const app = await secured();
    app.close();
    const before = backups(app);
    const ro = await loginAt(app, '2026-12-03T09:00:00Z', { readOnlyCall: true });
    expect(ro.rt.current()!.opened.quickChecked).toBe(false);
    ro.rt.close();
    expect(backups(app)).toEqual(before);
    // Through the CLI itself: a query leaves the backup folder as it was.
    vi.stubEnv('JICENG_PASSWORD', ADMIN_PASSWORD);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await runCall(['codes.list', '{}', '--db', app.dbFile, '--user', 'admin'])).toBe(0);
    expect(log).toHaveBeenCalled();
    expect(backups(app)).toEqual(before);
    // A mutation through the CLI is not read-only: its process takes the day's backups.
    expect(await runCall(['auth.logout', '{}', '--db', app.dbFile, '--user', 'admin'])).toBe(0);
    expect(backups(app).length).toBeGreaterThan(before.length);
    vi.unstubAllEnvs();
  });

  it('at most one exit backup a day', async () => {
    const app = await secured();
    app.close();
    for (const at of ['2026-12-04T09:00:00Z', '2026-12-04T12:00:00Z', '2026-12-04T17:00:00Z']) (await loginAt(app, at)).rt.close();
    expect(backups(app).filter((n) => n.includes('20261204') && n.endsWith('-exit.db'))).toHaveLength(1);
  });
});

describe('a damaged database is never backed up', () => {
  it('a file that lost the account is refused at login with no daily or exit backup, and no backup is rotated out', async () => {
    const app = await secured();
    // A copy cut short: the account the keyring vouches for is gone from the file.
    const sqlite = app.runtime.current()!.opened.sqlite;
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare("DELETE FROM users WHERE username = 'admin'").run();
    app.close();
    const before = backups(app);
    const next = await loginAt(app, '2026-12-05T09:00:00Z');
    expect(next.login.ok).toBe(false);
    expect(next.login.error?.reason).toBe('database_damaged');
    next.rt.close();
    expect(backups(app)).toEqual(before);
    expect(backups(app).some((n) => n.includes('20261205'))).toBe(false);
  });
});

describe('backup folders and names (issue 18 §8)', () => {
  it('a folder that does not exist is refused, named, and created only when asked', async () => {
    const app = await secured();
    const missing = join(app.dir, 'E盘', '备份');
    const env = await app.call('backup.create', { folder: missing });
    expect(env.ok).toBe(false);
    expect(env.error.code).toBe('validation');
    expect(env.error.issues[0].path).toBe('folder');
    expect(env.error.message).toContain(`${missing} 不存在`);
    expect(existsSync(missing)).toBe(false);
    const made = await app.ok('backup.create', { folder: missing, createFolder: true });
    expect(existsSync(made.file)).toBe(true);
  });

  it('two backups in the same second both exist, under different names', async () => {
    const app = await secured();
    // The test clock stands still: every backup below is taken "in the same second".
    const a = await app.ok('backup.create', {});
    const b = await app.ok('backup.create', {});
    expect(a.name).not.toBe(b.name);
    expect(existsSync(a.file) && existsSync(b.file)).toBe(true);
    const sqlite = app.runtime.current()!.opened.sqlite;
    const at = new Date('2026-12-06T10:00:00Z');
    const x = writeBackup(sqlite, app.dbFile, backupDir(app.dbFile), 'exit', at);
    const y = writeBackup(sqlite, app.dbFile, backupDir(app.dbFile), 'exit', at);
    expect(new Set([x.file, y.file]).size).toBe(2);
    expect(existsSync(x.file) && existsSync(y.file) && existsSync(`${y.file}.keys`)).toBe(true);
    const listed = (await app.ok('backup.list', {})).rows.map((r: { name: string }) => r.name);
    expect(listed).toEqual(expect.arrayContaining([a.name, b.name, x.name, y.name]));
  });
});
