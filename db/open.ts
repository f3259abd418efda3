import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema>;
export interface OpenedDb {
  db: Db;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

export type DbOpenErrorCode = 'damaged' | 'newer_version' | 'cannot_open';

/** Raised when a database file must not be used; the file is left exactly as it was. */
export class DbOpenError extends Error {
  readonly code: DbOpenErrorCode;
  constructor(code: DbOpenErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface OpenOptions {
  file: string;
  /** Where the drizzle-kit migrations live; a packaged app finds them elsewhere than the repo. */
  migrationsFolder: string;
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
export function openDatabase(opts: OpenOptions): OpenedDb {
  const known = knownSchemaVersion(opts.migrationsFolder);
  const isNew = !existsSync(opts.file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(opts.file);
  } catch (e) {
    throw new DbOpenError('cannot_open', `无法打开数据库文件 ${opts.file}：${(e as Error).message}`);
  }
  try {
    preflight(sqlite, known, isNew);
    sqlite.pragma('journal_mode = WAL');
    // better-sqlite3 defaults to NORMAL, which can lose the last commits on power loss.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema, casing: 'snake_case' });
    migrate(db, { migrationsFolder: opts.migrationsFolder });
    sqlite.pragma(`user_version = ${known}`);
    return { db, sqlite, file: opts.file, close: () => sqlite.close() };
  } catch (e) {
    sqlite.close();
    if (e instanceof DbOpenError) throw e;
    throw new DbOpenError('cannot_open', `数据库初始化失败：${(e as Error).message}`);
  }
}

function preflight(sqlite: Database.Database, known: number, isNew: boolean): void {
  let version: number;
  try {
    version = sqlite.pragma('user_version', { simple: true }) as number;
  } catch {
    throw new DbOpenError('damaged', '数据库文件已损坏或不是本系统的数据库，已拒绝打开，文件未作任何改动。');
  }
  if (!isNew) {
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
}
