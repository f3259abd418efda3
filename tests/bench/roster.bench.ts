import { join } from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { createDispatcher } from '../../core/dispatch.ts';
import { systemActor } from '../../core/installation.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { header, measure } from './bench-util.ts';

const dir = tempDir('jiceng-bench-');
const file = join(dir, 'bench.db');
const today = localIsoDate(new Date());

header('Database open');
await measure('open + migrate, new file', 5, () => {
  const f = join(dir, `fresh-${Math.random()}.db`);
  openDatabase({ file: f, migrationsFolder: sourceMigrationsFolder, key: null }).close();
});

const opened = openDatabase({ file, migrationsFolder: sourceMigrationsFolder, key: null });
const actor = systemActor(opened.db);
const make = (checkOutput: boolean) => createDispatcher({ db: opened.db, sqlite: opened.sqlite, actor: () => actor, checkOutput });
const dispatcher = make(true);
dispatcher.transact('bench.seed', (tx) => seedDemo(tx, generateDemo({ communities: 150, people: 20_000, today })));
opened.close();
await measure('open + migrate, existing 20,000-person file', 5, () => openDatabase({ file, migrationsFolder: sourceMigrationsFolder, key: null }).close());

const db = openDatabase({ file, migrationsFolder: sourceMigrationsFolder, key: null });
const d = createDispatcher({ db: db.db, sqlite: db.sqlite, actor: () => actor });
const unchecked = createDispatcher({ db: db.db, sqlite: db.sqlite, actor: () => actor, checkOutput: false });
header('roster.list over 20,000 people');
await measure('roster.list (dispatcher, output checked)', 5, async () => {
  const r = await d.call('roster.list', {});
  if (!r.ok || r.data.rows.length !== 20_000) throw new Error('unexpected list');
});
await measure('roster.list (dispatcher, output not checked)', 5, () => unchecked.call('roster.list', {}));
await measure('roster.list with query "王"', 5, () => d.call('roster.list', { query: '王' }));
const raw = db.sqlite.prepare('SELECT p.*, o.name AS org_name FROM people p JOIN org_units o ON o.id = p.org_id WHERE p.deleted_at IS NULL AND p.status = ? ORDER BY o.code, p.name');
await measure('ceiling: one raw prepared statement, same rows', 5, () => raw.all('在岗'));

header('Writes');
const org = (await d.call('org.tree', {})) as { ok: true; data: { id: string; level: string }[] };
const communityId = org.data.find((u) => u.level === 'community')!.id;
let n = 0;
await measure('1,000 roster.create through the dispatcher (one transaction each, synchronous=FULL)', 1, async () => {
  for (let i = 0; i < 1000; i++) {
    const r = await d.call('roster.create', {
      orgId: communityId, name: `测试${n++}`, gender: '男', ethnicity: '汉族', birthDate: '1985-03-01',
      politicalStatus: '群众', postCategory: '其他', posts: ['网格员'],
    });
    if (!r.ok) throw new Error(r.error.message);
  }
});
db.close();
removeDir(dir);
