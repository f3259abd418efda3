import { describe, expect, it } from 'vitest';
import { reshape, switchAmountKind } from '../../renderer/src/features/salary/reshape.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { schemeConfig } from '../../core/salary/scheme-schema.ts';
import { checkScheme } from '../../core/salary/scheme-rules.ts';

// The grid editor keeps a draft well-formed while its shape changes (levels, posts, model).

const sample = () => schemeConfig.parse(sampleSchemeConfig());

describe('draft reshaping in the grid editor', () => {
  it('follows the number of levels (三岗十八级 → 四岗二十四级)', () => {
    const c = reshape({ ...sample(), levelCount: 24 });
    expect(c.amountModel.kind === 'coefficient' && c.amountModel.coefficients.length).toBe(24);
    expect(c.amountModel.kind === 'coefficient' && c.amountModel.coefficients.slice(17)).toEqual([1.85, null, null, null, null, null, null]);
  });
  it('keeps a renamed post its table amounts and adds rows for new posts', () => {
    const t = switchAmountKind(sample(), 'table');
    if (t.amountModel.kind !== 'table') throw new Error('expected a table');
    t.amountModel.rows[0]!.amounts[6] = 123_400;
    const renamed = reshape({ ...t, posts: t.posts.map((p, i) => (i === 0 ? { ...p, name: '社区书记' } : p)) }, t.posts.map((p) => p.name));
    expect(renamed.amountModel.kind === 'table' && renamed.amountModel.rows[0]).toMatchObject({ post: '社区书记' });
    expect(renamed.amountModel.kind === 'table' && renamed.amountModel.rows[0]!.amounts[6]).toBe(123_400);
    const added = reshape({ ...t, posts: [...t.posts, { name: '专职工作人员', category: null, minLevel: 1, maxLevel: 12 }] });
    expect(added.amountModel.kind === 'table' && added.amountModel.rows.map((r) => r.post)).toEqual(['社区正职', '社区副职', '其他社区工作者', '专职工作人员']);
  });
  it('a fresh table is reported incomplete by core until every in-band cell is filled', () => {
    const t = switchAmountKind(sample(), 'table');
    expect(checkScheme(t).length).toBe(12 + 12 + 12);
  });
});
