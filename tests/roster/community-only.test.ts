import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { bytesInput, peopleCount } from '../roster-io/helpers.ts';

// 所属社区: a person is on a community's roster, never directly on a street's or county's.
let app: TestApp;
let tree: Awaited<ReturnType<typeof seedOrgTree>>;
const person = { name: '张伟', gender: '男', ethnicity: '汉族', birthDate: '1988-04-02', politicalStatus: '群众', postCategory: '其他' };
const okAudits = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;

beforeEach(async () => {
  app = openTestApp({ now: () => new Date('2026-11-27T09:00:00+08:00') });
  tree = await seedOrgTree(app);
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('所属社区 must be a community', () => {
  it('refuses roster.create on a street or county, naming the field and why', async () => {
    for (const [unit, label] of [[tree.street, '街道（乡镇）'], [tree.county, '县（区）']] as const) {
      const env = await app.dispatcher.call('roster.create', { ...person, orgId: unit.id });
      expect(env.ok).toBe(false);
      if (env.ok) return;
      expect(env.error.code).toBe('validation');
      const hint = unit === tree.street ? '（或将该街道标记为本级工作人员单位）' : '';
      expect(env.error.issues).toEqual([{ path: 'orgId', message: `「所属社区」“${unit.name}”是${label}，人员只能登记在社区下，请选择其下的社区${hint}` }]);
    }
    expect(peopleCount(app)).toBe(0);
  });

  it('refuses moving a person to a street with roster.update, writing nothing', async () => {
    const p = await app.ok('roster.create', { ...person, orgId: tree.community.id });
    const n = okAudits();
    const env = await app.dispatcher.call('roster.update', { id: p.id, ...person, orgId: tree.street.id });
    expect(!env.ok && env.error.message).toContain('「所属社区」');
    expect(okAudits()).toBe(n);
    expect((await app.ok('roster.get', { id: p.id })).orgId).toBe(tree.community.id);
  });

  it('refuses import rows that would land on a street, with or without a unit column', async () => {
    const plain = bytesInput('a.csv', '姓名,性别,民族,出生日期,政治面貌,岗位类别\n导入一,女,汉族,1985-03-01,群众,其他\n');
    const noColumn = await app.dispatcher.call('roster.importPreview', { ...plain, orgId: tree.street.id });
    expect(noColumn.ok && noColumn.data.rows[0]).toMatchObject({ action: 'error' });
    expect(JSON.stringify(noColumn.ok && noColumn.data)).toContain('「所属社区」“人民路街道”是街道（乡镇），人员只能登记在社区下');
    const named = bytesInput('b.csv', '姓名,性别,民族,出生日期,政治面貌,岗位类别,所属组织\n导入二,女,汉族,1985-03-01,群众,其他,人民路街道\n');
    const commit = await app.dispatcher.call('roster.importCommit', { ...named, orgId: tree.county.id });
    expect(JSON.stringify(commit)).toContain('「所属社区」“人民路街道”是街道（乡镇）');
    expect(peopleCount(app)).toBe(0);
    // The same sheet into the community itself goes in.
    await app.ok('roster.importCommit', { ...plain, orgId: tree.community.id });
    expect(peopleCount(app)).toBe(1);
  });
});

// 本级工作人员单位: a street marked as keeping its own office staff holds people directly.
describe("a street's own staff", () => {
  const markStreet = () => app.ok('org.update', { id: tree.street.id, name: tree.street.name, code: tree.street.code, staffUnit: true });

  it('lets roster.create and roster.update place a person on a marked street', async () => {
    await markStreet();
    const p = await app.ok('roster.create', { ...person, orgId: tree.street.id });
    expect(p.orgId).toBe(tree.street.id);
    const q = await app.ok('roster.create', { ...person, name: '李娜', orgId: tree.community.id });
    const moved = await app.ok('roster.update', { id: q.id, ...person, name: '李娜', orgId: tree.street.id });
    expect(moved.orgId).toBe(tree.street.id);
    // The county is never marked: still refused.
    const county = await app.dispatcher.call('roster.create', { ...person, orgId: tree.county.id });
    expect(!county.ok && county.error.issues?.[0]?.path).toBe('orgId');
    expect(peopleCount(app)).toBe(2);
  });

  it('imports rows onto a marked street, with and without a unit column', async () => {
    await markStreet();
    const plain = bytesInput('a.csv', '姓名,性别,民族,出生日期,政治面貌,岗位类别\n导入一,女,汉族,1985-03-01,群众,其他\n');
    const preview = await app.ok('roster.importPreview', { ...plain, orgId: tree.street.id });
    expect(preview.rows[0]).toMatchObject({ action: 'create' });
    const named = bytesInput('b.csv', '姓名,性别,民族,出生日期,政治面貌,岗位类别,所属组织\n导入二,女,汉族,1985-03-01,群众,其他,人民路街道\n');
    await app.ok('roster.importCommit', { ...named, orgId: tree.county.id });
    await app.ok('roster.importCommit', { ...plain, orgId: tree.street.id });
    expect(peopleCount(app)).toBe(2);
    const orgIds = app.opened.sqlite.prepare('SELECT DISTINCT org_id AS o FROM people').all() as { o: string }[];
    expect(orgIds).toEqual([{ o: tree.street.id }]);
  });

  it('still refuses an unmarked street (the mark is per street)', async () => {
    const other = await app.ok('org.create', { level: 'street', parentId: tree.county.id, name: '东关街道', code: '610402002000' });
    await markStreet();
    const env = await app.dispatcher.call('roster.create', { ...person, orgId: other.id });
    expect(!env.ok && env.error.message).toContain('「所属社区」“东关街道”是街道（乡镇），人员只能登记在社区下');
    const sheet = bytesInput('c.csv', '姓名,性别,民族,出生日期,政治面貌,岗位类别\n导入三,女,汉族,1985-03-01,群众,其他\n');
    const preview = await app.ok('roster.importPreview', { ...sheet, orgId: other.id });
    expect(preview.rows[0]).toMatchObject({ action: 'error' });
    expect(peopleCount(app)).toBe(0);
  });
});
