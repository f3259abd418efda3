import { homedir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDatabase, type OpenedDb } from '../db/open.ts';
import { sourceMigrationsFolder } from '../db/paths.ts';
import { createDispatcher, type Dispatcher } from '../core/dispatch.ts';
import { installationActor } from '../core/installation.ts';

// The same folder Electron's app.getPath('userData') gives for the app name `jiceng-ledger`,
// so browser mode and the desktop window share one database by default.
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'jiceng-ledger');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'jiceng-ledger');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'jiceng-ledger');
}

/** `--db FILE`, else `JICENG_DB`, else the per-user application data folder. */
export function resolveDbFile(flag: string | undefined): string {
  if (flag) return flag;
  if (process.env.JICENG_DB) return process.env.JICENG_DB;
  const dir = defaultDataDir();
  mkdirSync(dir, { recursive: true });
  return join(dir, 'jiceng.db');
}

export interface App {
  opened: OpenedDb;
  dispatcher: Dispatcher;
  close(): void;
}

export function openApp(dbFile: string): App {
  const opened = openDatabase({ file: dbFile, migrationsFolder: sourceMigrationsFolder });
  const actor = installationActor(opened.db);
  const dispatcher = createDispatcher({
    db: opened.db,
    sqlite: opened.sqlite,
    actor: () => actor,
    logError: (op, err) => console.error(`[${op}]`, err),
  });
  return { opened, dispatcher, close: () => opened.close() };
}
