import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';

let app: TestApp;
const auditCount = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
beforeEach(() => {
  app = openTestApp();
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('org operations through the dispatcher', () => {
  it('builds a county → street → community tree with one audit row each', async () => {
    const { county, street, community } = await seedOrgTree(app);
    expect(auditCount()).toBe(3);
    const tree = await app.ok('org.tree', {});
    expect(tree.map((u) => [u.level, u.parentId])).toEqual([['county', null], ['street', county.id], ['community', street.id]]);
    expect(community.code).toBe('610402001001');
  });

  it('refuses a code whose prefix does not match the parent', async () => {
    const { street } = await seedOrgTree(app);
    const before = auditCount();
    const env = await app.dispatcher.call('org.create', { level: 'community', parentId: street.id, name: '错社区', code: '610402002001' });
    expect(!env.ok && env.error.code).toBe('validation');
    expect(!env.ok && env.error.message).toContain('前 9 位应与上级单位“人民路街道”的代码 610402001 一致');
    expect(auditCount()).toBe(before);
  });

  it('refuses malformed codes, wrong levels and duplicate codes', async () => {
    const { county, street } = await seedOrgTree(app);
    const short = await app.dispatcher.call('org.create', { level: 'county', name: '县', code: '6104' });
    expect(!short.ok && short.error.message).toContain('「区划代码」应为 12 位数字');
    const wrongLevel = await app.dispatcher.call('org.create', { level: 'community', parentId: county.id, name: '社区', code: '610402001002' });
    expect(!wrongLevel.ok && wrongLevel.error.message).toContain('下只能建立街道');
    const dup = await app.dispatcher.call('org.create', { level: 'community', parentId: street.id, name: '重复', code: '610402001001' });
    expect(!dup.ok && dup.error.code).toBe('conflict');
  });

  it('updates a name with before/after in the audit row, and returns not_found for unknown ids', async () => {
    const { community } = await seedOrgTree(app);
    const after = await app.ok('org.update', { id: community.id, name: '新城社区（更名）', code: community.code });
    expect(after.name).toBe('新城社区（更名）');
    const row = app.opened.sqlite.prepare("SELECT before, after FROM audit_log WHERE operation = 'org.update'").get() as { before: string; after: string };
    expect(JSON.parse(row.before).name).toBe('新城社区');
    const missing = await app.dispatcher.call('org.update', { id: '00000000-0000-4000-8000-000000000000', name: 'x', code: '610402000000' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('marks a street as 本级工作人员单位: create and update set it, an update without it keeps it', async () => {
    const { county, street, community } = await seedOrgTree(app);
    expect(street.staffUnit).toBe(false);
    const marked = await app.ok('org.create', { level: 'street', parentId: county.id, name: '东关街道', code: '610402002000', staffUnit: true });
    expect(marked.staffUnit).toBe(true);
    const renamed = await app.ok('org.update', { id: marked.id, name: '东关街道办事处', code: marked.code });
    expect(renamed).toMatchObject({ name: '东关街道办事处', staffUnit: true });
    const set = await app.ok('org.update', { id: street.id, name: street.name, code: street.code, staffUnit: true });
    expect(set.staffUnit).toBe(true);
    const row = app.opened.sqlite.prepare("SELECT after FROM audit_log WHERE operation = 'org.update' ORDER BY rowid DESC").get() as { after: string };
    expect(JSON.parse(row.after).staffUnit).toBe(true);
    expect((await app.ok('org.tree', {})).filter((u) => u.staffUnit).map((u) => u.name)).toEqual(['人民路街道', '东关街道办事处']);
    // Only a street can be marked, on create and on update, and nothing is written.
    const before = auditCount();
    const onCommunity = await app.dispatcher.call('org.update', { id: community.id, name: community.name, code: community.code, staffUnit: true });
    expect(!onCommunity.ok && onCommunity.error.issues).toEqual([{ path: 'staffUnit', message: '「本级工作人员单位」只有街道（乡镇）可以标记，社区不能标记' }]);
    const onCounty = await app.dispatcher.call('org.create', { level: 'county', name: '另一县', code: '610403000000', staffUnit: true });
    expect(!onCounty.ok && onCounty.error.message).toContain('「本级工作人员单位」只有街道（乡镇）可以标记，县（区）不能标记');
    const notBool = await app.dispatcher.dispatch('org.update', { id: street.id, name: street.name, code: street.code, staffUnit: 'yes' });
    expect(!notBool.ok && notBool.error.message).toContain('「本级工作人员单位」');
    expect(auditCount()).toBe(before);
  });

  it('refuses to unmark a street that holds people, and unmarks an empty one', async () => {
    const { street } = await seedOrgTree(app);
    await app.ok('org.update', { id: street.id, name: street.name, code: street.code, staffUnit: true });
    const p = await app.ok('roster.create', { name: '王芳', gender: '女', ethnicity: '汉族', birthDate: '1990-01-01', politicalStatus: '群众', postCategory: '其他', orgId: street.id });
    const before = auditCount();
    const env = await app.dispatcher.call('org.update', { id: street.id, name: street.name, code: street.code, staffUnit: false });
    expect(!env.ok && env.error.code).toBe('conflict');
    expect(!env.ok && env.error.message).toBe('「本级工作人员单位」“人民路街道”下登记有 1 名人员，请先将他们调到社区，再取消标记');
    expect(auditCount()).toBe(before);
    expect((await app.ok('roster.get', { id: p.id })).orgId).toBe(street.id);
    app.opened.sqlite.prepare('DELETE FROM people').run();
    expect((await app.ok('org.update', { id: street.id, name: street.name, code: street.code, staffUnit: false })).staffUnit).toBe(false);
  });

  it('rejects unknown operations and malformed input before any handler runs', async () => {
    const unknown = await app.dispatcher.dispatch('org.drop', {});
    expect(unknown).toEqual({ ok: false, error: { code: 'not_found', message: '未知的操作“org.drop”' } });
    const bad = await app.dispatcher.dispatch('org.create', { level: 'planet', name: 1, code: '610402000000' });
    expect(!bad.ok && bad.error.code).toBe('validation');
    expect(!bad.ok && bad.error.issues?.map((i) => i.path)).toEqual(['level', 'name']);
  });

  it('lists every code table with the GB names', async () => {
    const tables = await app.ok('codes.list', {});
    const ethnic = tables.find((t) => t.key === 'ethnicity')!;
    expect(ethnic.entries).toHaveLength(58);
    expect(ethnic.entries.map((e) => e.name)).toContain('毛南族');
  });
});
