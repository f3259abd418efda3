import { describe, expect, it } from 'vitest';
import { applicableRules, evaluateRequirement, SAMPLE_RULES, type RequirementRule } from '../../core/training/requirements.ts';
import { checkClassFigures } from '../../core/training/rules.ts';

const samples: RequirementRule[] = SAMPLE_RULES.map((r, i) => ({ ...r, id: `s${i}` }));
const secretary = { posts: ['书记'], postCategory: '正职' };
const worker = { posts: ['专职社区工作者'], postCategory: '其他' };

describe('requirement evaluation per role', () => {
  it('holds a 书记 to 7 days of county-level or higher training, ignoring street-level days', () => {
    const ev = evaluateRequirement(samples, secretary, 2026, [
      { level: '县', hours: 30, days: 5 },
      { level: '街道', hours: 16, days: 2 },
    ]);
    expect(ev).toMatchObject({ met: false, isSample: true, requirement: '县级及以上培训不少于 7 天（示例）', shortfall: '县级及以上培训还差 2 天' });
    const higher = evaluateRequirement(samples, secretary, 2026, [{ level: '县', hours: 30, days: 5 }, { level: '市', hours: 12, days: 2 }]);
    expect(higher.met).toBe(true);
  });

  it('holds everyone else to the sample 学时 figure at any level', () => {
    expect(evaluateRequirement(samples, worker, 2026, [{ level: '社区', hours: 39.5, days: 5 }]).met).toBe(false);
    expect(evaluateRequirement(samples, worker, 2026, [{ level: '社区', hours: 20, days: 3 }, { level: '街道', hours: 20, days: 3 }]).met).toBe(true);
  });

  it('lets post rules beat category rules, and year rules replace every-year rules', () => {
    const rules: RequirementRule[] = [
      ...samples,
      { id: 'cat', year: null, post: null, postCategory: '副职', unit: '学时', amount: 60, minLevel: null, isSample: false, sortOrder: 9, remarks: null },
    ];
    expect(applicableRules(rules, { posts: ['居委会副主任'], postCategory: '副职' }, 2026).map((r) => r.id)).toEqual(['cat']);
    expect(applicableRules(rules, { posts: ['书记', '居委会主任'], postCategory: '正职' }, 2026).map((r) => r.id)).toEqual(['s0', 's1']);
    const y2027: RequirementRule = { id: 'y', year: 2027, post: null, postCategory: null, unit: '学时', amount: 10, minLevel: null, isSample: false, sortOrder: 1, remarks: null };
    expect(applicableRules([...rules, y2027], secretary, 2027).map((r) => r.id)).toEqual(['y']);
    expect(applicableRules([...rules, y2027], secretary, 2026).map((r) => r.id)).toEqual(['s0']);
  });

  it('reports no requirement when no rule applies', () => {
    expect(evaluateRequirement([], worker, 2026, [])).toMatchObject({ requirement: null, met: null });
  });
});

describe('class figures', () => {
  it('rejects an end date before the start date', () => {
    expect(checkClassFigures({ startDate: '2026-05-10', endDate: '2026-05-09', days: null, hours: 8 })[0]?.path).toBe('endDate');
  });
  it('rejects hours of zero or below and more than 24 per day', () => {
    expect(checkClassFigures({ startDate: '2026-05-10', endDate: '2026-05-10', days: null, hours: 0 })[0]?.path).toBe('hours');
    expect(checkClassFigures({ startDate: '2026-05-10', endDate: '2026-05-11', days: null, hours: 49 })[0]?.message).toContain('24');
    expect(checkClassFigures({ startDate: '2026-05-10', endDate: '2026-05-11', days: null, hours: 48 })).toEqual([]);
    expect(checkClassFigures({ startDate: '2026-05-10', endDate: '2026-05-14', days: 1, hours: 30 })[0]?.path).toBe('hours');
  });
});
