import { homedir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { migrationsFolder } from './paths.ts';
import { createRuntime, type Runtime } from '../core/runtime.ts';
import type { Envelope, OpInput, OpName, OpOutput } from '../core/contract/index.ts';
import { promptHidden } from './prompt.ts';
import { LoginFailed, UsageError } from './args.ts';

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

/** `readOnlyCall`: the process only reads (a `jiceng call` of a query): no quick check, no backups. */
export function newRuntime(dbFile: string, readOnlyCall = false): Runtime {
  return createRuntime({ dbFile, migrationsFolder: migrationsFolder(), readOnlyCall, logError: (op, err) => console.error(`[${op}]`, err) });
}

/** A logged-in CLI session: every call goes through the runtime with the user's session. */
export interface App {
  runtime: Runtime;
  sessionId: string;
  dbFile: string;
  dispatcher: {
    dispatch(name: string, input: unknown): Promise<Envelope<unknown>>;
    call<K extends OpName>(name: K, input: OpInput<K>): Promise<Envelope<OpOutput<K>>>;
  };
  close(): void;
}

// The PGUSER/PGPASSWORD convention: --user or JICENG_USER, then JICENG_PASSWORD or a prompt.
export async function credentials(userFlag: string | undefined): Promise<{ username: string; password: string }> {
  const username = userFlag ?? process.env.JICENG_USER;
  if (!username) throw new UsageError('需要登录：请用 --user 用户名 或环境变量 JICENG_USER 指定账号');
  const password = process.env.JICENG_PASSWORD ?? (process.stdin.isTTY ? await promptHidden(`${username} 的密码：`) : undefined);
  if (!password) throw new UsageError('需要密码：请设置环境变量 JICENG_PASSWORD，或在终端中运行以便输入密码');
  return { username, password };
}

/** Opens the database through a login, exactly as the UI does. */
export async function openApp(dbFile: string, userFlag?: string, readOnlyCall = false): Promise<App> {
  const runtime = newRuntime(dbFile, readOnlyCall);
  const creds = await credentials(userFlag);
  const login = await runtime.dispatch('auth.login', creds);
  if (!login.ok) {
    runtime.close();
    throw new LoginFailed(`登录失败：${login.error.message}`);
  }
  const sessionId = (login.data as { sessionId: string }).sessionId;
  const dispatch = (name: string, input: unknown) => runtime.dispatch(name, input, sessionId);
  return {
    runtime, sessionId, dbFile,
    dispatcher: { dispatch, call: (name, input) => dispatch(name, input) as never },
    close: () => runtime.close(),
  };
}
