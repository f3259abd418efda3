import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { generateDemo } from '../../core/demo/generate.ts';
import { seedDemo } from '../../core/demo/seed.ts';
import { scopedActor } from '../guard/world.ts';
import type { Actor } from '../../core/context.ts';

// A block deep in the default order is found by skipping whole units by their counts
// (core/roster/list-page.ts skipUnits) instead of walking every row before it. Whatever the
// offset, filter or scope, the block must be exactly that slice of the whole list, with the
// same total.

let app: TestApp;
let streetId: string;
let countyId: string;
const COLUMNS = ['name', 'status', 'orgName', 'age'];

beforeAll(() => {
  app = openTestApp({ now: () => new Date('2026-11-27T09:00:00+08:00') });
  app.dispatcher.transact('test.demo', (tx) => seedDemo(tx, generateDemo({ communities: 12, people: 3000, today: '2026-11-27', seed: 7 })));
  countyId = (app.opened.sqlite.prepare("SELECT id FROM org_units WHERE level = 'county'").get() as { id: string }).id;
  streetId = (app.opened.sqlite.prepare("SELECT id FROM org_units WHERE level = 'street' ORDER BY code LIMIT 1").get() as { id: string }).id;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

async function call<T>(op: string, input: object, actor?: Actor): Promise<T> {
  const env = actor ? await app.dispatcher.call(op as never, input as never, actor) : await app.dispatcher.dispatch(op, input);
  if (!env.ok) throw new Error(env.error.message);
  return env.data as T;
}
type Page = { rows: { id: string }[]; total: number };

/** Every deep block of `input` equals the slice of roster.list (same order) at its offset. */
async function expectSlices(input: { status: string; orgId?: string; notContains?: string }, actor?: Actor) {
  const { notContains, ...filter } = input;
  const listed = (await call<{ rows: { id: string; name: string; orgName: string }[] }>('roster.list', filter, actor)).rows;
  const whole = notContains ? listed.filter((r) => !r.name.includes(notContains)) : listed;
  const ids = whole.map((r) => r.id);
  // Deep enough for the skip (from row 1,000), across several units.
  expect(ids.length).toBeGreaterThan(1100);
  expect(new Set(whole.slice(1000).map((r) => r.orgName)).size).toBeGreaterThan(2);
  const filters = notContains ? [{ column: 'name', join: 'AND', conditions: [{ type: 'notContains', value: notContains }] }] : [];
  for (const offset of [999, 1000, 1001, 1099, 1500, 1777, ids.length - 100, ids.length - 37, ids.length - 1, ids.length, ids.length + 50]) {
    const block = await call<Page>('roster.page', { ...filter, filters, columns: COLUMNS, offset, limit: 100 }, actor);
    expect(block.rows.map((r) => r.id), `offset ${offset}`).toEqual(ids.slice(offset, offset + 100));
    expect(block.total, `total at offset ${offset}`).toBe(ids.length);
  }
}

describe('deep blocks in the default order', () => {
  it('are the slice of the whole list at every offset, across unit boundaries', async () => {
    await expectSlices({ status: 'all' });
  });

  it('hold with the status, a unit subtree and a column filter', async () => {
    await expectSlices({ status: '在岗' });
    await expectSlices({ status: 'all', notContains: '伟' });
    await expectSlices({ status: 'all', orgId: countyId });
  });

  it('keep to the reader’s scope (a street-scoped reviewer)', async () => {
    const all = (await call<{ rows: unknown[] }>('roster.list', { status: 'all' })).rows.length;
    const mine = (await call<{ rows: unknown[] }>('roster.list', { status: 'all' }, scopedActor('reviewer', streetId))).rows.length;
    expect(mine).toBeLessThan(all);
    await expectSlices({ status: 'all' }, scopedActor('reviewer', streetId));
  });
});
