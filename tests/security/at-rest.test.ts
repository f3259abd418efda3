import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createRuntime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { ADMIN_PASSWORD, setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('encryption at rest', () => {
  let app: SecuredApp;
  let clerk: string;
  const started = Date.now();
  const canaries = Array.from({ length: 1000 }, (_, i) => `CANARY${(0x5eed0000 + i * 7919).toString(16)}Q`);
  const logs: string[] = [];

  beforeAll(async () => {
    app = await setUpSecured();
    clerk = await app.sessionAs('clerk');
    const origError = console.error;
    console.error = (...a: unknown[]) => logs.push(a.map(String).join(' '));
    try {
      for (let i = 0; i < canaries.length; i++) {
        await app.ok('roster.create', {
          orgId: app.orgId, name: `金丝雀${i}`, gender: '女', ethnicity: '汉族', birthDate: '1990-01-01',
          politicalStatus: '群众', postCategory: '其他', remarks: canaries[i], phone: `139${String(10000000 + i)}`,
        }, clerk);
      }
      await app.ok('backup.create', {});
      await app.ok('backup.create', { folder: join(app.dir, 'usb-stick'), createFolder: true });
    } finally {
      console.error = origError;
    }
  }, 300_000);
  afterAll(() => {
    app.close();
    removeDir(app.dir);
  });

  it('stores what it was given: the canaries read back through the API', async () => {
    const list = await app.ok('roster.list', { query: '金丝雀999' }, clerk);
    expect(list.rows).toHaveLength(1);
    expect((await app.ok('roster.get', { id: list.rows[0].id }, clerk)).remarks).toBe(canaries[999]);
  });

  it('finds none of 1,000 planted canaries in the database, its WAL, backups, keyring, logs or temp files', () => {
    const dataFiles = filesUnder(app.dir);
    expect(dataFiles.some((f) => f.endsWith('-wal'))).toBe(true);
    expect(dataFiles.filter((f) => f.endsWith('.db')).length).toBeGreaterThanOrEqual(3); // db, auto backup, USB copy
    const tempFiles = readdirSync(tmpdir())
      .map((n) => join(tmpdir(), n))
      .filter((p) => { try { return statSync(p).isFile() && statSync(p).mtimeMs >= started; } catch { return false; } });
    const hits: string[] = [];
    for (const file of [...dataFiles, ...tempFiles]) {
      const bytes = readFileSync(file);
      for (const c of [canaries[0]!, canaries[499]!, canaries[999]!, '金丝雀']) if (bytes.includes(Buffer.from(c))) hits.push(`${file}: ${c}`);
      const text = bytes.toString('latin1');
      if (/CANARY[0-9a-f]{8}Q/.test(text)) hits.push(`${file}: a canary`);
    }
    for (const line of logs) if (/CANARY|金丝雀/.test(line)) hits.push(`log: ${line}`);
    expect(hits).toEqual([]);
  });

  it('cannot be read by plain SQLite', () => {
    const raw = new Database(app.dbFile, { readonly: true });
    expect(() => raw.prepare('SELECT count(*) FROM people').get()).toThrow(/not a database/);
    raw.close();
  });

  it('never falls back silently: a plaintext file where the encrypted one should be is refused', async () => {
    const dir = tempDir('jiceng-plain-');
    const file = join(dir, 'ledger.db');
    const plain = new Database(file);
    plain.exec('CREATE TABLE t(x)');
    plain.close();
    writeFileSync(`${file}.keys`, readFileSync(`${app.dbFile}.keys`));
    const before = readFileSync(file);
    const rt = createRuntime({ dbFile: file, migrationsFolder: sourceMigrationsFolder });
    const env = await rt.dispatch('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(!env.ok && env.error.message).toContain('未加密');
    expect(readFileSync(file).equals(before)).toBe(true);
    rt.close();
    removeDir(dir);
  });

  it('opens with the user password and nothing else in the keyring', async () => {
    expect(existsSync(`${app.dbFile}.keys`)).toBe(true);
    const rt = createRuntime({ dbFile: app.dbFile, migrationsFolder: sourceMigrationsFolder });
    expect((await rt.dispatch('auth.login', { username: 'uclerk', password: USER_PASSWORD })).ok).toBe(true);
    rt.close();
  });
});
