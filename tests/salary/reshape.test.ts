import { describe, expect, it } from 'vitest';
import { reshape, switchAmountKind, withPostPay } from '../../renderer/src/features/salary/reshape.ts';
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
  it('renames or drops every other post reference by position, as it does table rows', () => {
    const base = sample();
    const c = {
      ...base,
      postPay: [{ post: '社区正职', amountFen: 50_000, allowanceFen: 0 }, { post: '社区副职', amountFen: 30_000, allowanceFen: 0 }],
      performancePay: { ...base.performancePay, postCoefficients: [{ post: '社区正职', coefficient: 1.4 }, { post: '社区副职', coefficient: 1.2 }] },
      probation: { months: 3, percent: 80, ofPost: '社区正职', performancePaid: false, allowancesPaid: true },
    };
    if (c.amountModel.kind !== 'coefficient') throw new Error('expected coefficients');
    c.amountModel = { ...c.amountModel, postCoefficients: [{ post: '社区正职', coefficients: [1.1] }] };
    const before = c.posts.map((p) => p.name);
    const renamed = reshape({ ...c, posts: c.posts.map((p, i) => (i === 0 ? { ...p, name: '社区书记' } : p)) }, before);
    expect(renamed.postPay.map((p) => p.post)).toEqual(['社区书记', '社区副职']);
    expect(renamed.performancePay.postCoefficients).toEqual([{ post: '社区书记', coefficient: 1.4 }, { post: '社区副职', coefficient: 1.2 }]);
    expect(renamed.amountModel.kind === 'coefficient' && renamed.amountModel.postCoefficients.map((r) => r.post)).toEqual(['社区书记']);
    expect(renamed.probation?.ofPost).toBe('社区书记');
    expect(checkScheme(renamed).filter((i) => /社区正职/.test(i.message))).toEqual([]);
    // 社区副职 removed: its entries go with it, the others stay.
    const removed = reshape({ ...c, posts: c.posts.filter((p) => p.name !== '社区副职') });
    expect(removed.postPay.map((p) => p.post)).toEqual(['社区正职']);
    expect(removed.performancePay.postCoefficients.map((p) => p.post)).toEqual(['社区正职']);
  });

  it('keeps a mistyped post-pay amount in the draft and drops a row only when both amounts are 0', () => {
    const typo = withPostPay([], '社区正职', { amountFen: Number.NaN });
    expect(typo).toHaveLength(1);
    expect(typo[0]!.amountFen).toBeNaN();
    expect(withPostPay(typo, '社区正职', { amountFen: 0 })).toEqual([]);
    expect(withPostPay([], '社区正职', { allowanceFen: 20_000 })).toEqual([{ post: '社区正职', amountFen: 0, allowanceFen: 20_000 }]);
  });

  it('a fresh table is reported incomplete by core until every in-band cell is filled', () => {
    const t = switchAmountKind(sample(), 'table');
    expect(checkScheme(t).length).toBe(12 + 12 + 12);
  });
});
