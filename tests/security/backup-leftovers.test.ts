import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { listBackups, rotateBackups, writeBackup } from '../../core/security/backup.ts';
import { keyringPath } from '../../core/security/keyring.ts';
import { removeDir, tempDir } from '../helpers/app.ts';

// A crash between claiming a backup's name and renaming the finished copy onto it leaves an
// empty "backup" and a temp file. Neither may pass for a backup, and the next backup clears them.

let dir: string;
let db: Database.Database;
let dbFile: string;
let folder: string;
beforeEach(() => {
  dir = tempDir('jiceng-backup-leftovers-');
  dbFile = join(dir, 'ledger.db');
  db = new Database(dbFile);
  db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('一条记录')");
  writeFileSync(keyringPath(dbFile), 'keys');
  folder = join(dir, 'backups');
  mkdirSync(folder);
});
afterEach(() => {
  db.close();
  removeDir(dir);
});

// Today's empty claim (as a crash left it a while ago) and the dead process's temp copy.
function plantCrash(at: Date): { claim: string; tmp: string } {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  const claim = join(folder, `jiceng-${stamp}-auto.db`);
  writeFileSync(claim, '');
  const old = new Date(Date.now() - 3_600_000);
  utimesSync(claim, old, old);
  // pid 2^22 + 7 is above Linux's pid_max: no such process is running.
  const tmp = `${claim}.${4_194_311}.tmp`;
  writeFileSync(tmp, 'half a copy');
  return { claim, tmp };
}

describe('backup leftovers of a crash', () => {
  it('an empty claim is not listed, not counted by the rotation, and is removed with the dead temp file by the next backup', () => {
    const at = new Date('2026-11-30T08:00:00Z');
    const good = writeBackup(db, dbFile, folder, 'auto', new Date('2026-11-29T08:00:00Z'));
    const { claim, tmp } = plantCrash(at);
    expect(listBackups(folder).map((b) => b.name)).toEqual([good.name]);
    rotateBackups(folder, 1);
    expect(existsSync(good.file)).toBe(true); // the empty claim did not push the real backup out

    const next = writeBackup(db, dbFile, folder, 'auto', new Date('2026-11-30T09:00:00Z'));
    expect(existsSync(claim)).toBe(false);
    expect(existsSync(tmp)).toBe(false);
    expect(listBackups(folder).map((b) => b.name)).toEqual([next.name, good.name]);
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a fresh empty claim (a copy another process may be starting) is left alone but still not listed', () => {
    const claim = join(folder, 'jiceng-20261130-080000Z-manual.db');
    writeFileSync(claim, '');
    writeBackup(db, dbFile, folder, 'auto', new Date('2026-11-30T09:00:00Z'));
    expect(existsSync(claim)).toBe(true);
    expect(listBackups(folder).some((b) => b.name === 'jiceng-20261130-080000Z-manual.db')).toBe(false);
  });
});
