import { describe, expect, it } from 'vitest';
import { contract } from '../../core/contract/index.ts';
import { nonFiniteIssues, nonFinitePaths } from '../../renderer/src/api/numbers.ts';

// call() refuses NaN before sending: JSON would carry it as null, which erases a nullable value.
describe('non-finite numbers in a call input', () => {
  it('finds NaN and Infinity at any depth', () => {
    expect(nonFinitePaths({ a: 1, b: Number.NaN, c: [0, Infinity], d: { e: null, f: 'x', g: -Infinity } })).toEqual(['b', 'c.1', 'd.g']);
    expect(nonFinitePaths({ a: 1, b: null, c: [0, 2.5] })).toEqual([]);
  });

  it('names a score cell 「得分」, as the contract does, where JSON would have erased the score', () => {
    const input = { cycleId: crypto.randomUUID(), rows: [{ entryId: crypto.randomUUID(), scores: { de: Number.NaN, neng: 3 } }] };
    const schema = contract['assessment.saveScores'].input;
    // The old way: NaN became null, which saveScores accepts as "clear this score".
    expect(schema.safeParse(JSON.parse(JSON.stringify(input))).success).toBe(true);
    const issues = nonFiniteIssues(input);
    expect(issues).toEqual([{ path: 'rows.0.scores.de', message: '「得分」应为数字' }]);
    // The same words the server uses for that field.
    const server = schema.safeParse(input);
    expect(server.success ? [] : server.error.issues.map((i) => i.message)).toContain(issues[0]!.message);
  });

  it('names form and grid fields as the contract does: 学时, 天数 of a class; 认定学时, 考核成绩 of an attendee', () => {
    const cls = { orgId: crypto.randomUUID(), name: '班', category: '专题培训', level: '县', form: '集中', startDate: '2025-01-01', endDate: '2025-01-01', days: Number.NaN, hours: Number.NaN };
    const issues = nonFiniteIssues(cls);
    expect(issues.map((i) => i.message)).toEqual(['「天数」应为数字', '「学时」应为数字']);
    const server = contract['training.classes.create'].input.safeParse(cls);
    expect(server.success).toBe(false);
    const serverMessages = server.success ? [] : server.error.issues.map((i) => i.message);
    for (const i of issues) expect(serverMessages).toContain(i.message);
    const att = { id: crypto.randomUUID(), creditedHours: Number.NaN, score: Number.NaN };
    expect(nonFiniteIssues(att).map((i) => i.message)).toEqual(['「认定学时」应为数字', '「考核成绩」应为数字']);
    const a = contract['training.attendance.update'].input.safeParse(att);
    const aMessages = a.success ? [] : a.error.issues.map((i) => i.message);
    for (const i of nonFiniteIssues(att)) expect(aMessages).toContain(i.message);
  });

  it('falls back to the path for a field it has no name for', () => {
    expect(nonFiniteIssues({ x: Number.NaN })).toEqual([{ path: 'x', message: '「x」应为数字' }]);
    expect(nonFiniteIssues({ x: 1 })).toEqual([]);
  });
});
