import { describe, expect, it } from 'vitest';
import { contract } from '../../core/contract/index.ts';
import { nonFiniteIssues, nonFinitePaths } from '../../renderer/src/api/numbers.ts';

// call() refuses NaN before sending: JSON would carry it as null, which erases a nullable value.
describe('non-finite numbers in a call input', () => {
  it('finds NaN and Infinity at any depth', () => {
    expect(nonFinitePaths({ a: 1, b: Number.NaN, c: [0, Infinity], d: { e: null, f: 'x', g: -Infinity } })).toEqual(['b', 'c.1', 'd.g']);
    expect(nonFinitePaths({ a: 1, b: null, c: [0, 2.5] })).toEqual([]);
  });

  it('names a score cell by the contract label (「得分」), where JSON would have erased the score', () => {
    const input = { cycleId: crypto.randomUUID(), rows: [{ entryId: crypto.randomUUID(), scores: { de: Number.NaN, neng: 3 } }] };
    // The old way: NaN became null, which saveScores accepts as "clear this score".
    expect(contract['assessment.saveScores'].input.safeParse(JSON.parse(JSON.stringify(input))).success).toBe(true);
    expect(nonFiniteIssues(input, contract['assessment.saveScores'].input)).toEqual([{ path: 'rows.0.scores.de', message: '「得分」应为数字' }]);
  });

  it('names form fields the same way: 学时 of a class, 进度 of a ledger item', () => {
    const cls = { orgId: crypto.randomUUID(), name: '班', category: '专题培训', level: '县', form: '集中', startDate: '2025-01-01', endDate: '2025-01-01', days: null, hours: Number.NaN };
    expect(nonFiniteIssues(cls, contract['training.classes.create'].input)).toEqual([{ path: 'hours', message: '「学时」应为数字' }]);
    expect(nonFiniteIssues({ id: crypto.randomUUID(), progress: Number.NaN }, contract['ledger.items.update'].input)).toEqual([{ path: 'progress', message: '「进度」应为 0–100 的整数' }]);
  });

  it('falls back to the path when no schema names the field', () => {
    expect(nonFiniteIssues({ x: Number.NaN }, undefined)).toEqual([{ path: 'x', message: '「x」应为数字' }]);
    expect(nonFiniteIssues({ x: 1 }, undefined)).toEqual([]);
  });
});
