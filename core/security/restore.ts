import { existsSync, readFileSync, renameSync } from 'node:fs';
import { writeFileDurably } from '../files/durable.ts';
import Database from 'better-sqlite3';
import { DbOpenError, type DbOpenErrorCode } from '../../db/open.ts';
import { checkDatabaseFile } from '../../db/open.ts';
import { AppError, validationError } from '../contract/errors.ts';
import { actorOfSession, anonymous, type LoginDeps, type SessionOps } from './login.ts';
import { backupDir, listBackups, restoreFile, writeBackup } from './backup.ts';
import { keyringPath, readKeyring, writeKeyring } from './keyring.ts';

// Every way the file can fail to open for damage offers the newest good backup; only a file
// from a newer program version is left alone (restoring would lose its newer data).
export const RESTORABLE = new Set<DbOpenErrorCode>(['damaged', 'cannot_open', 'encryption_mismatch']);

/** The account's role as the backup records it, or null if it is missing or disabled there. */
function roleInBackup(file: string, key: Buffer, username: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`hexkey='${key.toString('hex')}'`);
    const row = db.prepare('SELECT role, disabled FROM users WHERE username = ?').get(username) as { role: string; disabled: number } | undefined;
    return row && !row.disabled ? row.role : null;
  } finally {
    db.close();
  }
}

/** Restoring replaces the open database, so the runtime does it: close, swap, reopen. */
export function restoreOps(d: LoginDeps): Pick<SessionOps, 'backup.restore' | 'backup.restoreAtLogin'> {
  function swapIn(file: string, master: Buffer): string {
    const dbFile = d.vault.dbFile;
    const problem = checkDatabaseFile(file, master);
    if (problem) throw validationError([{ path: 'file', message: `「备份文件」未通过完整性检查（${problem}），未作任何替换` }]);
    d.closeDb();
    const { keptAside } = restoreFile(dbFile, file, master, d.now());
    // The backup's keyring holds the passwords as they were when it was taken.
    if (existsSync(keyringPath(file))) {
      // Security events noted while the database was closed must survive the older keyring.
      const pending = readKeyring(dbFile)?.pending ?? [];
      renameSync(keyringPath(dbFile), `${keptAside}.keys`);
      writeFileDurably(keyringPath(dbFile), readFileSync(keyringPath(file)), { mode: 0o600 });
      const restored = readKeyring(dbFile);
      if (restored && pending.length) writeKeyring(dbFile, { ...restored, pending: [...restored.pending, ...pending].slice(-1000) });
    }
    return keptAside;
  }

  return {
    'backup.restore': (input, sessionId) => {
      const found = d.sessions.lookup(sessionId, d.now().getTime(), true);
      const cur = d.current();
      if (!found.ok || !cur) throw new AppError('forbidden', '请先登录', undefined, 'login_required');
      if (found.session.role !== 'admin') throw new AppError('forbidden', '只有系统管理员可以从备份恢复');
      if (!existsSync(input.file)) throw validationError([{ path: 'file', message: `「备份文件」${input.file} 不存在` }]);
      const master = d.vault.masterKey();
      writeBackup(cur.opened.sqlite, d.vault.dbFile, backupDir(d.vault.dbFile), 'before-restore', d.now());
      const keptAside = swapIn(input.file, master);
      const reopened = d.open(master);
      d.sessions.endAllFor(found.session.userId);
      reopened.dispatcher.record('backup.restore', actorOfSession(found.session), { entity: 'backup', entityId: input.file, after: { keptAside } }, 'ok');
      return { keptAside };
    },

    'backup.restoreAtLogin': (input) => {
      const check = d.vault.checkPassword(input.username, input.password, d.now());
      if (!check.ok) throw new AppError('forbidden', check.reason);
      try {
        const opened = d.open(check.master).opened;
        // Opens, but has lost the account the keyring vouches for: damaged all the same.
        const found = opened.sqlite.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username);
        if (found) throw new AppError('conflict', '数据库完好，无需从备份恢复，请直接登录');
        d.closeDb();
      } catch (e) {
        if (!(e instanceof DbOpenError) || !RESTORABLE.has(e.code)) throw e;
      }
      // The newest backup that is sound and knows this account: a copy taken of the damaged
      // file itself (the daily backup on open) has lost the account and is passed over.
      let role: string | null = null;
      const good = listBackups(backupDir(d.vault.dbFile)).find(
        (b) => checkDatabaseFile(b.file, check.master) === null && (role = roleInBackup(b.file, check.master, input.username)) !== null,
      );
      if (!good) throw new AppError('not_found', '没有找到可用的完好备份，请联系县级技术人员');
      // The damaged file cannot say who is who; the backup about to be restored can.
      if (role !== 'admin') {
        d.vault.note({ at: d.now().toISOString(), username: input.username, operation: 'backup.restoreAtLogin', reason: '非系统管理员尝试从备份恢复' });
        throw new AppError('forbidden', '只有系统管理员可以从备份恢复，请联系本单位的系统管理员');
      }
      const keptAside = swapIn(good.file, check.master);
      const { dispatcher } = d.open(check.master);
      dispatcher.record('backup.restoreAtLogin', anonymous(input.username), { entity: 'backup', entityId: good.name, after: { keptAside } }, 'ok');
      return { restoredFrom: good.name, keptAside };
    },
  };
}
