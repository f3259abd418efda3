import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type OpenedDb } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { createDispatcher, type Dispatcher } from '../../core/dispatch.ts';
import { systemActor } from '../../core/installation.ts';
import type { OpInput, OpName, OpOutput } from '../../core/contract/index.ts';

export interface TestApp {
  dir: string;
  dbFile: string;
  opened: OpenedDb;
  dispatcher: Dispatcher;
  /** Calls an operation and returns its data, throwing with the Chinese message on an error envelope. */
  ok<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>>;
  /** Reopens the same file, as a restart would. */
  reopen(): TestApp;
  close(): void;
}

export function tempDir(prefix = 'jiceng-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real SQLite file in a fresh temp folder, migrated, with a dispatcher over it. */
export function openTestApp(opts: { dir?: string; now?: () => Date } = {}): TestApp {
  const dir = opts.dir ?? tempDir();
  const dbFile = join(dir, 'test.db');
  const opened = openDatabase({ file: dbFile, migrationsFolder: sourceMigrationsFolder, key: null });
  const actor = systemActor(opened.db);
  const dispatcher = createDispatcher({ db: opened.db, sqlite: opened.sqlite, actor: () => actor, ...(opts.now ? { now: opts.now } : {}) });
  const app: TestApp = {
    dir, dbFile, opened, dispatcher,
    async ok(name, input) {
      const env = await dispatcher.call(name, input);
      if (!env.ok) throw new Error(`${name} failed: ${env.error.code} ${env.error.message}`);
      return env.data;
    },
    reopen() {
      opened.close();
      return openTestApp({ dir, ...(opts.now ? { now: opts.now } : {}) });
    },
    close() {
      if (opened.sqlite.open) opened.close();
    },
  };
  return app;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** County → street → community, the minimum tree a roster needs. */
export async function seedOrgTree(app: TestApp) {
  const county = await app.ok('org.create', { level: 'county', name: '秦都区', code: '610402000000' });
  const street = await app.ok('org.create', { level: 'street', parentId: county.id, name: '人民路街道', code: '610402001000' });
  const community = await app.ok('org.create', { level: 'community', parentId: street.id, name: '新城社区', code: '610402001001' });
  return { county, street, community };
}
