import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createRuntime, type Runtime } from '../core/runtime.ts';
import { keyringPath } from '../core/security/keyring.ts';

// The desktop app's wiring of the runtime (login, encrypted database, dispatcher), kept free
// of the electron module so the built bundle (dist/electron/core.js) loads under plain Node.

export type { Runtime } from '../core/runtime.ts';

export function createDesktopRuntime(opts: { dbFile: string; migrationsFolder: string }): Runtime {
  return createRuntime({
    dbFile: opts.dbFile,
    migrationsFolder: opts.migrationsFolder,
    logError: (op, err) => console.error(`[${op}]`, err),
  });
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0');

/**
 * What can be said about the database before anyone logs in: a file that exists without its
 * key file, or one that was never encrypted, is refused at start-up so the first-run setup
 * cannot mistake it for a fresh install. Returns the Chinese reason, or null when it may open.
 */
export function startupRefusal(dbFile: string): string | null {
  if (!existsSync(dbFile) || statSync(dbFile).size === 0) return null;
  const head = Buffer.alloc(16);
  const fd = openSync(dbFile, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.equals(PLAIN_HEADER)) {
    return '该数据库文件未加密（可能由旧版本或其他程序创建），本程序只打开加密数据库。已拒绝打开，文件未作任何改动。';
  }
  if (!existsSync(keyringPath(dbFile))) {
    return `找到了数据库文件，但缺少与它配套的密钥文件 ${basename(keyringPath(dbFile))}，无法打开。请把两个文件一起复制到数据目录后再启动。文件未作任何改动。`;
  }
  return null;
}
