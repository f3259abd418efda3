import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import type { Role } from '../../core/security/roles.ts';
import { tempDir } from './app.ts';

export const ADMIN_PASSWORD = 'Guanli-Pass-2026!';
export const USER_PASSWORD = 'User-Pass-2026!';

/** A mutable clock so tests can move time forward (idle lock, lockout expiry). */
export function testClock(start = '2026-11-27T09:00:00+08:00') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advanceMinutes: (m: number) => (t += m * 60_000) };
}

export interface SecuredApp {
  dir: string;
  dbFile: string;
  runtime: Runtime;
  clock: ReturnType<typeof testClock>;
  adminSession: string;
  orgId: string;
  call(op: string, input: unknown, session?: string | null): Promise<any>;
  /** Data of an ok envelope, or throws with the error. */
  ok(op: string, input: unknown, session?: string | null): Promise<any>;
  /** Creates an account of `role`, changes its first password and returns a session. */
  sessionAs(role: Role, username?: string): Promise<string>;
  restart(): void;
  close(): void;
}

export async function setUpSecured(opts: { dir?: string } = {}): Promise<SecuredApp> {
  const dir = opts.dir ?? tempDir('jiceng-sec-');
  const dbFile = join(dir, 'ledger.db');
  const clock = testClock();
  const make = () => createRuntime({ dbFile, migrationsFolder: sourceMigrationsFolder, now: clock.now });
  const app: SecuredApp = {
    dir, dbFile, clock, runtime: make(), adminSession: '', orgId: '',
    call: (op, input, session = app.adminSession) => app.runtime.dispatch(op, input, session),
    async ok(op, input, session) {
      const env = await app.call(op, input, session);
      if (!env.ok) throw new Error(`${op}: ${env.error.code} ${env.error.message}`);
      return env.data;
    },
    async sessionAs(role, username = `u${role}`) {
      const first = `First-${role}-2026!`;
      await app.ok('users.create', { username, displayName: `测试${role}`, role, initialPassword: first }, app.adminSession);
      const s = (await app.ok('auth.login', { username, password: first }, null)).sessionId as string;
      await app.ok('auth.changePassword', { oldPassword: first, newPassword: USER_PASSWORD }, s);
      return s;
    },
    restart() {
      app.runtime.close();
      app.runtime = make();
    },
    close: () => app.runtime.close(),
  };
  const setup = await app.call('setup.init', {
    orgs: [
      { level: 'county', name: '秦都区', code: '610402000000' },
      { level: 'street', name: '人民路街道', code: '610402001000' },
      { level: 'community', name: '新城社区', code: '610402001001' },
    ],
    admin: { username: 'admin', displayName: '管理员', password: ADMIN_PASSWORD },
  }, null);
  if (!setup.ok) throw new Error(setup.error.message);
  app.orgId = setup.data.orgId;
  app.adminSession = (await app.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD }, null)).sessionId;
  return app;
}
