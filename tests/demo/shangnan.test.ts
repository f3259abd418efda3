import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHANGNAN_FIGURES, seedShangnanLedgers } from '../../core/demo/ledger-coop.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { generateShangnan } from '../../core/demo/shangnan.ts';
import { addDays, quarterOf, quarterStart } from '../../core/ledger/coop/dates.ts';
import { coopFigures } from '../../core/ledger/coop/figures.ts';
import { localIsoDate } from '../../core/roster/dates.ts';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';

// The demo county reproduces the source article's figures through the figure provider.

let app: TestApp;
const now = new Date('2026-11-27T09:00:00+08:00');
const today = localIsoDate(now);
beforeAll(() => {
  app = openTestApp({ now: () => now });
  app.dispatcher.transact('test.demo', (tx) => {
    seedDemo(tx, generateShangnan({ people: 140, today }));
    return seedShangnanLedgers(tx);
  });
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const orgId = (code: string) => (app.opened.sqlite.prepare('SELECT id FROM org_units WHERE code = ?').get(code) as { id: string }).id;

describe('商南县 demo county', () => {
  it('has the county, its streets and 7 communities with 12-digit codes under 611021', () => {
    const rows = app.opened.sqlite.prepare('SELECT level, code FROM org_units ORDER BY code').all() as { level: string; code: string }[];
    expect(rows.filter((r) => r.level === 'community')).toHaveLength(7);
    for (const r of rows) expect(r.code).toMatch(/^611021\d{6}$/);
  });

  it('produces the source article\'s figures for the ledger year through coopFigures', () => {
    const county = orgId('611021000000');
    const from = quarterStart(quarterOf(addDays(quarterStart(quarterOf(today)), -255)));
    const f = coopFigures({ db: app.opened.db, sqlite: app.opened.sqlite, actor: { kind: 'system', id: 't', name: 't' }, now: () => now, security: null }, [county], { from, to: today })[county]!;
    expect(f).toMatchObject(SHANGNAN_FIGURES);
    expect(f.problemsSolved).toBeGreaterThanOrEqual(70);
    expect(f.dualMembers).toBe(385);
  });

  it('shows the same figures on the county’s 台账总览, beside the orders and tasks of part A', async () => {
    const county = orgId('611021000000');
    const from = quarterStart(quarterOf(addDays(quarterStart(quarterOf(today)), -255)));
    const overview = await app.ok('ledger.overview', { orgId: county, from, to: today });
    const row = overview.rows.find((r) => r.orgId === county)!;
    expect(row.figures).toMatchObject(SHANGNAN_FIGURES);
    // Counted once: the overview sums each unit's own records up the tree, so a provider that
    // already answered subtrees would show twice the article's figures here.
    const communities = overview.rows.filter((r) => r.level === 'community');
    expect(communities.reduce((a, r) => a + (r.figures.grids ?? 0), 0)).toBe(row.figures.grids);
    expect(overview.columns.map((c) => c.key)).toEqual(expect.arrayContaining(['ordersClosed', 'agreementsInForce', 'grids']));
  });

  it('lists the 12 training classes and 5 phases of the 书记讲堂', async () => {
    expect((await app.ok('training.classes.list', {})).rows).toHaveLength(12);
    const series = (await app.ok('training.series.list', {})).rows;
    expect(series.map((s) => [s.name, s.sessionCount])).toEqual([['书记讲堂', 5]]);
  });

  it('leaves no agreement with an overdue quarterly report and no meeting with a warning', async () => {
    expect((await app.ok('ledger.coop.agreements.list', {})).rows.filter((a) => a.overdue)).toEqual([]);
    expect((await app.ok('ledger.coop.meetings.list', {})).rows.flatMap((m) => m.warnings)).toEqual([]);
  });
});

describe('台账工作统计 (report "ledger") on the demo county', () => {
  it('counts what the raw tables hold for the year, and each cell drills down to its records', async () => {
    const county = orgId('611021000000');
    const year = Number(today.slice(0, 4));
    const r = await app.ok('report.run', { name: 'ledger', orgId: county, asOf: today });
    const total = r.rows.find((x) => x.level === 'total')!;
    const raw = (sql: string, ...args: string[]) => (app.opened.sqlite.prepare(sql).get(...(args.length ? args : [`${year}-01-01`, `${year}-12-31`])) as { n: number }).n;
    expect(total.cells.activities).toBe(raw('SELECT count(*) n FROM coop_activities WHERE deleted_at IS NULL AND date BETWEEN ? AND ?'));
    expect(total.cells.problems).toBe(raw('SELECT total(problems_solved) n FROM coop_activities WHERE deleted_at IS NULL AND date BETWEEN ? AND ?'));
    expect(total.cells.ordersClosed).toBe(raw('SELECT count(*) n FROM ledger_orders WHERE deleted_at IS NULL AND closed_on IS NOT NULL AND registered_on BETWEEN ? AND ?'));
    expect(total.cells.agreements).toBe(raw('SELECT count(*) n FROM coop_agreements WHERE deleted_at IS NULL AND start_date <= ? AND end_date >= ?', `${year}-12-31`, `${year}-01-01`));
    expect(Number(total.cells.activities)).toBeGreaterThan(0);
    const community = r.rows.find((x) => x.level === 'community' && Number(x.cells.activities) > 0)!;
    const drill = await app.ok('report.drill', { name: 'ledger', orgId: county, asOf: today, rowKey: community.key, column: 'activities' });
    expect(drill.rows).toHaveLength(Number(community.cells.activities));
  });
});
