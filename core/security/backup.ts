import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { checkDatabaseFile } from '../../db/open.ts';
import { commitTemp, writeFileDurably } from '../files/durable.ts';
import { keyringPath } from './keyring.ts';

// Backups are `VACUUM INTO` copies: SQLite3 Multiple Ciphers writes them encrypted with the
// database's own key (better-sqlite3's backup API refuses an encrypted source, so it can never
// produce a plaintext copy by accident). Each copy travels with the keyring that opens it.

export interface BackupInfo {
  file: string;
  name: string;
  size: number;
  createdAt: string;
  kind: 'auto' | 'manual' | 'exit' | 'before-restore';
}

export const backupDir = (dbFile: string) => join(dirname(dbFile), 'backups');

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

/**
 * Claims a name no other backup has, even within the same second and from another process
 * (two exits in one second used to share one name and one temp file): the empty file created
 * exclusively here is the claim, replaced by rename when the copy is complete.
 */
function claimName(folder: string, kind: BackupInfo['kind'], now: Date): { name: string; file: string } {
  for (let n = 1; ; n++) {
    const name = `jiceng-${stamp(now)}${n > 1 ? `-${n}` : ''}-${kind}.db`;
    const file = join(folder, name);
    try {
      closeSync(openSync(file, 'wx', 0o600));
      return { name, file };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

const NAME = /^jiceng-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})Z(?:-(\d+))?-([a-z-]+)\.db$/;
const TMP = /^(jiceng-.+\.db)\.(\d+)\.tmp$/;
// A claim younger than this may belong to a copy another process is just starting.
const CLAIM_GRACE_MS = 60_000;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false; // writeBackup is synchronous: none of ours is under way
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What a crash mid-backup leaves behind: a `<name>.<pid>.tmp` copy whose process is gone, and
 * the empty claim of a copy that never landed (no live temp file works on it).
 */
function removeLeftovers(folder: string): void {
  const names = readdirSync(folder);
  const working = new Set<string>();
  for (const name of names) {
    const m = TMP.exec(name);
    if (!m) continue;
    if (processAlive(Number(m[2]))) working.add(m[1]!);
    else rmSync(join(folder, name), { force: true });
  }
  for (const name of names) {
    if (!NAME.test(name) || working.has(name)) continue;
    const st = statSync(join(folder, name), { throwIfNoEntry: false });
    if (st && st.size === 0 && Date.now() - st.mtimeMs > CLAIM_GRACE_MS) rmSync(join(folder, name), { force: true });
  }
}

/** `folder` must exist unless `create` (the automatic folder beside the database is made on first use). */
export function writeBackup(sqlite: Database.Database, dbFile: string, folder: string, kind: BackupInfo['kind'], now: Date, create = true): BackupInfo {
  if (create) mkdirSync(folder, { recursive: true });
  removeLeftovers(folder);
  const { name, file } = claimName(folder, kind, now);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    // VACUUM INTO creates the file with the process umask (often 0644): owner-only, like the database.
    chmodSync(tmp, 0o600);
    commitTemp(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    rmSync(file, { force: true });
    throw e;
  }
  writeFileDurably(keyringPath(file), readFileSync(keyringPath(dbFile)), { mode: 0o600 });
  return { file, name, size: statSync(file).size, createdAt: now.toISOString(), kind };
}

/** Complete backups only: an empty file is a claim (a copy under way, or one a crash cut short). */
export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((name) => ({ name, m: NAME.exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null)
    .map(({ name, m }) => {
      const file = join(folder, name);
      const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      return { file, name, size, createdAt: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`, kind: m[8] as BackupInfo['kind'], n: Number(m[7] ?? 1) };
    })
    .filter((b) => b.size > 0)
    // Newest first; within one second the later claim (higher counter) is newer.
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.n - a.n)
    .map(({ n: _n, ...b }) => b);
}

/** Keeps the newest `keep` automatic backups (daily and on-exit); manual ones are the user's. */
export function rotateBackups(folder: string, keep: number): void {
  for (const b of listBackups(folder).filter((x) => x.kind === 'auto' || x.kind === 'exit').slice(keep)) {
    rmSync(b.file, { force: true });
    rmSync(keyringPath(b.file), { force: true });
  }
}

/**
 * Replaces the database with a backup: the backup is checked whole first (integrity_check with
 * the key), the replaced file is kept aside, and the copy lands by rename. The caller must have
 * closed the database.
 */
export function restoreFile(dbFile: string, backupFile: string, key: Buffer, now: Date): { keptAside: string } {
  const problem = checkDatabaseFile(backupFile, key);
  if (problem) throw new Error(`备份文件 ${basename(backupFile)} 未通过完整性检查（${problem}），未作任何替换`);
  const keptAside = `${dbFile}.replaced-${stamp(now)}`;
  const tmp = `${dbFile}.restoring`;
  writeFileDurably(tmp, readFileSync(backupFile), { mode: 0o600 });
  for (const suffix of ['-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, keptAside + suffix);
  if (existsSync(dbFile)) renameSync(dbFile, keptAside);
  renameSync(tmp, dbFile);
  return { keptAside };
}
