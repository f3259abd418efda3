import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../core/context.ts';
import { coopFigures } from '../../core/ledger/coop/figures.ts';
import { removeDir } from '../helpers/app.ts';
import { demoDatabase, header, measure } from './bench-util.ts';

// The 共建/网格 figure provider at county scale: 150 communities × 5 years, each community
// with 38 units, 34 agreements, 4 joint meetings and 33 activities a year, 4 teams, 21 grids
// and 60 双报到 registrations (the 商南县 per-community density, 21× the communities).
const COMMUNITIES = 150;
const YEARS = [2022, 2023, 2024, 2025, 2026];

const { dir, opened, dispatcher, ok, county } = await demoDatabase(3000, COMMUNITIES);
const sqlite = opened.sqlite;
const communities = (sqlite.prepare(`SELECT id FROM org_units WHERE level = 'community'`).all() as { id: string }[]).map((r) => r.id);
const allOrgs = (sqlite.prepare(`SELECT id FROM org_units`).all() as { id: string }[]).map((r) => r.id);

const started = performance.now();
const counts = { units: 0, agreements: 0, meetings: 0, activities: 0, teams: 0, grids: 0, registrations: 0 };
sqlite.transaction(() => {
  const now = new Date().toISOString();
  const stamp = [now, now, 1] as const;
  const unit = sqlite.prepare(`INSERT INTO coop_units (id, org_id, created_at, updated_at, change_seq, name, kind, space_m2, squares, facilities) VALUES (?, ?, ?, ?, ?, ?, '机关', 20, 0, 1)`);
  const agreement = sqlite.prepare(`INSERT INTO coop_agreements (id, org_id, created_at, updated_at, change_seq, unit_id, title, signed_date, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, '协议', ?, ?, ?)`);
  const meeting = sqlite.prepare(`INSERT INTO coop_meetings (id, org_id, created_at, updated_at, change_seq, date, host_unit_id, attendees, topics, follow_ups) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', '[]', '[]')`);
  const activity = sqlite.prepare(`INSERT INTO coop_activities (id, org_id, created_at, updated_at, change_seq, date, title, unit_ids, team_ids, participants, problems_solved, order_refs) VALUES (?, ?, ?, ?, ?, ?, '活动', '[]', '[]', 20, ?, '[]')`);
  const team = sqlite.prepare(`INSERT INTO coop_teams (id, org_id, created_at, updated_at, change_seq, name, categories, members) VALUES (?, ?, ?, ?, ?, '服务队', '[]', '[]')`);
  const grid = sqlite.prepare(`INSERT INTO grid_areas (id, org_id, created_at, updated_at, change_seq, name, households, worker_person_ids) VALUES (?, ?, ?, ?, ?, ?, 200, '[]')`);
  const reg = sqlite.prepare(`INSERT INTO grid_registrations (id, org_id, created_at, updated_at, change_seq, kind, name, work_unit, categories, registered_date) VALUES (?, ?, ?, ?, ?, '在职党员', '党员', '单位', '[]', ?)`);
  for (const c of communities) {
    const units: string[] = [];
    for (let u = 0; u < 38; u++, counts.units++) unit.run(units[units.push(randomUUID()) - 1], c, ...stamp, `单位${u}`);
    for (let t = 0; t < 4; t++, counts.teams++) team.run(randomUUID(), c, ...stamp);
    for (let g = 0; g < 21; g++, counts.grids++) grid.run(randomUUID(), c, ...stamp, `第${g + 1}网格`);
    for (const y of YEARS) {
      for (let a = 0; a < 34; a++, counts.agreements++) agreement.run(randomUUID(), c, ...stamp, units[a], `${y}-01-05`, `${y}-01-01`, `${y}-12-31`);
      for (let q = 0; q < 4; q++, counts.meetings++) meeting.run(randomUUID(), c, ...stamp, `${y}-${String(q * 3 + 1).padStart(2, '0')}-20`, units[q]);
      for (let a = 0; a < 33; a++, counts.activities++) activity.run(randomUUID(), c, ...stamp, `${y}-${String((a % 12) + 1).padStart(2, '0')}-${String((a % 28) + 1).padStart(2, '0')}`, a % 3 === 0 ? 1 : 0);
      for (let r = 0; r < 12; r++, counts.registrations++) reg.run(randomUUID(), c, ...stamp, `${y}-03-01`);
    }
  }
})();
sqlite.exec('ANALYZE');
console.log(`seeded ${JSON.stringify(counts)} in ${Math.round(performance.now() - started)} ms`);

const ctx: Ctx = { db: opened.db, sqlite, actor: { kind: 'system', id: 'bench', name: 'bench' }, now: () => new Date(), security: null };
const year = { from: '2026-01-01', to: '2026-12-31' };
header(`共建/网格 figures, ${COMMUNITIES} communities × ${YEARS.length} years`);
let f: ReturnType<typeof coopFigures> = {};
await measure(`coopFigures, county only, one year`, 20, () => (f = coopFigures(ctx, [county.id], year)));
console.log(`county figures: ${JSON.stringify(f[county.id])}`);
await measure(`coopFigures, all ${allOrgs.length} org units (county, streets, communities), one year`, 20, () => coopFigures(ctx, allOrgs, year));
await measure(`coopFigures, all org units, five years`, 20, () => coopFigures(ctx, allOrgs, { from: '2022-01-01', to: '2026-12-31' }));
await measure(`ledger.coopOverview (county and its streets) through the dispatcher`, 20, () => ok('ledger.coopOverview', { orgId: county.id, ...year }));
await measure(`ledger.coop.agreements.list, whole county (${counts.agreements} agreements)`, 5, () => ok('ledger.coop.agreements.list', { orgId: county.id }));
void dispatcher;
opened.close();
removeDir(dir);
