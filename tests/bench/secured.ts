import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { insertUser } from '../../core/security/users.ts';
import { tempDir } from '../helpers/app.ts';

export const BENCH_USER = 'luru';
export const BENCH_PASSWORD = 'Cesu-Pass-2026!';

export interface SecuredBench {
  dir: string;
  dbFile: string;
  runtime: Runtime;
  session: string;
  /** Data of an ok envelope, called as the logged-in county clerk; throws on an error envelope. */
  ok(op: string, input: unknown): Promise<any>;
  /** The raw SQLite handle of the open (encrypted) database, for ceilings. */
  sqlite(): import('better-sqlite3').Database;
  /** Closes without the exit backup's cost mattering to anyone: benches close once, at the end. */
  close(): void;
}

/**
 * What a user has: an encrypted database (keyed open through the login), a demo county of
 * `people` in `communities`, and a county-wide 录入员 logged in through `auth.login`, so every
 * measured call pays for sessions, access checks and the record guard as the UI's calls do.
 */
export async function securedDemo(people: number, communities = 150, dir = tempDir('jiceng-bench-sec-')): Promise<SecuredBench> {
  const dbFile = join(dir, 'bench.db');
  const runtime = createRuntime({ dbFile, migrationsFolder: sourceMigrationsFolder });
  const data = generateDemo({ communities, people, today: localIsoDate(new Date()) });
  const county = data.orgs[0]!;
  const setup = await runtime.dispatch('setup.init', {
    orgs: [{ level: county.level, name: county.name, code: county.code }],
    admin: { username: 'admin', displayName: '系统管理员', password: BENCH_PASSWORD },
  });
  if (!setup.ok) throw new Error(setup.error.message);
  runtime.current()!.dispatcher.transact('bench.seed', (tx) => {
    seedDemo(tx, data);
    insertUser(tx, { username: BENCH_USER, displayName: '测速录入员', role: 'clerk', orgScopeId: null, password: BENCH_PASSWORD, mustChange: false }, 'password');
  });
  const login = await runtime.dispatch('auth.login', { username: BENCH_USER, password: BENCH_PASSWORD });
  if (!login.ok) throw new Error(login.error.message);
  const session = (login.data as { sessionId: string }).sessionId;
  return {
    dir, dbFile, runtime, session,
    async ok(op, input) {
      const env = await runtime.dispatch(op, input, session);
      if (!env.ok) throw new Error(`${op}: ${env.error.code} ${env.error.message}`);
      return env.data;
    },
    sqlite: () => runtime.current()!.opened.sqlite,
    close: () => runtime.close(),
  };
}
