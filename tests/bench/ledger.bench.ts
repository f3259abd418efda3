import { localIsoDate } from '../../core/roster/dates.ts';
import { seedLedgerDemo } from '../../core/demo/ledger-lists.ts';
import { removeDir } from '../helpers/app.ts';
import { demoDatabase, header, measure } from './bench-util.ts';

// The county view (ledger.overview) over 150 communities × 5 years of lists and orders: a
// task every month to every community with its reports, 4–6 list items per community per
// quarter, and 40 orders per community per year with their 7-step timelines.
const COMMUNITIES = 150;
const YEARS = 5;
const ORDERS_PER_COMMUNITY_YEAR = 40;

const { dir, opened, dispatcher, ok, county } = await demoDatabase(1500, COMMUNITIES);
const today = localIsoDate(new Date());
const seedStarted = performance.now();
const seeded = dispatcher.transact('bench.ledger', (tx) =>
  seedLedgerDemo(tx, { today, years: YEARS, closedOrders: COMMUNITIES * YEARS * ORDERS_PER_COMMUNITY_YEAR }),
);
console.log(`seeded ${JSON.stringify(seeded)} in ${Math.round(performance.now() - seedStarted)} ms`);

const y = Number(today.slice(0, 4));
const all = { from: `${y - YEARS + 1}-01-01`, to: `${y}-12-31` };
header(`ledger.overview, ${COMMUNITIES} communities × ${YEARS} years (${seeded.orders} orders, ${seeded.items} list items, ${seeded.reports} task reports)`);
await measure('ledger.overview, whole county, 5 years', 5, async () => {
  const r = await ok('ledger.overview', all);
  if (r.rows.filter((x: { level: string }) => x.level === 'community').length !== COMMUNITIES) throw new Error('rows');
});
await measure('ledger.overview, whole county, current year', 5, () => ok('ledger.overview', { from: `${y}-01-01`, to: `${y}-12-31` }));
const street = opened.sqlite.prepare(`SELECT id FROM org_units WHERE level = 'street' LIMIT 1`).get() as { id: string };
await measure('ledger.overview, one street, 5 years', 5, () => ok('ledger.overview', { ...all, orgId: street.id }));
await measure('ledger.overview.export (.xlsx), whole county, 5 years', 3, () => ok('ledger.overview.export', all));
await measure('ledger.orders.list, overdue only, whole county', 5, () => ok('ledger.orders.list', { orgId: county.id, overdueOnly: true }));
await measure('ledger.tasks.list, whole county, current year', 5, () => ok('ledger.tasks.list', { orgId: county.id, year: y }));

opened.close();
removeDir(dir);
