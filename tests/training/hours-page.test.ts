import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.ts';
import { pagingStats } from '../../core/paging/computed.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { attend, classInput, newApp, personInput, seedTraining } from './fixture.ts';

let app: TestApp;
let s: Awaited<ReturnType<typeof seedTraining>>;

beforeEach(async () => {
  app = newApp();
  s = await seedTraining(app);
  // A few more people so that blocks and sorts have something to do.
  for (let i = 0; i < 7; i++) await app.ok('roster.create', personInput(i % 2 ? s.community.id : s.second.id, `李${'甲乙丙丁戊己庚'[i]}`, i + 4, ['网格员']));
  const cls = await app.ok('training.classes.create', classInput(s.county.id));
  await attend(app, { classId: cls.id }, [s.secretary.id, s.worker.id]);
  const street = await app.ok('training.classes.create', classInput(s.street.id, { name: '街道专题', category: '专题培训', level: '街道', startDate: '2026-06-01', endDate: '2026-06-01', hours: 6 }));
  await attend(app, { classId: street.id }, [s.worker.id, s.other.id]);
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const page = (over: Record<string, unknown> = {}) =>
  app.ok('training.hoursPage', { year: 2026, orgId: s.street.id, below: false, startRow: 0, endRow: 100, sort: [], filters: [], ...over } as never);
const names = (r: { rows: { name: string }[] }) => r.rows.map((x) => x.name);

describe('training.hoursPage', () => {
  it('pages concatenated equal the whole list in its order; rowCount and sample come from the whole list', async () => {
    const whole = await app.ok('training.hoursByPerson', { year: 2026, orgId: s.street.id });
    expect(whole.rows.length).toBe(11);
    const blocks = [await page({ startRow: 0, endRow: 4 }), await page({ startRow: 4, endRow: 8 }), await page({ startRow: 8, endRow: 12 })];
    expect(blocks.flatMap((b) => b.rows)).toEqual(whole.rows);
    expect(blocks.map((b) => b.rowCount)).toEqual([11, 11, 11]);
    expect(blocks[2]!.sample).toBe(whole.rows.some((r) => r.sampleRule));
    expect(blocks[2]!.sample).toBe(true);
  });

  it('sorts by hours desc (ties in list order) and by name (code-unit order, as ag-grid did)', async () => {
    const whole = (await app.ok('training.hoursByPerson', { year: 2026, orgId: s.street.id })).rows;
    const byHours = await page({ sort: [{ column: 'hours', dir: 'desc' }] });
    expect(byHours.rows.map((r) => r.hours)).toEqual(whole.map((r) => r.hours).sort((a, b) => b - a));
    expect(byHours.rows[0]!.name).toBe('钱社工');
    const byName = await page({ sort: [{ column: 'name', dir: 'asc' }] });
    expect(names(byName)).toEqual(whole.map((r) => r.name).sort());
    const second = await page({ sort: [{ column: 'hours', dir: 'asc' }, { column: 'name', dir: 'desc' }], startRow: 0, endRow: 3 });
    const zero = whole.filter((r) => r.hours === 0).map((r) => r.name).sort().reverse();
    expect(names(second)).toEqual(zero.slice(0, 3));
  });

  it('filters text, numbers and 达标, and counts the filtered rows', async () => {
    const contains = await page({ filters: [{ column: 'name', kind: 'text', type: 'contains', value: '李' }] });
    expect(contains.rowCount).toBe(7);
    expect(names(contains).every((n) => n.startsWith('李'))).toBe(true);
    const starts = await page({ filters: [{ column: 'orgName', kind: 'text', type: 'startsWith', value: '东风' }] });
    expect(starts.rows.every((r) => r.orgName === '东风社区')).toBe(true);
    expect(starts.rowCount).toBe(5);
    const eq = await page({ filters: [{ column: 'name', kind: 'text', type: 'equals', value: '王书记' }] });
    expect(names(eq)).toEqual(['王书记']);
    const posts = await page({ filters: [{ column: 'posts', kind: 'text', type: 'contains', value: '居委会' }] });
    expect(names(posts)).toEqual(['赵主任']);
    const gt = await page({ filters: [{ column: 'hours', kind: 'number', type: 'greaterThan', value: 10 }] });
    expect(names(gt).sort()).toEqual(['王书记', '钱社工'].sort());
    const lt = await page({ filters: [{ column: 'hours', kind: 'number', type: 'lessThan', value: 1 }] });
    expect(lt.rowCount).toBe(8);
    const numEq = await page({ filters: [{ column: 'hours', kind: 'number', type: 'equals', value: 30 }] });
    expect(names(numEq)).toEqual(['钱社工']);
    const range = await page({ filters: [{ column: 'hours', kind: 'number', type: 'inRange', value: 5, to: 25 }] });
    expect(names(range).sort()).toEqual(['孙网格', '王书记'].sort());
    const both = await page({ filters: [{ column: 'name', kind: 'text', type: 'contains', value: '李' }, { column: 'orgName', kind: 'text', type: 'equals', value: '东风社区' }] });
    expect(both.rowCount).toBe(4);
    const whole = (await app.ok('training.hoursByPerson', { year: 2026, orgId: s.street.id })).rows;
    const notMet = await page({ filters: [{ column: 'met', kind: 'set', values: ['未达标'] }] });
    expect(notMet.rowCount).toBe(whole.filter((r) => r.met === false).length);
    const none = await page({ filters: [{ column: 'met', kind: 'set', values: ['无要求'] }] });
    expect(none.rowCount).toBe(whole.filter((r) => r.met === null).length);
    expect(notMet.rowCount + none.rowCount).toBeLessThan(whole.length + 1);
  });

  it('below = belowRequirement', async () => {
    const below = await app.ok('training.belowRequirement', { year: 2026, orgId: s.street.id });
    const p = await page({ below: true });
    expect(p.rows).toEqual(below.rows);
    expect(p.rowCount).toBe(below.rows.length);
  });

  it('refuses a bad block with a message naming the field', async () => {
    const env = await app.dispatcher.call('training.hoursPage', { year: 2026, orgId: s.street.id, below: false, startRow: 0, endRow: 501, sort: [], filters: [] });
    expect(env.ok).toBe(false);
    expect(!env.ok && env.error.message).toContain('结束行');
  });

  it('two blocks compute once; a write makes the next block recompute and show the new hours', async () => {
    const before = pagingStats();
    await page({ startRow: 0, endRow: 5 });
    await page({ startRow: 5, endRow: 10 });
    const after = pagingStats();
    expect(after.computed - before.computed).toBe(1);
    expect(after.hits - before.hits).toBe(1);

    const cls = await app.ok('training.classes.create', classInput(s.county.id, { name: '加训', startDate: '2026-07-01', endDate: '2026-07-01', hours: 8 }));
    await attend(app, { classId: cls.id }, [s.director.id]);
    const again = await page({ filters: [{ column: 'name', kind: 'text', type: 'equals', value: '赵主任' }] });
    expect(pagingStats().computed - after.computed).toBe(1);
    expect(again.rows[0]!.hours).toBe(8);
  });

  it('a clerk of one community is refused the other and never gets a cached list of another actor', async () => {
    const clerkA: Actor = { kind: 'user', id: 'clerk-a', name: '新城录入员', role: 'clerk', orgScopeId: s.community.id };
    // The system actor's list of the whole street is now cached.
    await page();
    const refused = await app.dispatcher.call('training.hoursPage', { year: 2026, orgId: s.second.id, below: false, startRow: 0, endRow: 100, sort: [], filters: [] }, clerkA);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('forbidden');
    const street = await app.dispatcher.call('training.hoursPage', { year: 2026, orgId: s.street.id, below: false, startRow: 0, endRow: 100, sort: [], filters: [] }, clerkA);
    expect(street.ok).toBe(false);
    // Another actor's list of the same input is never reused: the clerk's own ask computes afresh.
    await page({ orgId: s.community.id });
    const beforeOwn = pagingStats();
    const own = await app.dispatcher.call('training.hoursPage', { year: 2026, orgId: s.community.id, below: false, startRow: 0, endRow: 100, sort: [], filters: [] }, clerkA);
    expect(own.ok).toBe(true);
    expect(pagingStats().computed - beforeOwn.computed).toBe(1);
    expect(pagingStats().hits - beforeOwn.hits).toBe(0);
    const orgs = new Set(own.ok ? own.data.rows.map((r) => r.orgName) : []);
    expect([...orgs]).toEqual([own.ok ? own.data.rows[0]!.orgName : '']);
    expect(orgs.has('东风社区')).toBe(false);
  });
});
