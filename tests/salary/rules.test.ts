import { describe, expect, it } from 'vitest';
import { divRoundHalfUp, fenToYuan, mulCoef, yuanToFen } from '../../core/salary/money.ts';
import { gradeInitial, type GradingPerson } from '../../core/salary/grading.ts';
import { proposePromotion } from '../../core/salary/promotion.ts';
import { computePayLine, baseAmount } from '../../core/salary/pay.ts';
import { rowInEffect, versionInEffect } from '../../core/salary/effective.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { schemeConfig, type SchemeConfig } from '../../core/salary/scheme-schema.ts';
import { checkScheme, nonRisingLevels } from '../../core/salary/scheme-rules.ts';

const sample = (): SchemeConfig => schemeConfig.parse(sampleSchemeConfig());

describe('money rounding: half up to the fen, once per multiplication', () => {
  it.each([
    [300000, 1.05, 315000],
    [333333, 1.5, 500000], // 499999.5 → 500000 (half rounds up)
    [333331, 0.5, 166666], // 166665.5 → 166666
    [1, 0.4999, 0], // 0.4999 → 0
    [1, 0.5, 1], // exactly half → up
    [390000, 1.15, 448500], // binary floating point would give 448499.99999999994
    [12345, 0.3333, 4115], // 4114.5885 → 4115
    [0, 2, 0],
  ])('%i 分 × %f = %i 分', (fen, coef, want) => {
    expect(mulCoef(fen, coef)).toBe(want);
  });
  it('rejects coefficients with more than 4 decimals', () => {
    expect(() => mulCoef(100, 1.00001)).toThrow();
  });
  it('integer division rounds half up', () => {
    expect(divRoundHalfUp(5, 2)).toBe(3);
    expect(divRoundHalfUp(4, 3)).toBe(1);
    expect(divRoundHalfUp(5, 3)).toBe(2);
  });
  it('converts between fen and yuan text', () => {
    expect(fenToYuan(123456)).toBe('1234.56');
    expect(fenToYuan(5)).toBe('0.05');
    expect(yuanToFen('1234.5')).toBe(123450);
    expect(yuanToFen('12.345')).toBeNull();
  });
});

const person = (over: Partial<GradingPerson> = {}): GradingPerson => ({
  postCategory: '正职', communityWorkStartDate: null, ftEducation: null, ftDegree: null, ptEducation: null, ptDegree: null,
  swQualification: null, swQualificationDate: null, ...over,
});

describe('initial grading (初次定级), one row per rule', () => {
  const asOf = '2025-07-01';
  it.each<[string, Partial<GradingPerson>, string, number]>([
    ['start level of the post only', { postCategory: '其他' }, '其他社区工作者', 1],
    ['副职 start', { postCategory: '副职' }, '社区副职', 4],
    ['service: 7 years → +2', { communityWorkStartDate: '2018-06-30' }, '社区正职', 9],
    ['service: 2 years 11 months → +0', { communityWorkStartDate: '2022-08-01' }, '社区正职', 7],
    ['service: exactly 3 years → +1', { communityWorkStartDate: '2022-07-01' }, '社区正职', 8],
    ['本科 counts 3 years', { ftEducation: '大学本科' }, '社区正职', 8],
    ['硕士 degree counts 5 years (completes 1 step)', { ftEducation: '研究生', ftDegree: '硕士' }, '社区正职', 8],
    ['博士 counts 7 years', { ftEducation: '研究生', ftDegree: '博士' }, '社区正职', 9],
    ['education years complete partial service steps: 2 + 5 = 7 → +2', { communityWorkStartDate: '2023-07-01', ftEducation: '研究生', ftDegree: '硕士' }, '社区正职', 9],
    ['part-time education counts when the scheme allows', { ftEducation: '大学专科', ptEducation: '大学本科' }, '社区正职', 8],
    ['社工师 → +1 level', { swQualification: '社工师' }, '社区正职', 8],
    ['高级社工师 → +2 levels', { swQualification: '高级社工师' }, '社区正职', 9],
    ['助理社工师 → allowance, no level', { swQualification: '助理社工师' }, '社区正职', 7],
    ['qualification obtained after the grading date does not count', { swQualification: '社工师', swQualificationDate: '2025-08-01' }, '社区正职', 7],
    ['the issue example: 7 years + 本科 + 社工师 on 正职 → 11', { communityWorkStartDate: '2018-01-01', ftEducation: '大学本科', swQualification: '社工师' }, '社区正职', 11],
    ['capped at the post maximum', { postCategory: '其他', communityWorkStartDate: '1990-01-01', ftEducation: '研究生', ftDegree: '博士' }, '其他社区工作者', 12],
  ])('%s', (_label, over, post, level) => {
    const r = gradeInitial(sample(), person(over), asOf);
    expect(r.ok && { post: r.post, level: r.level }).toEqual({ post, level });
  });

  it('explains every step in words', () => {
    const r = gradeInitial(sample(), person({ communityWorkStartDate: '2018-01-01', ftEducation: '大学本科', swQualification: '社工师' }), asOf);
    expect(r.ok && r.steps.map((s) => s.text)).toEqual([
      '社区工作 7 年（每满 3 年 1 级）→ +2 级',
      '本科视同 3 年（合计 10 年）→ +1 级',
      '社工师 → +1 级',
      '社区正职起点 7 级 → 11 级',
    ]);
  });

  it('uses the education credits and step interval of the scheme (四岗二十四级, 2-year step)', () => {
    const c = sample();
    c.stepYears = 2;
    c.educationCredits = [{ education: '本科', years: 4 }];
    const r = gradeInitial(c, person({ communityWorkStartDate: '2020-07-01', ftEducation: '大学本科' }), asOf);
    expect(r.ok && r.level).toBe(7 + 2 + 2);
  });

  it('reports a 岗位类别 with no post in the scheme', () => {
    const c = sample();
    c.posts[0]!.category = null;
    const r = gradeInitial(c, person(), asOf);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('岗位类别');
  });
});

describe('promotion gating', () => {
  const c = sample();
  const subject = (grades: [number, string][], level = 9, since = '2022-01-01') => ({
    current: { post: '社区正职', level, effectiveDate: since },
    grades: new Map(grades),
  });
  it.each<[string, [number, string][], string, number]>([
    ['3 years 称职 → advance', [[2022, '称职'], [2023, '称职'], [2024, '称职']], 'advance', 10],
    ['优秀 counts like 称职', [[2022, '优秀'], [2023, '称职'], [2024, '优秀']], 'advance', 10],
    ['基本称职 in the run year holds', [[2022, '称职'], [2023, '称职'], [2024, '基本称职']], 'none', 9],
    ['基本称职 earlier does not count toward the interval', [[2022, '基本称职'], [2023, '称职'], [2024, '称职']], 'none', 9],
    ['不称职 demotes one level', [[2022, '称职'], [2023, '称职'], [2024, '不称职']], 'demote', 8],
    ['only 2 years since the last step', [[2023, '称职'], [2024, '称职']], 'none', 9],
    ['missing grade for the run year', [[2022, '称职'], [2023, '称职']], 'none', 9],
  ])('%s', (_l, grades, action, to) => {
    const p = proposePromotion(c, 2024, subject(grades));
    expect({ action: p.action, to: p.toLevel }).toEqual({ action, to });
  });
  it('a step taken mid-year starts counting the next year', () => {
    const g: [number, string][] = [[2022, '称职'], [2023, '称职'], [2024, '称职']];
    expect(proposePromotion(c, 2024, subject(g, 9, '2022-07-01')).action).toBe('none');
    expect(proposePromotion(c, 2025, subject([...g, [2025, '称职']], 9, '2022-07-01')).action).toBe('advance');
  });
  it('never above the post maximum nor below its minimum', () => {
    const g: [number, string][] = [[2022, '称职'], [2023, '称职'], [2024, '称职']];
    expect(proposePromotion(c, 2024, subject(g, 18)).action).toBe('none');
    expect(proposePromotion(c, 2024, subject([[2024, '不称职']], 7)).action).toBe('none');
  });
  it('skips a person without a level', () => {
    expect(proposePromotion(c, 2024, { current: null, grades: new Map() }).action).toBe('skip');
  });
  it('follows the configured action: 基本称职 set to advance counts', () => {
    const c2 = sample();
    c2.grades.find((g) => g.grade === '基本称职')!.action = 'advance';
    expect(proposePromotion(c2, 2024, subject([[2022, '基本称职'], [2023, '称职'], [2024, '称职']])).action).toBe('advance');
  });
});

describe('pay line', () => {
  it('adds base, seniority band, qualification allowance and performance', () => {
    const c = sample();
    // level 11 coefficient 1.50 × 3000.00 = 4500.00; 10+ years band 200.00; 称职 0.2 × 4500.00 = 900.00
    const l = computePayLine(c, '社区正职', 11, { communityWorkStartDate: '2014-03-01', swQualification: '助理社工师', swQualificationDate: '2020-01-01' }, '称职', '2025-03-01');
    expect(l.baseFen).toBe(450_000);
    expect(l.allowances).toEqual([{ name: '服务年限津贴（示例）', amountFen: 20_000 }, { name: '助理社工师资格津贴', amountFen: 20_000 }]);
    expect(l.performanceFen).toBe(90_000);
    expect(l.totalFen).toBe(450_000 + 40_000 + 90_000);
  });
  it('uses a table amount and a fixed performance amount when configured', () => {
    const c = sample();
    c.amountModel = { kind: 'table', rows: c.posts.map((p) => ({ post: p.name, amounts: Array.from({ length: 18 }, (_, i) => (i + 1 >= p.minLevel && i + 1 <= p.maxLevel ? 200_000 + i * 10_001 : null)) })) };
    c.performanceKind = 'amount';
    c.grades = c.grades.map((g) => ({ ...g, performance: g.grade === '优秀' ? 50_000 : 30_000 }));
    const l = computePayLine(c, '社区副职', 5, { communityWorkStartDate: null, swQualification: null, swQualificationDate: null }, '优秀', '2025-01-01');
    expect(l.baseFen).toBe(240_004);
    expect(l.performanceFen).toBe(50_000);
    expect(l.totalFen).toBe(290_004);
    expect(baseAmount(c, '社区副职', 2)).toBeNull();
  });
  it('rounds performance once: odd base × 0.3', () => {
    const c = sample();
    c.amountModel = { kind: 'coefficient', baseFen: 333_335, baseSource: null, baseEdition: null, coefficients: Array(18).fill(1), postCoefficients: [] };
    const l = computePayLine(c, '社区正职', 7, { communityWorkStartDate: null, swQualification: null, swQualificationDate: null }, '优秀', '2025-01-01');
    expect(l.performanceFen).toBe(100_001); // 100000.5 → 100001
    expect(l.totalFen).toBe(333_335 + 100_001);
  });
});

describe('effective dating', () => {
  const versions = [{ id: 'a', effectiveDate: '2024-01-01' }, { id: 'b', effectiveDate: '2025-07-01' }];
  it.each([['2023-12-01', null], ['2024-01-01', 'a'], ['2025-06-01', 'a'], ['2025-07-01', 'b'], ['2026-01-01', 'b']])('%s → %s', (d, want) => {
    expect(versionInEffect(versions, d)?.id ?? null).toBe(want);
  });
  it('a later write on the same day wins', () => {
    const rows = [{ effectiveDate: '2025-01-01', changeSeq: 5, level: 9 }, { effectiveDate: '2025-01-01', changeSeq: 7, level: 8 }];
    expect(rowInEffect(rows, '2025-02-01')?.level).toBe(8);
  });
});

describe('scheme consistency', () => {
  it('the sample passes and rises with level', () => {
    expect(checkScheme(sample())).toEqual([]);
    expect(nonRisingLevels(sample())).toEqual([]);
  });
  it.each<[string, (c: SchemeConfig) => void, string]>([
    ['band above the scale', (c) => { c.posts[0]!.maxLevel = 19; }, '「岗位“社区正职”的最高级」19 超出级数 18'],
    ['min above max', (c) => { c.posts[1]!.minLevel = 16; }, '起点级'],
    ['coefficient count', (c) => { if (c.amountModel.kind === 'coefficient') c.amountModel.coefficients.pop(); }, '「等级系数」应有 18 个'],
    ['missing coefficient', (c) => { if (c.amountModel.kind === 'coefficient') c.amountModel.coefficients[4] = null; }, '「5 级的等级系数」缺失'],
    ['duplicate post', (c) => { c.posts[1]!.name = '社区正职'; }, '重复'],
    ['seniority bands not ascending', (c) => { const a = c.allowances[0]!; if (a.kind === 'seniority') a.bands[2]!.minYears = 3; }, '逐档递增'],
  ])('%s', (_l, mutate, message) => {
    const c = sample();
    mutate(c);
    expect(checkScheme(c).map((i) => i.message).join('；')).toContain(message);
  });
  it('warns where amounts do not rise', () => {
    const c = sample();
    if (c.amountModel.kind === 'coefficient') c.amountModel.coefficients[9] = 1.4;
    expect(nonRisingLevels(c)).toContainEqual({ post: '社区正职', level: 10 });
  });
  it('zod rejects negative and missing amounts with the field named', () => {
    const bad = sampleSchemeConfig();
    bad.amountModel = { kind: 'coefficient', baseFen: -1, coefficients: [] };
    const r = schemeConfig.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain('「工资基数」不能为负数');
  });
});
