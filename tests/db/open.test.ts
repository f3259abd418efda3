import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DbOpenError, knownSchemaVersion, openDatabase } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { removeDir, tempDir } from '../helpers/app.ts';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return join(d, 'ledger.db');
};
afterEach(() => dirs.splice(0).forEach(removeDir));
const open = (file: string) => openDatabase({ file, migrationsFolder: sourceMigrationsFolder, key: null });

describe('opening and migrating the database', () => {
  it('applies every migration to an empty file and sets the durability pragmas', () => {
    const db = open(fresh());
    const p = (name: string) => db.sqlite.pragma(name, { simple: true });
    expect(p('journal_mode')).toBe('wal');
    expect(p('synchronous')).toBe(2); // FULL
    expect(p('foreign_keys')).toBe(1);
    expect(p('busy_timeout')).toBe(5000);
    expect(p('user_version')).toBe(knownSchemaVersion(sourceMigrationsFolder));
    const tables = (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['org_units', 'people', 'audit_log', 'settings', 'counters', '__drizzle_migrations']));
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it("runs the quick check before migrating an older schema even when asked for 'never'", () => {
    const file = fresh();
    open(file).close();
    const never = () => openDatabase({ file, migrationsFolder: sourceMigrationsFolder, key: null, quickCheck: 'never' });
    const current = never();
    expect(current.quickChecked).toBe(false); // up to date: a read-only call skips it
    current.sqlite.pragma(`user_version = ${knownSchemaVersion(sourceMigrationsFolder) - 1}`); // as an older build left it
    current.close();
    const upgraded = never();
    expect(upgraded.quickChecked).toBe(true);
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(sourceMigrationsFolder));
    upgraded.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = fresh();
    open(file).close();
    const db = open(file);
    const n = db.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    expect(n.n).toBe(knownSchemaVersion(sourceMigrationsFolder));
    db.close();
  });

  it('refuses a database written by a newer schema version and leaves it untouched', () => {
    const file = fresh();
    open(file).close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${knownSchemaVersion(sourceMigrationsFolder) + 5}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => open(file)).toThrow(DbOpenError);
    try {
      open(file);
    } catch (e) {
      expect((e as DbOpenError).code).toBe('newer_version');
      expect((e as Error).message).toContain('较新版本');
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database and leaves it untouched', () => {
    const file = fresh();
    writeFileSync(file, 'PK\u0003\u0004 this is a spreadsheet, not a database'.repeat(100));
    const before = readFileSync(file);
    expect(() => open(file)).toThrow(/已损坏/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a database with a damaged page and leaves it untouched', () => {
    const file = fresh();
    const db = open(file);
    const insert = db.sqlite.prepare("INSERT INTO settings(key, value) VALUES (?, '\"x\"')");
    db.sqlite.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`k${i}-${'x'.repeat(100)}`);
    })();
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.sqlite.pragma('journal_mode = DELETE');
    db.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the middle of the third page: b-tree content, not the header.
    for (let i = 0; i < 64; i++) bytes[pageSize * 2 + 8 + i] = 0xff;
    const damaged = join(dirs[0]!, 'damaged.db');
    writeFileSync(damaged, bytes);
    copyFileSync(damaged, `${damaged}.orig`);
    expect(() => open(damaged)).toThrow(DbOpenError);
    expect(readFileSync(damaged).equals(readFileSync(`${damaged}.orig`))).toBe(true);
  });
});
