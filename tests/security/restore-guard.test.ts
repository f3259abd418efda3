import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRuntime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { removeDir } from '../helpers/app.ts';
import { ADMIN_PASSWORD, setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

let app: SecuredApp;
beforeAll(async () => {
  app = await setUpSecured();
  await app.sessionAs('clerk', 'luru');
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

/** A copy of the installation with the database damaged and one good backup beside it. */
async function damagedCopy(name: string, damage: (bytes: Buffer) => Buffer) {
  const dir = join(app.dir, name);
  mkdirSync(join(dir, 'backups'), { recursive: true });
  const backup = await app.ok('backup.create', { folder: join(dir, 'backups') });
  const file = join(dir, 'ledger.db');
  writeFileSync(file, damage(readFileSync(app.dbFile)));
  copyFileSync(`${app.dbFile}.keys`, `${file}.keys`);
  return { file, backup, rt: createRuntime({ dbFile: file, migrationsFolder: sourceMigrationsFolder }) };
}

describe('restoring from a backup', () => {
  it('writes backups readable by their owner only', async () => {
    const b = await app.ok('backup.create', {});
    expect(statSync(b.file).mode & 0o777).toBe(0o600);
    expect(statSync(`${b.file}.keys`).mode & 0o777).toBe(0o600);
  });

  it('refuses a 录入员 at the login page, restores for the 系统管理员', async () => {
    const { rt, file } = await damagedCopy('clerk', (b) => {
      b.writeUInt8(b.readUInt8(Math.floor(b.length / 2)) ^ 0x55, Math.floor(b.length / 2));
      return b;
    });
    const before = readFileSync(file);
    const clerk = await rt.dispatch('backup.restoreAtLogin', { username: 'luru', password: USER_PASSWORD });
    expect(clerk).toEqual({ ok: false, error: { code: 'forbidden', message: '只有系统管理员可以从备份恢复，请联系本单位的系统管理员' } });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect((await rt.dispatch('backup.restoreAtLogin', { username: 'admin', password: ADMIN_PASSWORD })).ok).toBe(true);
    // The refused attempt reached the audit log once the database opened.
    const refused = rt.current()!.opened.sqlite.prepare("SELECT actor_name AS who, outcome FROM audit_log WHERE operation = 'backup.restoreAtLogin' ORDER BY id").all();
    expect(refused).toEqual([{ who: 'luru', outcome: 'failed' }, { who: 'admin', outcome: 'ok' }]);
    rt.close();
  });

  it('offers the newest good backup for a file cut short (a copy interrupted half-way)', async () => {
    const { rt } = await damagedCopy('truncated', (b) => b.subarray(0, Math.floor(b.length / 8192) * 4096));
    const login = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(!login.ok && login.error.reason).toBe('database_damaged');
    expect((await rt.dispatch('backup.restoreAtLogin', { username: 'admin', password: ADMIN_PASSWORD })).ok).toBe(true);
    expect((await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD })).ok).toBe(true);
    rt.close();
  });
});
