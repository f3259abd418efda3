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
      expect(env.error.issues).toEqual([{ path: 'orgId', message: `「所属社区」“${unit.name}”是${label}，人员只能登记在社区下，请选择其下的社区` }]);
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
