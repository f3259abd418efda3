import { existsSync, readFileSync, renameSync } from 'node:fs';
import { writeFileDurably } from '../files/durable.ts';
import { DbOpenError } from '../../db/open.ts';
import { checkDatabaseFile } from '../../db/open.ts';
import { AppError, validationError } from '../contract/errors.ts';
import { actorOfSession, anonymous, type LoginDeps, type SessionOps } from './login.ts';
import { backupDir, listBackups, restoreFile, writeBackup } from './backup.ts';
import { keyringPath } from './keyring.ts';

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
      renameSync(keyringPath(dbFile), `${keptAside}.keys`);
      writeFileDurably(keyringPath(dbFile), readFileSync(keyringPath(file)), { mode: 0o600 });
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
        d.open(check.master);
        throw new AppError('conflict', '数据库完好，无需从备份恢复，请直接登录');
      } catch (e) {
        if (!(e instanceof DbOpenError) || e.code !== 'damaged') throw e;
      }
      const good = listBackups(backupDir(d.vault.dbFile)).find((b) => checkDatabaseFile(b.file, check.master) === null);
      if (!good) throw new AppError('not_found', '没有找到可用的完好备份，请联系县级技术人员');
      const keptAside = swapIn(good.file, check.master);
      const { dispatcher } = d.open(check.master);
      dispatcher.record('backup.restoreAtLogin', anonymous(input.username), { entity: 'backup', entityId: good.name, after: { keptAside } }, 'ok');
      return { restoredFrom: good.name, keptAside };
    },
  };
}
