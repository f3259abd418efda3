import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { maskIdNumber, maskPhone } from '../../core/roster/id-number.ts';
import { wholeYearsBetween } from '../../core/roster/dates.ts';
import { MASKED_ID, MASKED_PHONE } from '../../core/roster/list-sql.ts';
import { scopedActor } from '../guard/world.ts';
import type { Actor } from '../../core/context.ts';

// The roster grid's data source: one page of the shown columns, sorted, filtered and masked in
// SQL. Its rows must be the rows roster.list gives, in the same order, with the same masks.

let app: TestApp;
let orgId: string;
let otherId: string;
const reviewer = () => scopedActor('reviewer', orgId);
const clerk = () => scopedActor('clerk', orgId);

beforeAll(async () => {
  app = openTestApp({ now: () => new Date('2026-11-27T09:00:00+08:00') });
  const tree = await seedOrgTree(app);
  orgId = tree.community.id;
  otherId = (await app.ok('org.create', { level: 'community', parentId: tree.street.id, name: '东关社区', code: '610402001002' })).id;
  const names = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊', '赵敏', '黄勇', '周杰', '吴刚', '徐丽', '孙强'];
  for (const [i, name] of names.entries())
    await app.ok('roster.create', {
      orgId, name, gender: i % 2 ? '女' : '男', ethnicity: '汉族', birthDate: `19${70 + i}-0${(i % 9) + 1}-1${i % 10}`,
      phone: i % 3 ? `1391234${String(i).padStart(4, '0')}` : null, politicalStatus: '群众', postCategory: '其他',
      posts: i % 2 ? ['网格员'] : ['社区书记', '主任'], communityWorkStartDate: i % 4 ? `2010-0${(i % 9) + 1}-01` : null,
    });
  await app.ok('roster.create', { orgId: otherId, name: '东关人', gender: '男', ethnicity: '汉族', birthDate: '1980-01-01', politicalStatus: '群众', postCategory: '其他' });
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

async function page(input: object, actor: Actor = reviewer()) {
  const env = await app.dispatcher.call('roster.page', input as never, actor);
  if (!env.ok) throw new Error(env.error.message);
  return env.data as { rows: Record<string, unknown>[]; total: number; asOf: string };
}
async function list(input: object, actor: Actor = reviewer()) {
  const env = await app.dispatcher.call('roster.list', input as never, actor);
  if (!env.ok) throw new Error(env.error.message);
  return env.data as { rows: Record<string, unknown>[] };
}

describe('masks and computed fields in SQL', () => {
  const evalSql = (expr: string, row: Record<string, string | null>) =>
    (app.opened.sqlite.prepare(`SELECT ${expr} AS v FROM (SELECT :id_number AS id_number, :phone AS phone) p`).get({ id_number: null, phone: null, ...row }) as { v: unknown }).v;

  it('masks ID numbers exactly as maskIdNumber does', () => {
    for (const id of [null, '', '1', '1234567', '12345678', '610402199005170025', '61040219900517002X', '６１０４', '61x4021990'])
      expect(evalSql(MASKED_ID, { id_number: id })).toBe(maskIdNumber(id));
  });

  it('masks phones exactly as maskPhone does', () => {
    for (const phone of [null, '', '123456', '1234567', '13912345678', '029-8888 1234', '+86 139 1234 5678', '电话12345', '12-34-56', '0298888123４'])
      expect(evalSql(MASKED_PHONE, { phone })).toBe(maskPhone(phone));
  });

  it('computes ages and 社区工作年限 as the records do', async () => {
    const rows = (await page({ columns: ['name', 'age', 'birthDate', 'communityYears'], limit: 100, asOf: '2028-02-29' })).rows;
    const full = (await list({ asOf: '2028-02-29' })).rows;
    for (const r of rows) {
      expect(r.age).toBe(wholeYearsBetween(r.birthDate as string, '2028-02-29'));
      expect(r.communityYears).toBe(full.find((f) => f.id === r.id)!.communityYears);
    }
  });
});

describe('roster.page', () => {
  it('pages the same rows in the same order as roster.list, with a total', async () => {
    const all = (await list({}, clerk())).rows.map((r) => r.id);
    expect(all).toHaveLength(12);
    const first = await page({ columns: ['name'], limit: 5 }, clerk());
    const rest = await page({ columns: ['name'], offset: 5, limit: 10 }, clerk());
    expect(first.total).toBe(12);
    expect(rest.total).toBe(12);
    expect([...first.rows, ...rest.rows].map((r) => r.id)).toEqual(all);
  });

  it('returns only the fields of the shown columns', async () => {
    const { rows } = await page({ columns: ['name', 'status', 'education'], limit: 1 });
    expect(Object.keys(rows[0]!).sort()).toEqual(['ftEducation', 'id', 'name', 'ptEducation', 'status', 'statusDate']);
  });

  it('gives a masked role the masks roster.list gives, and sorts and filters on them, not on the hidden digits', async () => {
    const listed = (await list({})).rows;
    const { rows } = await page({ columns: ['name', 'phone', 'idNumberMasked', 'posts'], limit: 100 });
    for (const r of rows) {
      const l = listed.find((x) => x.id === r.id)!;
      expect([r.phone, r.idNumberMasked, r.posts]).toEqual([l.phone, l.idNumberMasked, l.posts]);
    }
    expect(rows.some((r) => (r.phone as string | null)?.includes('****'))).toBe(true);
    // The starred digits are 1234 for everyone: a filter on them must find no one.
    expect((await page({ columns: ['name'], limit: 100, filters: [{ column: 'phone', conditions: [{ type: 'contains', value: '1234' }] }] })).total).toBe(0);
    expect((await page({ columns: ['name'], limit: 100, filters: [{ column: 'phone', conditions: [{ type: 'contains', value: '1234' }] }] }, clerk())).total).toBe(8);
  });

  it('sorts on the server, then by the default order', async () => {
    const { rows } = await page({ columns: ['name', 'age'], limit: 100, sort: [{ column: 'age', dir: 'desc' }] });
    const ages = rows.map((r) => r.age as number);
    expect(ages).toEqual([...ages].sort((a, b) => b - a));
    const byPosts = await page({ columns: ['posts'], limit: 100, sort: [{ column: 'posts', dir: 'asc' }] });
    const joined = byPosts.rows.map((r) => (r.posts as string[]).join('、'));
    expect(joined).toEqual([...joined].sort());
    expect(new Set(joined).size).toBe(2);
  });

  it('filters text, number and date columns the way the grid filters do', async () => {
    const count = async (filters: object[]) => (await page({ columns: ['name'], limit: 100, filters })).total;
    expect(await count([{ column: 'posts', conditions: [{ type: 'contains', value: '书记' }] }])).toBe(6);
    expect(await count([{ column: 'name', join: 'OR', conditions: [{ type: 'equals', value: '王芳' }, { type: 'startsWith', value: '李' }] }])).toBe(2);
    expect(await count([{ column: 'age', conditions: [{ type: 'inRange', value: 50, value2: 55 }] }])).toBe(4);
    expect(await count([{ column: 'birthDate', conditions: [{ type: 'lessThan', value: '1972-01-01' }] }])).toBe(2);
    expect(await count([{ column: 'communityYears', conditions: [{ type: 'blank' }] }])).toBe(3);
    expect(await count([{ column: 'name', conditions: [{ type: 'contains', value: '%' }] }])).toBe(0);
  });

  it('keeps the quick search and its audit of full-number matches for masked roles', async () => {
    const before = (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE operation = 'roster.page'").get() as { n: number }).n;
    const hit = await page({ columns: ['phone'], limit: 10, query: '13912340001' });
    expect(hit.total).toBe(1);
    expect((await page({ columns: ['phone'], limit: 10, query: '1391234' })).total).toBe(0);
    const audits = app.opened.sqlite.prepare("SELECT after FROM audit_log WHERE operation = 'roster.page'").all() as { after: string }[];
    expect(audits).toHaveLength(before + 1);
    expect(JSON.parse(audits.at(-1)!.after)).toEqual({ search: 'phone', matched: [{ id: hit.rows[0]!.id, name: '李娜' }] });
  });

  it('stays inside the caller’s scope', async () => {
    expect((await page({ columns: ['name'], limit: 100, status: 'all' })).rows.map((r) => r.name)).not.toContain('东关人');
    const env = await app.dispatcher.call('roster.page', { orgId: otherId, columns: ['name'], limit: 10 }, reviewer());
    expect(!env.ok && env.error.code).toBe('forbidden');
  });

  it('refuses a filter the column cannot take, naming it', async () => {
    const env = await app.dispatcher.call('roster.page', { columns: ['name'], limit: 10, filters: [{ column: 'name', conditions: [{ type: 'lessThan', value: 'a' }] }] }, reviewer());
    expect(!env.ok && env.error.issues).toEqual([{ path: 'filters', message: '「筛选条件」“小于”不适用于“姓名”列' }]);
    const big = await app.dispatcher.call('roster.page', { columns: ['name'], limit: 5000 }, reviewer());
    expect(!big.ok && big.error.message).toContain('「行数」不能超过 1000');
  });

  it('refuses a text as a number column’s filter value (the renderer sends a typed non-number as \'NaN\')', async () => {
    const env = await app.dispatcher.call('roster.page', { columns: ['name'], limit: 10, filters: [{ column: 'age', conditions: [{ type: 'lessThan', value: 'NaN' }] }] }, reviewer());
    expect(!env.ok && env.error.issues).toEqual([{ path: 'filters', message: '「筛选值」“年龄”列的筛选值应为数字' }]);
  });
});
