import { rmSync } from 'node:fs';
import { DbOpenError, openDatabase, type OpenedDb } from '../db/open.ts';
import { contract, type OpName } from './contract/index.ts';
import type { Envelope, ErrorBody } from './contract/errors.ts';
import { AppError } from './contract/errors.ts';
import { zodToError } from './contract/zod-errors.ts';
import type { Actor } from './context.ts';
import { createDispatcher, type Dispatcher } from './dispatch.ts';
import { systemActor } from './installation.ts';
import { SessionStore, type Session } from './security/sessions.ts';
import { Vault } from './security/vault.ts';
import { loginOps, type LoginDeps } from './security/login.ts';
import { RESTORABLE } from './security/restore.ts';
import { backupDir, listBackups, rotateBackups, writeBackup } from './security/backup.ts';
import { checkedTodayAndUntouched, writeStamp } from './security/check-stamp.ts';

const KEEP_AUTO_BACKUPS = 10;

export interface RuntimeOptions {
  dbFile: string;
  migrationsFolder: string;
  now?: () => Date;
  checkOutput?: boolean;
  /**
   * A CLI call of a query operation: no `quick_check` and no backups (issue 19 §5; the policy
   * is in docs/security.md, "Backups and restore").
   */
  readOnlyCall?: boolean;
  logError?: (op: string, err: unknown) => void;
}

/** The whole app behind one door: the transports (IPC, HTTP, CLI) call `dispatch` and nothing else. */
export interface Runtime {
  dispatch(name: string, input: unknown, sessionId?: string | null): Promise<Envelope<unknown>>;
  /** The open database and its dispatcher, once someone has logged in (tools and tests). */
  current(): { opened: OpenedDb; dispatcher: Dispatcher } | null;
  close(): void;
}

// Calls a session that must change its password may still make.
const WHILE_MUST_CHANGE = new Set<string>(['auth.changePassword', 'auth.logout', 'auth.me', 'codes.list']);

export function createRuntime(opts: RuntimeOptions): Runtime {
  const now = opts.now ?? (() => new Date());
  const vault = new Vault(opts.dbFile);
  const sessions = new SessionStore(() => vault.policy().idleMinutes);
  // `trusted`: a login found the account the keyring vouches for (login.ts accountVerified).
  // `checkedOn`: the day of the quick check this file is known to have passed (check-stamp.ts).
  let state: { opened: OpenedDb; dispatcher: Dispatcher; trusted: boolean; checkedOn: string | null } | null = null;

  function open(master: Buffer): { opened: OpenedDb; dispatcher: Dispatcher } {
    if (state) return state;
    const untouched = checkedTodayAndUntouched(opts.dbFile, now());
    const opened = openDatabase({
      file: opts.dbFile, migrationsFolder: opts.migrationsFolder, key: master, quickCheck: opts.readOnlyCall || untouched ? 'never' : 'always',
    });
    const system = systemActor(opened.db);
    const dispatcher = createDispatcher({
      db: opened.db, sqlite: opened.sqlite, actor: () => system, now, security: { vault, sessions },
      ...(opts.checkOutput === undefined ? {} : { checkOutput: opts.checkOutput }),
      ...(opts.logError ? { logError: opts.logError } : {}),
    });
    state = { opened, dispatcher, trusted: false, checkedOn: opened.quickChecked ? now().toISOString().slice(0, 10) : untouched };
    // Failed attempts made while the database was closed reach the audit log now.
    for (const e of vault.takePending())
      dispatcher.record(e.operation, { kind: 'user', id: 'unknown', name: e.username }, { entity: 'user', after: { username: e.username, reason: e.reason } }, 'failed', e.at);
    return state;
  }

  // One automatic backup a day, taken at the first login of the day: only after that open's
  // quick check passed and the login found its account (a damaged file is never backed up).
  function accountVerified(): void {
    if (!state || state.trusted) return;
    state.trusted = true;
    if (!opts.readOnlyCall && state.opened.quickChecked) dailyBackup(state.opened, now());
  }

  function dailyBackup(opened: OpenedDb, at: Date): void {
    if (!vault.isSetUp()) return;
    const folder = backupDir(opts.dbFile);
    const today = at.toISOString().slice(0, 10);
    if (listBackups(folder).some((b) => b.kind === 'auto' && b.createdAt.startsWith(today))) return;
    try {
      writeBackup(opened.sqlite, opts.dbFile, folder, 'auto', at);
      rotateBackups(folder, KEEP_AUTO_BACKUPS);
    } catch (e) {
      opts.logError?.('backup.auto', e);
    }
  }

  function closeDb(withExitBackup: boolean): void {
    if (!state) return;
    // At most one exit backup a day, never for a read-only call or an untrusted (damaged) file.
    const today = now().toISOString().slice(0, 10);
    const worthIt = withExitBackup && vault.isSetUp() && state.trusted && !opts.readOnlyCall &&
      !listBackups(backupDir(opts.dbFile)).some((b) => b.kind === 'exit' && b.createdAt.startsWith(today));
    if (worthIt) {
      try {
        writeBackup(state.opened.sqlite, opts.dbFile, backupDir(opts.dbFile), 'exit', now());
        rotateBackups(backupDir(opts.dbFile), KEEP_AUTO_BACKUPS);
      } catch (e) {
        opts.logError?.('backup.exit', e);
      }
    }
    state.opened.close();
    // The file as this program leaves it: the next open today needs no quick check.
    if (state.trusted && state.checkedOn) {
      try {
        writeStamp(opts.dbFile, state.checkedOn);
      } catch (e) {
        opts.logError?.('check.stamp', e);
      }
    }
    state = null;
  }

  function discardNewDatabase(): void {
    state?.opened.close();
    state = null;
    for (const suffix of ['', '-wal', '-shm', '.keys', '.keys.tmp', '.checked']) rmSync(opts.dbFile + suffix, { force: true });
  }

  const deps: LoginDeps = { vault, sessions, now, open, discardNewDatabase, current: () => state, closeDb: () => closeDb(false), accountVerified };
  const sessionOps = loginOps(deps);

  async function dispatch(name: string, input: unknown, sessionId?: string | null): Promise<Envelope<unknown>> {
    try {
      if (Object.hasOwn(sessionOps, name)) {
        const def = contract[name as OpName];
        const parsed = def.input.safeParse(input ?? {});
        if (!parsed.success) return { ok: false, error: zodToError(parsed.error) };
        const data = await sessionOps[name as keyof typeof sessionOps](parsed.data as never, sessionId ?? null);
        return { ok: true, data: def.output.parse(data) };
      }
      if (!Object.hasOwn(contract, name)) return { ok: false, error: { code: 'not_found', message: `未知的操作“${name}”` } };
      const found = sessions.lookup(sessionId, now().getTime(), true);
      if (!found.ok || !state) return { ok: false, error: refusal(found.ok ? 'login_required' : found.reason) };
      if (found.session.mustChangePassword && !WHILE_MUST_CHANGE.has(name))
        return { ok: false, error: refusal('password_change_required') };
      return await state.dispatcher.dispatch(name, input, actorOf(found.session));
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toBody() };
      if (e instanceof DbOpenError)
        return { ok: false, error: { code: 'internal', message: e.message, ...(RESTORABLE.has(e.code) ? { reason: 'database_damaged' as const } : {}) } };
      opts.logError?.(name, e);
      return { ok: false, error: { code: 'internal', message: '系统内部错误，操作未完成，数据未作修改。' } };
    }
  }

  return {
    dispatch,
    current: () => state,
    close: () => closeDb(true),
  };
}

export function actorOf(s: Session): Actor {
  return { kind: 'user', id: s.userId, name: s.displayName, role: s.role, orgScopeId: s.orgScopeId, sessionId: s.id };
}

function refusal(reason: 'login_required' | 'session_locked' | 'password_change_required'): ErrorBody {
  const message = {
    login_required: '请先登录',
    session_locked: '因闲置已锁定，请输入密码解锁',
    password_change_required: '首次登录或密码被重设，请先修改密码',
  }[reason];
  return { code: 'forbidden', message, reason };
}
