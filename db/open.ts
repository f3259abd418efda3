import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema>;
export interface OpenedDb {
  db: Db;
  sqlite: Database.Database;
  file: string;
  /** Whether this open ran `quick_check` (and it passed); see OpenOptions.quickCheck. */
  quickChecked: boolean;
  close(): void;
}

export type DbOpenErrorCode = 'damaged' | 'newer_version' | 'cannot_open' | 'encryption_mismatch';

/** Raised when a database file must not be used; the file is left exactly as it was. */
export class DbOpenError extends Error {
  readonly code: DbOpenErrorCode;
  constructor(code: DbOpenErrorCode, message: string) {
    super(message);
    this.name = 'DbOpenError';
    this.code = code;
  }
}

export interface OpenOptions {
  file: string;
  /** Where the drizzle-kit migrations live; a packaged app finds them elsewhere than the repo. */
  migrationsFolder: string;
  /**
   * The 32-byte master key of an encrypted database, or an explicit `null` for a plaintext one
   * (tests and tools only). There is no silent fallback: a key never opens a plaintext file,
   * and a plaintext open never touches an encrypted one.
   */
  key: Buffer | null;
  /**
   * `always` (the default) or `never`: the runtime skips it when the file is unchanged since a
   * check passed today, and for a read-only CLI call (core/security/check-stamp.ts). 'never' is
   * overridden when the file's schema is older than this build's (the open will migrate it).
   */
  quickCheck?: 'always' | 'never';
}

/** Number of migrations this build knows; stored as PRAGMA user_version after migrating. */
export function knownSchemaVersion(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

// Every check that can refuse the file runs before the first write (journal_mode=WAL
// rewrites the header), so a damaged or newer database is left byte-for-byte untouched.
/** Full integrity check of an (encrypted) database file without changing it; null when sound. */
export function checkDatabaseFile(file: string, key: Buffer | null): string | null {
  let sqlite: Database.Database | null = null;
  try {
    checkEncryptionMatches(file, key !== null);
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    if (key) sqlite.pragma(`hexkey='${key.toString('hex')}'`);
    const result = sqlite.pragma('integrity_check', { simple: true });
    return result === 'ok' ? null : String(result);
  } catch (e) {
    return (e as Error).message;
  } finally {
    sqlite?.close();
  }
}

export function openDatabase(opts: OpenOptions): OpenedDb {
  const known = knownSchemaVersion(opts.migrationsFolder);
  const isNew = !existsSync(opts.file) || statSync(opts.file).size === 0;
  // Personal information: the file is readable by its owner only (shared office PCs).
  if (!existsSync(opts.file)) writeFileSync(opts.file, '', { mode: 0o600 });
  if (!isNew) checkEncryptionMatches(opts.file, opts.key !== null);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(opts.file);
  } catch (e) {
    throw new DbOpenError('cannot_open', `无法打开数据库文件 ${opts.file}：${(e as Error).message}`);
  }
  try {
    // SQLite3 Multiple Ciphers: the key must be the first statement on the connection.
    if (opts.key) sqlite.pragma(`hexkey='${opts.key.toString('hex')}'`);
    const quickChecked = preflight(sqlite, known, isNew, opts.quickCheck ?? 'always');
    sqlite.pragma('journal_mode = WAL');
    // better-sqlite3 defaults to NORMAL, which can lose the last commits on power loss.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Sorts and temp tables stay in memory: no plaintext spill files in the temp folder.
    sqlite.pragma('temp_store = MEMORY');
    const db = drizzle(sqlite, { schema, casing: 'snake_case' });
    migrate(db, { migrationsFolder: opts.migrationsFolder });
    sqlite.pragma(`user_version = ${known}`);
    return { db, sqlite, file: opts.file, quickChecked, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    if (e instanceof DbOpenError) throw e;
    // Corruption that the quick check missed surfaces here (a damaged page met by a migration).
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      throw new DbOpenError('damaged', `数据库文件已损坏（${(e as Error).message}），已拒绝打开。`);
    throw new DbOpenError('cannot_open', `数据库初始化失败：${(e as Error).message}`);
  }
}

function preflight(sqlite: Database.Database, known: number, isNew: boolean, mode: 'always' | 'never'): boolean {
  let version: number;
  try {
    version = sqlite.pragma('user_version', { simple: true }) as number;
  } catch {
    throw new DbOpenError('damaged', '数据库文件已损坏或不是本系统的数据库，已拒绝打开，文件未作任何改动。');
  }
  // An older schema is about to be migrated (written): that first open after an upgrade checks
  // the file whatever the caller asked, so a migration never runs on an unchecked file.
  const run = !isNew && (mode === 'always' || version < known);
  if (run) {
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new DbOpenError('damaged', `数据库完整性检查未通过（${String(check)}），已拒绝打开，文件未作任何改动。`);
    }
  }
  if (version > known) {
    throw new DbOpenError(
      'newer_version',
      `该数据库由较新版本的基层党建台账创建（结构版本 ${version}，本程序支持到 ${known}），请升级程序后再打开。文件未作任何改动。`,
    );
  }
  return run;
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0');

function checkEncryptionMatches(file: string, expectEncrypted: boolean): void {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  const plain = head.equals(PLAIN_HEADER);
  if (expectEncrypted && plain)
    throw new DbOpenError('encryption_mismatch', '该数据库文件未加密，本程序只打开加密数据库；已拒绝打开，文件未作任何改动。');
  if (!expectEncrypted && !plain)
    throw new DbOpenError('encryption_mismatch', '该数据库文件已加密（或已损坏），需要登录后才能打开；文件未作任何改动。');
}
