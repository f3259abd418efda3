import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRuntime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { mulberry32 } from '../../core/demo/generate.ts';
import { removeDir } from '../helpers/app.ts';
import { ADMIN_PASSWORD, setUpSecured, type SecuredApp } from '../helpers/runtime.ts';

/** Every row of every table, in rowid order: two databases with equal dumps hold the same data. */
function canonicalDump(sqlite: Database.Database, auditUpTo: number): string {
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  // The audit tail after `auditUpTo` differs by design, and so does the chain head that names it.
  const where = (t: string) => (t === 'audit_log' ? `WHERE id <= ${auditUpTo}` : t === 'settings' ? "WHERE key <> 'audit.head'" : '');
  return JSON.stringify(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}" ${where(t)} ORDER BY rowid`).all()]));
}

const flip = (b: Buffer, at: number, mask: number) => b.writeUInt8(b.readUInt8(at) ^ mask, at);

let app: SecuredApp;
let clerk: string;
beforeAll(async () => {
  app = await setUpSecured();
  clerk = await app.sessionAs('clerk');
  for (let i = 0; i < 20; i++)
    await app.ok('roster.create', { orgId: app.orgId, name: `备份${i}`, gender: '男', ethnicity: '回族', birthDate: '1980-02-29', politicalStatus: '中共党员', partyJoinDate: '2001-07-01', postCategory: '其他', posts: ['网格员'] }, clerk);
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('backup and restore', () => {
  it('round-trips to an identical canonical dump, keeping the replaced database aside', async () => {
    const backup = await app.ok('backup.create', { folder: join(app.dir, 'usb'), createFolder: true });
    const sqlite = () => app.runtime.current()!.opened.sqlite;
    const lastAudit = (sqlite().prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id - 1;
    const dumpAtBackup = canonicalDump(sqlite(), lastAudit);
    const list = await app.ok('roster.list', {}, clerk);
    await app.ok('roster.retire', { id: list.rows[0].id, status: '离任', date: '2026-11-01', reason: '调离' }, clerk);
    expect(canonicalDump(sqlite(), lastAudit)).not.toBe(dumpAtBackup);
    const restored = await app.ok('backup.restore', { file: backup.file });
    expect(readFileSync(restored.keptAside).length).toBeGreaterThan(0);
    expect(canonicalDump(sqlite(), lastAudit)).toBe(dumpAtBackup);
    const after = await app.call('roster.list', {}, app.adminSession);
    expect(!after.ok && after.error.reason).toBe('login_required'); // the restorer logs in again
  });

  it('refuses to restore from a damaged backup and replaces nothing', async () => {
    app.adminSession = (await app.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null)).sessionId;
    const good = await app.ok('backup.create', {});
    const bad = join(app.dir, 'bad.db');
    const bytes = readFileSync(good.file);
    flip(bytes, bytes.length - 100, 0xff);
    writeFileSync(bad, bytes);
    copyFileSync(`${good.file}.keys`, `${bad}.keys`);
    const before = readFileSync(app.dbFile);
    const env = await app.call('backup.restore', { file: bad });
    expect(!env.ok && env.error.message).toContain('完整性检查');
    expect(readFileSync(app.dbFile).equals(before)).toBe(true);
  });
});

describe('a damaged database', () => {
  it('is detected every time: 100 copies with one corrupted byte each never open', async () => {
    app.close();
    const bytes = readFileSync(app.dbFile);
    const keys = readFileSync(`${app.dbFile}.keys`);
    const rnd = mulberry32(4242);
    const silentOpens: number[] = [];
    for (let i = 0; i < 100; i++) {
      const dir = join(app.dir, `corrupt-${i}`);
      mkdirSync(dir);
      const file = join(dir, 'ledger.db');
      const copy = Buffer.from(bytes);
      const offset = Math.floor(rnd() * copy.length);
      flip(copy, offset, 1 + Math.floor(rnd() * 255));
      writeFileSync(file, copy);
      writeFileSync(`${file}.keys`, keys);
      const rt = createRuntime({ dbFile: file, migrationsFolder: sourceMigrationsFolder });
      const env = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
      if (env.ok) silentOpens.push(offset);
      rt.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(silentOpens).toEqual([]);
  }, 300_000);

  it('is refused at login, and the last good backup is offered and restored', async () => {
    const dir = join(app.dir, 'damaged');
    mkdirSync(join(dir, 'backups'), { recursive: true });
    const file = join(dir, 'ledger.db');
    const rt0 = createRuntime({ dbFile: app.dbFile, migrationsFolder: sourceMigrationsFolder });
    const s = await rt0.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    const backup = await rt0.dispatch('backup.create', { folder: join(dir, 'backups') }, s.ok ? (s.data as { sessionId: string }).sessionId : null);
    rt0.close();
    expect(backup.ok).toBe(true);
    const copy = readFileSync(app.dbFile);
    flip(copy, Math.floor(copy.length / 2), 0x55);
    writeFileSync(file, copy);
    copyFileSync(`${app.dbFile}.keys`, `${file}.keys`);
    const rt = createRuntime({ dbFile: file, migrationsFolder: sourceMigrationsFolder });
    const login = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(!login.ok && login.error.reason).toBe('database_damaged');
    const restored = await rt.dispatch('backup.restoreAtLogin', { username: 'admin', password: ADMIN_PASSWORD });
    expect(restored.ok).toBe(true);
    expect((await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD })).ok).toBe(true);
    rt.close();
  });
});

describe('a backup folder that cannot be written', () => {
  it('names the folder and the reason, and leaves no partial file', async () => {
    const rt = createRuntime({ dbFile: app.dbFile, migrationsFolder: sourceMigrationsFolder });
    const s = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    const blocker = join(app.dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    const env = await rt.dispatch('backup.create', { folder: join(blocker, 'sub') }, s.ok ? (s.data as { sessionId: string }).sessionId : null);
    expect(!env.ok && env.error.code).toBe('validation');
    expect(!env.ok && env.error.message).toContain('「备份文件夹」');
    rt.close();
  });
});
