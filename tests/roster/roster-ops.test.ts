import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let orgId: string;
const auditCount = () => (app.opened.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const person = (over: object = {}) => ({
  orgId, name: '李娜', gender: '女', ethnicity: '汉族', birthDate: '1990-05-17', idNumber: '610402199005170025',
  politicalStatus: '中共党员', partyJoinDate: '2012-06-30', communityWorkStartDate: '2015-03-01', postCategory: '其他',
  posts: ['专职社区工作者'], phone: '13912345678', ...over,
});

beforeEach(async () => {
  app = openTestApp({ now: () => new Date('2026-11-27T09:00:00+08:00') });
  orgId = (await seedOrgTree(app)).community.id;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('roster operations through the dispatcher', () => {
  it('creates a person with computed fields and one audit row', async () => {
    const before = auditCount();
    const p = await app.ok('roster.create', person());
    expect(p).toMatchObject({ name: '李娜', status: '在岗', age: 36, communityYears: 11, orgName: '新城社区' });
    expect(auditCount()).toBe(before + 1);
    const row = app.opened.sqlite.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, string>;
    expect(row).toMatchObject({ operation: 'roster.create', entity: 'person', entity_id: p.id });
    expect(JSON.parse(row.after!).name).toBe('李娜');
  });

  it('returns a validation error naming the field, writes nothing but one failed audit row', async () => {
    const before = auditCount();
    const env = await app.dispatcher.call('roster.create', person({ idNumber: '610402199005170026' }));
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('validation');
    expect(env.error.issues).toEqual([{ path: 'idNumber', message: '「身份证号」校验位不符，号码有误，请对照证件逐位核对' }]);
    expect(auditCount()).toBe(before + 1);
    const row = app.opened.sqlite.prepare('SELECT operation, outcome FROM audit_log ORDER BY id DESC LIMIT 1').get();
    expect(row).toEqual({ operation: 'roster.create', outcome: 'failed' });
    expect((await app.ok('roster.list', {})).rows).toHaveLength(0);
  });

  it('refuses a future date using the dispatcher clock', async () => {
    const env = await app.dispatcher.call('roster.create', person({ workStartDate: '2026-12-01', communityWorkStartDate: null }));
    expect(!env.ok && env.error.message).toContain('「参加工作时间」2026-12-01 晚于今天');
  });

  it('keeps ID numbers unique among active people only', async () => {
    const first = await app.ok('roster.create', person());
    const dup = await app.dispatcher.call('roster.create', person({ name: '李娜娜' }));
    expect(!dup.ok && dup.error.code).toBe('conflict');
    expect(!dup.ok && dup.error.message).toContain('新城社区');
    await app.ok('roster.retire', { id: first.id, status: '离任', date: '2026-01-31', reason: '换届离任' });
    await expect(app.ok('roster.create', person({ name: '李娜娜' }))).resolves.toMatchObject({ status: '在岗' });
  });

  it('gets, updates and lists; update records before and after', async () => {
    const p = await app.ok('roster.create', person());
    const updated = await app.ok('roster.update', { ...person({ name: '李娜（更正）', grid: '第3网格' }), id: p.id });
    expect(updated.name).toBe('李娜（更正）');
    const got = await app.ok('roster.get', { id: p.id });
    expect(got.idNumber).toBe('610402199005170025');
    const audit = app.opened.sqlite.prepare("SELECT before, after FROM audit_log WHERE operation = 'roster.update'").get() as { before: string; after: string };
    expect(JSON.parse(audit.before).name).toBe('李娜');
    expect(JSON.parse(audit.after).grid).toBe('第3网格');
    const list = await app.ok('roster.list', { query: '6104' });
    expect(list.rows[0]).toMatchObject({ id: p.id, idNumberMasked: '61****************' });
    expect(list.rows[0]).not.toHaveProperty('idNumber');
  });

  it('returns not_found for unknown ids on get, update, retire and reveal', async () => {
    const id = '00000000-0000-4000-8000-00000000abcd';
    for (const env of [
      await app.dispatcher.call('roster.get', { id }),
      await app.dispatcher.call('roster.update', { ...person(), id }),
      await app.dispatcher.call('roster.retire', { id, status: '退休', date: '2026-01-01', reason: '到龄' }),
      await app.dispatcher.call('roster.reveal', { id, field: 'idNumber' }),
    ]) expect(!env.ok && env.error.code).toBe('not_found');
  });

  it('retires without deleting: the record and its history stay', async () => {
    const p = await app.ok('roster.create', person());
    const bad = await app.dispatcher.call('roster.retire', { id: p.id, status: '退休', date: '2027-01-01', reason: '到龄' });
    expect(!bad.ok && bad.error.issues?.[0]?.path).toBe('date');
    await app.ok('roster.retire', { id: p.id, status: '退休', date: '2026-10-31', reason: '到龄退休' });
    expect((await app.ok('roster.list', {})).rows).toHaveLength(0);
    expect((await app.ok('roster.list', { status: '退休' })).rows[0]).toMatchObject({ statusDate: '2026-10-31', statusReason: '到龄退休' });
    const again = await app.dispatcher.call('roster.retire', { id: p.id, status: '离任', date: '2026-11-01', reason: 'x' });
    expect(!again.ok && again.error.code).toBe('conflict');
    expect(app.opened.sqlite.prepare('SELECT count(*) AS n FROM people').get()).toEqual({ n: 1 });
  });

  it('audits a reveal of the full ID number', async () => {
    const p = await app.ok('roster.create', person());
    expect(await app.ok('roster.reveal', { id: p.id, field: 'idNumber' })).toEqual({ value: '610402199005170025' });
    const row = app.opened.sqlite.prepare("SELECT * FROM audit_log WHERE operation = 'roster.reveal'").get() as Record<string, string>;
    expect(row.entity_id).toBe(p.id);
  });

  it('filters by org subtree, status and query, and survives a restart', async () => {
    await app.ok('roster.create', person());
    const tree = await app.ok('org.tree', {});
    const county = tree.find((u) => u.level === 'county')!;
    expect((await app.ok('roster.list', { orgId: county.id })).rows).toHaveLength(1);
    expect((await app.ok('roster.list', { query: '王' })).rows).toHaveLength(0);
    app = app.reopen();
    expect((await app.ok('roster.list', { query: '李' })).rows).toHaveLength(1);
  });

  it('stamps every write with an increasing change sequence', async () => {
    const a = await app.ok('roster.create', person());
    const b = await app.ok('roster.create', person({ name: '王芳', idNumber: null, phone: null }));
    const seqs = app.opened.sqlite.prepare('SELECT id, change_seq FROM people').all() as { id: string; change_seq: number }[];
    const seqOf = (id: string) => seqs.find((s) => s.id === id)!.change_seq;
    expect(seqOf(b.id)).toBeGreaterThan(seqOf(a.id));
    await app.ok('roster.update', { ...person(), id: a.id });
    expect((app.opened.sqlite.prepare('SELECT change_seq FROM people WHERE id = ?').get(a.id) as { change_seq: number }).change_seq).toBeGreaterThan(seqOf(b.id));
  });
});
