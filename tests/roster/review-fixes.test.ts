import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { bytesInput } from '../roster-io/helpers.ts';

// Roster messages and searches found by review: Chinese names in filter refusals, literal % and _
// in a search, and an import hint that only makes sense for a new person.
let app: TestApp;
let tree: Awaited<ReturnType<typeof seedOrgTree>>;
const person = { gender: '男', ethnicity: '汉族', birthDate: '1988-04-02', politicalStatus: '群众', postCategory: '其他' };
const page = { columns: ['name' as const], limit: 50 };
const message = async (op: 'roster.page', input: unknown) => {
  const env = await app.dispatcher.call(op, input as never);
  if (env.ok) throw new Error(`${op} was accepted`);
  return env.error.message;
};

beforeEach(async () => {
  app = openTestApp({ now: () => new Date('2026-11-27T09:00:00+08:00') });
  tree = await seedOrgTree(app);
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('roster.page refusals read in Chinese', () => {
  it('names the filter and the column as the grid shows them', async () => {
    const msg = await message('roster.page', { ...page, filters: [{ column: 'name', conditions: [{ type: 'lessThan', value: '张' }] }] });
    expect(msg).toContain('「筛选条件」“小于”不适用于“姓名”列');
    expect(msg).not.toMatch(/lessThan|\bname\b/);
  });

  it('gives Chinese text for a bad join, an empty condition list and too many sort columns', async () => {
    expect(await message('roster.page', { ...page, filters: [{ column: 'name', join: 'XOR', conditions: [{ type: 'contains', value: '张' }] }] })).toContain('「条件关系」');
    expect(await message('roster.page', { ...page, filters: [{ column: 'name', conditions: [] }] })).toContain('「筛选」每列至少一个条件');
    const sort = Array.from({ length: 30 }, () => ({ column: 'name', dir: 'asc' }));
    expect(await message('roster.page', { ...page, sort })).toContain('「排序」最多');
  });
});

describe('searching for a literal _ or %', () => {
  it('matches only names that contain it', async () => {
    for (const name of ['王_一', '王二一', '百分%之', '百分百之']) await app.ok('roster.create', { ...person, orgId: tree.community.id, name });
    const names = async (query: string) => (await app.ok('roster.list', { query })).rows.map((r: { name: string }) => r.name).sort();
    expect(await names('王_')).toEqual(['王_一']);
    expect(await names('分%')).toEqual(['百分%之']);
    const grid = await app.ok('roster.page', { ...page, query: '王_' });
    expect(grid.rows.map((r: { name?: string }) => r.name)).toEqual(['王_一']);
  });
});

describe('the 所属社区 hint of an import row', () => {
  it('suggests filling in a community only for a new person, not for one already stored on a street', async () => {
    const p = await app.ok('roster.create', { ...person, orgId: tree.community.id, name: '张伟', idNumber: '610402198804020010' });
    // A record left on a street by an older version (before the community-only rule).
    app.opened.sqlite.prepare('UPDATE people SET org_id = ? WHERE id = ?').run(tree.street.id, p.id);
    const sheet = bytesInput('a.csv', '姓名,性别,民族,出生日期,身份证号,政治面貌,岗位类别,备注\n张伟,男,汉族,1988-04-02,610402198804020010,群众,其他,更新\n');
    const preview = await app.ok('roster.importPreview', { ...sheet, orgId: tree.street.id });
    const text = JSON.stringify(preview.issues);
    expect(text).toContain('人员只能登记在社区下');
    expect(text).not.toContain('或在表中填写所属社区');
  });
});
