import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { seedLedgerDemo } from '../../core/demo/ledger-lists.ts';
import { checkRecord, sharedTables } from '../../core/bundle/tables.ts';

const opened: TestApp[] = [];
afterEach(() => {
  for (const a of opened.splice(0)) {
    a.close();
    removeDir(a.dir);
  }
});

describe('台账 demo data', () => {
  it('has 620 closed orders, monthly tasks and quarterly lists that obey the rules, and the county view shows them', async () => {
    const app = openTestApp({ now: () => new Date('2026-11-30T04:00:00Z') });
    opened.push(app);
    const out = app.dispatcher.transact('test.demo', (tx) => {
      seedDemo(tx, generateDemo({ communities: 7, people: 70, today: tx.today }));
      return seedLedgerDemo(tx, { today: tx.today, years: 2, closedOrders: 620 });
    });
    expect(out.tasks).toBe(23);
    const sql = app.opened.sqlite;
    const one = (q: string) => Object.values(sql.prepare(q).get() as Record<string, number>)[0];
    expect(one(`SELECT count(*) FROM ledger_orders WHERE status = '已销号'`)).toBe(620);
    expect(one(`SELECT count(*) FROM ledger_orders WHERE status = '已销号' AND (feedback IS NULL OR rating IS NULL OR closed_on IS NULL)`)).toBe(0);
    expect(one(`SELECT count(*) FROM ledger_orders WHERE due_date < registered_on OR closed_on < registered_on OR closed_on > '2026-11-30' OR registered_on > '2026-11-30'`)).toBe(0);
    expect(one(`SELECT count(*) FROM ledger_items WHERE deadline < registered_on OR closed_on < registered_on OR closed_on > '2026-11-30'`)).toBe(0);
    expect(one(`SELECT count(*) FROM ledger_task_reports r JOIN ledger_tasks t ON t.id = r.task_id WHERE r.reported_on < t.issued_on OR r.reported_on > '2026-11-30'`)).toBe(0);
    expect(one(`SELECT count(*) FROM ledger_order_steps WHERE step = '销号'`)).toBe(620);
    // Every row passes the same check a received bundle record must pass.
    for (const t of sharedTables().filter((x) => x.name.startsWith('ledger_')))
      for (const { origin, ...r } of app.opened.db.select().from(t.table).all() as Record<string, unknown>[]) {
        // `origin` is local bookkeeping, never on the wire.
        expect(origin).toBeNull();
        expect(checkRecord(t, r)).toEqual([]);
      }
    const view = await app.ok('ledger.overview', { from: '2025-01-01', to: '2026-12-31' });
    expect(view.rows[0]!.figures.ordersClosed).toBe(620);
    expect(view.rows[0]!.figures.tasksAssigned).toBe(23 * 7);
    expect(view.rows.filter((r) => r.level === 'community')).toHaveLength(7);
  });
});
