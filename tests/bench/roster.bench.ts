import { join } from 'node:path';
import { openDatabase } from '../../db/open.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { compare, header, measure, quick, rounds } from './bench-util.ts';
import { securedDemo } from './secured.ts';
import { contract } from '../../core/contract/index.ts';

const listOutput = contract['roster.list'].output;

// The roster on an encrypted database, called as a logged-in county-wide 录入员 through the
// runtime (session, access, record guard, output check), each against one raw prepared SELECT
// of the same rows on the same connection.

// Each ceiling with the best plan for it, as roster.list and roster.page plan theirs: the whole
// list by a table scan (the unary + keeps the partial index people_list_idx out), one block by
// walking the units in code order (CROSS JOIN) and each unit's people by index.
const RAW = `SELECT p.*, o.name AS org_name FROM people p JOIN org_units o ON o.id = p.org_id
  WHERE +p.deleted_at IS NULL AND p.status = ? ORDER BY o.code, p.name`;
const RAW_BLOCK = `SELECT p.*, o.name AS org_name FROM org_units o CROSS JOIN people p ON o.id = p.org_id
  WHERE p.deleted_at IS NULL AND p.status = ? ORDER BY o.code, p.name, p.id`;

async function listCase(people: number, n: number) {
  const app = await securedDemo(people, 150);
  const raw = app.sqlite().prepare(RAW);
  const some = app.sqlite().prepare('SELECT id FROM people LIMIT 1 OFFSET ?').get(Math.floor(people / 2)) as { id: string };
  let bytes = 0;
  await compare(`roster.list over ${people.toLocaleString('en')} people (encrypted, logged-in 录入员)`, { label: 'ceiling: one raw prepared SELECT of the same rows', fn: () => raw.all('在岗') }, [
    {
      label: 'roster.list, all, through the runtime', goal: { ratio: 2 },
      // The JSON size is taken once below, outside the timed call: the ceiling serialises nothing either.
      fn: () => app.ok('roster.list', {}),
    },
    // What the output check cost before the compiled checker (core/contract/fast-output.ts):
    // the same call with zod's parse of its answer on top (so slightly more than the old cost).
    { label: 'roster.list + zod parse of its answer (≈ the old output check)', fn: async () => listOutput.parse(await app.ok('roster.list', {})) },
    { label: 'roster.list with query "王"', fn: () => app.ok('roster.list', { query: '王' }) },
    { label: 'roster.get, one person', fn: () => app.ok('roster.get', { id: some.id }) },
  ], n);
  bytes = JSON.stringify(await app.ok('roster.list', {})).length;
  console.log(`\nroster.list JSON: ${(bytes / 1024 / 1024).toFixed(1)} MiB (characters) for ${people.toLocaleString('en')} people`);

  // The grid's request (issue 19, point 2): the default columns, one block of 100 rows, with
  // the count the infinite row model needs; against the same page and count as raw SELECTs.
  const columns = ['name', 'status', 'gender', 'age', 'idNumberMasked', 'posts', 'postCategory', 'phone', 'orgName'] as const;
  const rawPage = app.sqlite().prepare(`${RAW_BLOCK} LIMIT 100 OFFSET ?`);
  const rawCount = app.sqlite().prepare("SELECT count(*) FROM people WHERE deleted_at IS NULL AND status = ?");
  const mid = Math.floor(people / 2);
  // The last block of the in-post list: a drag of the scroll bar to its end.
  const end = (app.sqlite().prepare("SELECT count(*) AS n FROM people WHERE deleted_at IS NULL AND status = '在岗'").get() as { n: number }).n - 100;
  let pageBytes = 0;
  await compare(`roster.page, one grid block of 100 rows over ${people.toLocaleString('en')} people`, {
    label: 'ceiling: raw prepared SELECT of the same 100 rows (all columns) + raw count',
    fn: () => { rawPage.all('在岗', 0); rawCount.get('在岗'); },
  }, [
    {
      label: 'roster.page, first block, default columns', goal: { ratio: 2 },
      fn: () => app.ok('roster.page', { columns, limit: 100 }),
    },
    { label: `roster.page, block at row ${mid.toLocaleString('en')}`, fn: () => app.ok('roster.page', { columns, offset: mid, limit: 100 }) },
    { label: `roster.page, the last block (row ${end.toLocaleString('en')})`, fn: () => app.ok('roster.page', { columns, offset: end, limit: 100 }) },
    { label: 'roster.page, sorted by age, filtered on 职务 contains 主任', fn: () => app.ok('roster.page', { columns, limit: 100, sort: [{ column: 'age', dir: 'desc' }], filters: [{ column: 'posts', conditions: [{ type: 'contains', value: '主任' }] }] }) },
  ], n);
  pageBytes = JSON.stringify(await app.ok('roster.page', { columns, limit: 100 })).length;
  console.log(`\nroster.page JSON: ${(pageBytes / 1024).toFixed(1)} KiB (characters) per block of 100`);
  return app;
}

const app = await listCase(20_000, rounds(7));

header('Writes (20,000-person encrypted database)');
const communityId = (await app.ok('org.tree', {})).find((u: { level: string }) => u.level === 'community').id as string;
let n = 0;
const creates = quick ? 100 : 300;
await measure(`${creates} roster.create as the 录入员 (one transaction and fsync each)`, 1, async () => {
  for (let i = 0; i < creates; i++) {
    await app.ok('roster.create', {
      orgId: communityId, name: `测试${n++}`, gender: '男', ethnicity: '汉族', birthDate: '1985-03-01',
      politicalStatus: '群众', postCategory: '其他', posts: ['网格员'],
    });
  }
});
app.close();
removeDir(app.dir);

header('Database open (plaintext, as the tests open it)');
const dir = tempDir('jiceng-bench-');
await measure('open + migrate, new file', 5, () => {
  openDatabase({ file: join(dir, `fresh-${Math.random()}.db`), migrationsFolder: sourceMigrationsFolder, key: null }).close();
});
removeDir(dir);

if (!quick) {
  const big = await listCase(100_000, 5);
  big.close();
  removeDir(big.dir);
}
