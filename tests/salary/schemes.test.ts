import { afterEach, describe, expect, it } from 'vitest';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { auditCount, expectError, salaryApp } from './fixtures.ts';

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

describe('scheme versions', () => {
  it('lists, copies and reads versions', async () => {
    const s = await salaryApp();
    app = s.app;
    const copy = await app.ok('salary.copyScheme', { id: s.scheme.id, effectiveDate: '2025-07-01', docNo: '示例〔2025〕2号' });
    expect(copy.config).toEqual(s.scheme.config);
    const list = await app.ok('salary.schemes', {});
    expect(list.map((v) => v.effectiveDate)).toEqual(['2020-01-01', '2025-07-01']);
    expect(list[0]).toMatchObject({ sample: true, levelCount: 18, posts: ['社区正职', '社区副职', '其他社区工作者'], amountKind: 'coefficient' });
    const got = await app.ok('salary.scheme', { id: copy.id });
    expect(got.warnings).toEqual([]);
  });

  it('clears table cells outside a post band', async () => {
    const s = await salaryApp();
    app = s.app;
    const c = sampleSchemeConfig();
    c.amountModel = { kind: 'table', rows: c.posts.map((p) => ({ post: p.name, amounts: Array.from({ length: 18 }, (_, i) => 100_000 + i * 5_000) })) };
    const saved = await app.ok('salary.saveScheme', { orgId: s.tree.county.id, name: '对照表', effectiveDate: '2025-01-01', config: c });
    const m = saved.config.amountModel;
    expect(m.kind === 'table' && m.rows[0]!.amounts.slice(0, 7)).toEqual([null, null, null, null, null, null, 130_000]);
  });

  it.each<[string, (c: ReturnType<typeof sampleSchemeConfig>) => void, string]>([
    ['negative coefficient', (c) => { if (c.amountModel.kind === 'coefficient') c.amountModel.coefficients[3] = -1; }, '「等级系数」不能为负数'],
    ['missing coefficient', (c) => { if (c.amountModel.kind === 'coefficient') c.amountModel.coefficients[8] = null; }, '「9 级的等级系数」缺失'],
    ['missing table amount', (c) => {
      c.amountModel = { kind: 'table', rows: c.posts.map((p) => ({ post: p.name, amounts: Array(18).fill(100_000) })) };
      c.amountModel.rows[2]!.amounts[0] = null;
    }, '「岗位“其他社区工作者” 1 级的月额」缺失'],
    ['negative performance', (c) => { c.grades[0]!.performance = -0.1; }, '「绩效系数或金额」不能为负数'],
    ['band beyond the scale', (c) => { c.posts[2]!.maxLevel = 20; }, '超出级数 18'],
    ['fractional performance amount', (c) => { c.performanceKind = 'amount'; }, '应为整数（分）'],
  ])('rejects %s and writes nothing', async (_l, mutate, message) => {
    const s = await salaryApp();
    app = s.app;
    const c = sampleSchemeConfig();
    mutate(c);
    const before = auditCount(app);
    const err = await expectError(app, 'salary.saveScheme', { orgId: s.tree.county.id, name: '坏方案', effectiveDate: '2025-01-01', config: c });
    expect(err.code).toBe('validation');
    expect(err.message).toContain(message);
    expect(auditCount(app)).toBe(before);
    expect(await app.ok('salary.schemes', {})).toHaveLength(1);
  });

  it('rejects two versions with the same effective date', async () => {
    const s = await salaryApp();
    app = s.app;
    const err = await expectError(app, 'salary.saveScheme', { orgId: s.tree.county.id, name: '重复', effectiveDate: '2020-01-01', config: sampleSchemeConfig() });
    expect(err.message).toContain('「生效日期」2020-01-01 已有方案');
    const err2 = await expectError(app, 'salary.copyScheme', { id: s.scheme.id, effectiveDate: '2020-01-01' });
    expect(err2.code).toBe('conflict');
    expect(await app.ok('salary.schemes', {})).toHaveLength(1);
  });
});
