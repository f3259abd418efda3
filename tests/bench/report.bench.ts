import { localIsoDate } from '../../core/roster/dates.ts';
import { runReport } from '../../core/report/compute.ts';
import type { Actor } from '../../core/context.ts';
import { removeDir } from '../helpers/app.ts';
import { demoDatabase, header, measure } from './bench-util.ts';

// Issue 17 §8: the 队伍结构 table for 20,000 people in 150 communities, and the county home
// page, each under 300 ms.
const { dir, opened, dispatcher, ok, county } = await demoDatabase(20_000, 150);
const today = localIsoDate(new Date());
const input = { name: 'composition', orgId: county.id, asOf: today };
const countyUser: Actor = { kind: 'user', id: 'bench-reviewer', name: '县级审核员', role: 'reviewer', orgScopeId: county.id };
const ctx = { db: opened.db, sqlite: opened.sqlite, actor: countyUser, now: () => new Date(), security: null };

const r = await ok('report.run', input);
const total = r.rows.find((x: { key: string }) => x.key === 'total').cells.total;
if (total !== 20_000 || r.rows.filter((x: { level: string }) => x.level === 'community').length !== 150) throw new Error('unexpected composition');

header('队伍结构 (composition), 20,000 people, 15 streets, 150 communities');
// The floor on this machine at this moment: reading the same people once, no computation
// (roster.bench's "ceiling" statement; docs/benchmarks.md has it at ~250 ms on a quiet machine).
const raw = opened.sqlite.prepare('SELECT p.*, o.name AS org_name FROM people p JOIN org_units o ON o.id = p.org_id WHERE p.deleted_at IS NULL AND p.status = ?');
await measure('floor: one raw SELECT of the 20,000 people (no computation)', 7, () => raw.all('在岗'));
await measure('report.run through the dispatcher (output schema-checked)', 7, () => ok('report.run', input));
await measure('runReport() core function only', 7, () => runReport(ctx, input));
await measure('report.run with a comparison date (two passes)', 5, () => ok('report.run', { ...input, compareAsOf: '2020-01-01' }));
await measure('report.drill, 合计 × 本科及以上', 5, () => ok('report.drill', { ...input, rowKey: 'total', column: 'hiBachelor' }));
await measure('report.export (.xlsx)', 3, () => ok('report.export', input));
await measure('report.run 两委 form (committee)', 5, () => ok('report.run', { ...input, name: 'committee' }));

header('County home page (county-scoped reviewer)');
const home = async () => {
  const env = await dispatcher.dispatch('home.get', {}, countyUser);
  if (!env.ok) throw new Error(env.error.message);
  return env.data;
};
if ((await home() as { view: string }).view !== 'county') throw new Error('expected the county view');
await measure('home.get, county view (headline figures, training, waiting items)', 7, home);

opened.close();
removeDir(dir);
