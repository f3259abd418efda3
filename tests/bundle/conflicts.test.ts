import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.ts';
import { removeDir } from '../helpers/app.ts';
import { exportBundle, idNumberFor, importExported, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

// Taking a received record held as a conflict goes through the record guard for every stored
// row it touches (scope, the sender's own record, not newer), ID clashes are matched by ID
// number, and the allowed decisions come from core.

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

const XINCHENG = '610402001001';
const XINGFU = '610402001002';
const ID = idNumberFor('1985-03-02', '男');

async function world() {
  const county = track(await newCounty());
  const a = track(await newCommunity(county, XINCHENG));
  const b = track(await newCommunity(county, XINGFU));
  return { county, a, b };
}
const people = (i: Installation) =>
  i.app.opened.sqlite.prepare('SELECT id, name, id_number AS idNumber, deleted_at AS deletedAt, origin FROM people ORDER BY name').all() as {
    id: string; name: string; idNumber: string | null; deletedAt: string | null; origin: string | null;
  }[];
const okResolves = (i: Installation) =>
  (i.app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE operation = 'bundle.resolveConflict' AND outcome = 'ok'").get() as { n: number }).n;

describe('taking a received record runs the touched local record through the guard', () => {
  it('a reviewer scoped to one community cannot set aside a person of another community, nor see it', async () => {
    const { county, a, b } = await world();
    await a.app.ok('roster.create', personInput(a.orgId, 1, { idNumber: ID, name: '张伟' }));
    await b.app.ok('roster.create', personInput(b.orgId, 1, { idNumber: ID, name: '张卫' }));
    await importExported(county, await exportBundle(a));
    await importExported(county, await exportBundle(b));
    const reviewer: Actor = { kind: 'user', id: 'reviewer-b', name: '幸福审核员', role: 'reviewer', orgScopeId: b.orgId };

    const list = await county.app.dispatcher.call('bundle.conflicts', {}, reviewer);
    expect(list.ok).toBe(true);
    const [c] = list.ok ? list.data : [];
    expect(c!.received.title).toBe('张卫');
    expect(JSON.stringify(c!.local)).not.toContain('张伟');
    expect(JSON.stringify(c!.local)).not.toContain('新城社区');
    expect(c!.decisions).not.toContain('take_received');

    const taken = await county.app.dispatcher.call('bundle.resolveConflict', { conflictId: c!.id, decision: 'take_received' }, reviewer);
    expect(taken.ok).toBe(false);
    expect(!taken.ok && taken.error.message).toContain('管辖范围以外');
    expect(people(county).map((p) => [p.name, p.deletedAt])).toEqual([['张伟', null]]);
    expect(okResolves(county)).toBe(0);
    // Keeping the local record changes nothing and stays open to this reviewer.
    expect((await county.app.dispatcher.call('bundle.resolveConflict', { conflictId: c!.id, decision: 'keep_local' }, reviewer)).ok).toBe(true);
  });

  it('a record with the same id that is another community\'s own is never overwritten', async () => {
    const { county, a, b } = await world();
    const pa = await a.app.ok('roster.create', personInput(a.orgId, 1, { name: '张伟' }));
    await importExported(county, await exportBundle(a));
    // Community B ends up with a record under A's id (copied data, a hand-edited file).
    const pb = await b.app.ok('roster.create', personInput(b.orgId, 3, { name: '李娜' }));
    b.app.opened.sqlite.prepare('UPDATE people SET id = ? WHERE id = ?').run(pa.id, pb.id);
    expect((await importExported(county, await exportBundle(b))).report!.people!.conflicts).toBe(1);

    const [c] = await county.app.ok('bundle.conflicts', {});
    expect(c!.reasonCode).toBe('same_id');
    expect(c!.local).toMatchObject({ title: '张伟', unit: '新城社区' });
    expect(c!.decisions).toEqual(['keep_local']);
    const taken = await county.app.dispatcher.call('bundle.resolveConflict', { conflictId: c!.id, decision: 'take_received' });
    expect(taken.ok).toBe(false);
    expect(!taken.ok && taken.error.message).toContain('不是“幸福社区”自己的记录');
    expect(people(county)).toEqual([{ id: pa.id, name: '张伟', idNumber: null, deletedAt: null, origin: XINCHENG }]);
    expect(okResolves(county)).toBe(0);
  });
});

describe('an ID number clash on an update', () => {
  it('shows the person of the other community holding the ID number, and taking the update sets that person aside', async () => {
    const { county, a, b } = await world();
    await a.app.ok('roster.create', personInput(a.orgId, 1, { idNumber: ID, name: '张伟' }));
    const pb = await b.app.ok('roster.create', personInput(b.orgId, 1, { name: '张卫' }));
    await importExported(county, await exportBundle(a));
    await importExported(county, await exportBundle(b));
    // B corrects its person's ID number to one A already has in post.
    await b.app.ok('roster.update', { ...personInput(b.orgId, 1, { name: '张卫', idNumber: ID }), id: pb.id });
    expect((await importExported(county, await exportBundle(b))).report!.people!.conflicts).toBe(1);

    const [c] = await county.app.ok('bundle.conflicts', {});
    expect(c!.reasonCode).toBe('id_clash');
    expect(c!.decisions).toEqual(['keep_local', 'take_received', 'different']);
    expect(c!.local).toMatchObject({ title: '张伟', unit: '新城社区' });

    await county.app.ok('bundle.resolveConflict', { conflictId: c!.id, decision: 'take_received' });
    expect(people(county).map((p) => [p.name, p.idNumber, !!p.deletedAt, p.origin])).toEqual([
      ['张伟', ID, true, XINCHENG],
      ['张卫', ID, false, XINGFU],
    ]);
  });
});

describe('two conflicts of the same record', () => {
  it('after the newer one is taken, the older one cannot roll the record back', async () => {
    const { county, a, b } = await world();
    await a.app.ok('roster.create', personInput(a.orgId, 1, { idNumber: ID, name: '张伟' }));
    await importExported(county, await exportBundle(a));
    const pb = await b.app.ok('roster.create', personInput(b.orgId, 1, { idNumber: ID, name: '张卫' }));
    await importExported(county, await exportBundle(b));
    await b.app.ok('roster.update', { ...personInput(b.orgId, 1, { name: '张卫（更正）', idNumber: ID }), id: pb.id });
    await importExported(county, await exportBundle(b));

    const list = await county.app.ok('bundle.conflicts', {});
    expect(list).toHaveLength(2);
    const newer = list.find((c) => c.received.title === '张卫（更正）')!;
    const older = list.find((c) => c.received.title === '张卫')!;
    await county.app.ok('bundle.resolveConflict', { conflictId: newer.id, decision: 'take_received' });

    const [left] = await county.app.ok('bundle.conflicts', {});
    expect(left!.id).toBe(older.id);
    expect(left!.decisions).not.toContain('take_received');
    const back = await county.app.dispatcher.call('bundle.resolveConflict', { conflictId: older.id, decision: 'take_received' });
    expect(back.ok).toBe(false);
    expect(!back.ok && back.error.message).toContain('较旧');
    expect(people(county).filter((p) => !p.deletedAt).map((p) => p.name)).toEqual(['张卫（更正）']);
    expect((await county.app.dispatcher.call('bundle.resolveConflict', { conflictId: older.id, decision: 'keep_local' })).ok).toBe(true);
  });
});
