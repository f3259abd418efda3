import { describe, expect, it } from 'vitest';
import { proposePromotion } from '../../core/salary/promotion.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { schemeConfig, type SchemeConfigInput } from '../../core/salary/scheme-schema.ts';

// Step rules of issue 15 as options of the scheme: interval gated by each year's grade,
// failed years not counted or restarting the interval, early steps after N consecutive 优秀
// with a lifetime maximum, demotion after consecutive 基本称职, the band cap, old → new.

const scheme = (over: Partial<SchemeConfigInput> = {}) => schemeConfig.parse({ ...sampleSchemeConfig(), ...over });
const grades = (g: Record<number, string>) => new Map(Object.entries(g).map(([y, v]) => [Number(y), v]));
const at = (level: number, effectiveDate = '2020-01-01', post = '其他社区工作者') => ({ post, level, effectiveDate });

describe('step rules', () => {
  it('skips a failed year by default and restarts the interval with failedYear: resets', () => {
    const g = grades({ 2020: '称职', 2021: '基本称职', 2022: '称职', 2023: '称职' });
    const skip = proposePromotion(scheme(), 2023, { current: at(3), grades: g });
    expect([skip.action, skip.toLevel, skip.reason]).toEqual(['advance', 4, '到期晋级']);
    expect(skip.explanation).toContain('（3 级→4 级）');
    const reset = proposePromotion(scheme({ stepRules: { failedYear: 'resets' } }), 2023, { current: at(3), grades: g });
    expect([reset.action, reset.toLevel]).toEqual(['none', 3]);
    expect(reset.explanation).toContain('自 2022 年起计入晋级年限 2 年');
  });

  it('gives one early step after two consecutive 优秀, at most twice, without restarting the interval', () => {
    const c = scheme({ stepRules: { earlyStep: { grade: '优秀', consecutive: 2, maxTimes: 2 } } });
    const g = grades({ 2024: '优秀', 2025: '优秀' });
    const first = proposePromotion(c, 2025, { current: at(3, '2024-01-01'), grades: g, history: [{ effectiveDate: '2024-01-01', reason: '初次定级' }] });
    expect([first.action, first.toLevel, first.reason]).toEqual(['advance', 4, '提前晋级']);
    expect(first.explanation).toContain('第 1 次');
    // Two earlier early steps: the lifetime maximum is reached.
    const history = [{ effectiveDate: '2018-01-01', reason: '初次定级' }, { effectiveDate: '2020-01-01', reason: '提前晋级' }, { effectiveDate: '2022-01-01', reason: '提前晋级' }];
    const capped = proposePromotion(c, 2025, { current: at(5, '2022-01-01'), grades: grades({ 2022: '称职', 2023: '称职', 2024: '优秀', 2025: '优秀' }), history });
    expect(capped.explanation).toContain('已达 2 次上限');
    // The interval counts from 2018 (early steps do not restart it): 2018–2025 has 3+ years → regular step.
    expect([capped.action, capped.toLevel, capped.reason]).toEqual(['advance', 6, '到期晋级']);
  });

  it('adds a regular and an early step together but never above the band', () => {
    const c = scheme({ stepRules: { earlyStep: { grade: '优秀', consecutive: 2, maxTimes: 2 } } });
    const g = grades({ 2023: '优秀', 2024: '优秀', 2025: '优秀' });
    const both = proposePromotion(c, 2025, { current: at(3, '2023-01-01'), grades: g });
    expect([both.toLevel, both.reason]).toEqual([5, '到期晋级+提前晋级']);
    const top = proposePromotion(c, 2025, { current: at(11, '2023-01-01'), grades: g });
    expect([top.toLevel, top.reason]).toEqual([12, '到期晋级']);
    expect(top.explanation).toContain('受其他社区工作者最高 12 级限制');
  });

  it('restarts the interval after a regular and an early step together, and counts the early use', () => {
    const c = scheme({ stepRules: { earlyStep: { grade: '优秀', consecutive: 2, maxTimes: 1 } } });
    const first = [{ effectiveDate: '2023-01-01', reason: '初次定级' }];
    const g = grades({ 2023: '优秀', 2024: '优秀', 2025: '优秀', 2026: '称职', 2027: '优秀', 2028: '优秀' });
    const both = proposePromotion(c, 2025, { current: at(3, '2023-01-01'), grades: g, history: first });
    expect([both.toLevel, both.reason]).toEqual([5, '到期晋级+提前晋级']);
    const history = [...first, { effectiveDate: '2026-01-01', reason: both.reason! }];
    // 2023–2025 earned the regular step: 2026 称职 alone is not 3 years.
    const next = proposePromotion(c, 2026, { current: at(5, '2026-01-01'), grades: g, history });
    expect([next.action, next.toLevel]).toEqual(['none', 5]);
    expect(next.explanation).toContain('自 2026 年起计入晋级年限 1 年');
    // 2027–2028 优秀 again: the one early step of the career is used.
    const later = proposePromotion(c, 2028, { current: at(5, '2026-01-01'), grades: g, history });
    expect([later.toLevel, later.reason]).toEqual([6, '到期晋级']);
    expect(later.explanation).toContain('已达 1 次上限');
  });

  it('demotes after two consecutive 基本称职 as an option', () => {
    const g = grades({ 2024: '基本称职', 2025: '基本称职' });
    expect(proposePromotion(scheme(), 2025, { current: at(5, '2023-06-01'), grades: g }).action).toBe('none');
    const c = scheme({ stepRules: { demoteAfter: { grade: '基本称职', consecutive: 2 } } });
    const p = proposePromotion(c, 2025, { current: at(5, '2023-06-01'), grades: g });
    expect([p.action, p.toLevel, p.reason]).toEqual(['demote', 4, '考核降级']);
    expect(p.explanation).toBe('连续 2 年考核基本称职 → 降 1 级（5 级→4 级）');
    // The same two years cannot cut again after the change they caused.
    expect(proposePromotion(c, 2025, { current: at(4, '2026-01-01'), grades: g }).action).toBe('none');
  });
});
