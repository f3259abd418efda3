import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.ts';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { scoreRows, seedCycle, session, type Call } from './fixture.ts';

// Issue 19: the 民主测评 tally table block by block (assessment.sessionPage) and the merge mode
// of saveSession that lets a paged table save only the rows typed in.

let app: TestApp;
let call: Call;
let s: Awaited<ReturnType<typeof seedCycle>>;
let first: { id: string; tallies: Record<string, Record<string, number>> };
const good = (name: string) => (['赵一', '钱二', '孙三'].includes(name) ? 40 : name === '陈十' ? 5 : 25);
beforeEach(async () => {
  app = openTestApp();
  call = async (op, input) => {
    const env = await app.dispatcher.dispatch(op, input);
    if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
    return env.data;
  };
  s = await seedCycle(call);
  await call('assessment.saveScores', { cycleId: s.cycle.id, rows: scoreRows(s.sheet) });
  first = await call('assessment.saveSession', session(s.cycle.id, s.sheet, (n) => ({ 优秀: good(n), 称职: 45 - good(n) - (n === '陈十' ? 30 : 0), 不称职: n === '陈十' ? 30 : 0 })));
  // A second session, so the rates (all sessions) differ from this session's counts alone.
  await call('assessment.saveSession', { ...session(s.cycle.id, s.sheet, (n) => ({ 优秀: n === '陈十' ? 20 : 10 })), date: '2025-12-22', raterGroup: '社区两委' });
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

type Row = { entryId: string; name: string; orgName: string; counts: Record<string, number>; sum: number; rates: Record<string, number | null> };
const page = (over: Record<string, unknown> = {}): Promise<{ rows: Row[]; rowCount: number }> =>
  call('assessment.sessionPage', { cycleId: s.cycle.id, sessionId: first.id, startRow: 0, endRow: 100, sort: [], filters: [], ...over });
const blocks = async (size: number, over: Record<string, unknown> = {}) => {
  const out: Row[] = [];
  for (let start = 0; ; start += size) {
    const p = await page({ startRow: start, endRow: start + size, ...over });
    out.push(...p.rows);
    if (start + size >= p.rowCount) return out;
  }
};
const okAudits = () => (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
const storedTallies = async () => (await call('assessment.sheet', { cycleId: s.cycle.id })).sessions.find((x: { id: string }) => x.id === first.id).tallies;
const header = () => ({ cycleId: s.cycle.id, id: first.id, date: '2025-12-20', raterGroup: '党员和居民代表', issued: 50, returned: 48, valid: 45, invalid: 3, counter: '张计票', supervisor: '李监票', announced: true });

describe('assessment.sessionPage', () => {
  it('pages joined equal the session tallies and the sheet rates, in sheet order; a new session has empty counts', async () => {
    const sheet = await call('assessment.sheet', { cycleId: s.cycle.id });
    const tallies = sheet.sessions.find((x: { id: string }) => x.id === first.id).tallies;
    const paged = await blocks(3);
    expect(paged.map((r) => r.entryId)).toEqual(sheet.rows.map((r: Row) => r.entryId));
    expect(paged.map((r) => r.counts)).toEqual(sheet.rows.map((r: Row) => tallies[r.entryId]));
    expect(paged.map((r) => r.rates)).toEqual(sheet.rows.map((r: Row) => r.rates));
    expect(paged.map((r) => r.sum)).toEqual(sheet.rows.map((r: Row) => Object.values(tallies[r.entryId] as Record<string, number>).reduce((a, b) => a + b, 0)));
    // Rates are over both sessions, not this one's counts alone.
    expect(paged.find((r) => r.name === '陈十')!.rates['优秀']).toBeCloseTo(25 / 90, 4);
    const fresh = await page({ sessionId: null });
    expect(fresh.rowCount).toBe(10);
    expect(fresh.rows.every((r) => Object.keys(r.counts).length === 0 && r.sum === 0)).toBe(true);
  });

  it('sorts by a count column and by a rate; refuses an option not in the scheme naming it', async () => {
    const by = await page({ sort: [{ column: 'count:不称职', dir: 'desc' }, { column: 'count:优秀', dir: 'asc' }] });
    expect(by.rows[0]!.name).toBe('陈十');
    expect(by.rows.slice(1).map((r) => r.counts['优秀'])).toEqual([25, 25, 25, 25, 25, 25, 40, 40, 40]);
    const byRate = await page({ sort: [{ column: 'rate:优秀', dir: 'asc' }], startRow: 0, endRow: 1 });
    expect(byRate.rows[0]!.name).toBe('陈十');
    const filtered = await page({ filters: [{ column: 'count:优秀', kind: 'number', type: 'equals', value: 40 }] });
    expect(filtered.rows.map((r) => r.name).sort()).toEqual(['孙三', '赵一', '钱二'].sort());
    expect(filtered.rowCount).toBe(3);
    const bad = await app.dispatcher.dispatch('assessment.sessionPage', { cycleId: s.cycle.id, sessionId: first.id, startRow: 0, endRow: 10, sort: [{ column: 'count:良好', dir: 'asc' }], filters: [] });
    expect(!bad.ok && bad.error.message).toContain('良好');
    expect(!bad.ok && bad.error.message).toContain('排序列');
  });

  it('a clerk of another community is refused', async () => {
    const other = await call('org.create', { level: 'community', parentId: s.street.id, name: '东风社区', code: '610402001002' });
    await page(); // the system actor's rows are now kept
    const clerk: Actor = { kind: 'user', id: 'clerk-b', name: '东风录入员', role: 'clerk', orgScopeId: other.id };
    const refused = await app.dispatcher.call('assessment.sessionPage', { cycleId: s.cycle.id, sessionId: first.id, startRow: 0, endRow: 100, sort: [], filters: [] }, clerk);
    expect(!refused.ok && refused.error.code).toBe('forbidden');
  });
});

describe('assessment.saveSession talliesMode', () => {
  it('merge changes the given people, clears one given empty, and keeps every other stored tally', async () => {
    const before = await storedTallies();
    const [a, b] = s.sheet.rows as { entryId: string; name: string }[];
    await call('assessment.saveSession', { ...header(), counter: '王计票', talliesMode: 'merge', tallies: [{ entryId: a!.entryId, counts: { 优秀: 30, 称职: 15 } }, { entryId: b!.entryId, counts: {} }] });
    const after = await storedTallies();
    expect(after[a!.entryId]).toEqual({ 优秀: 30, 称职: 15 });
    expect(after[b!.entryId]).toBeUndefined();
    const { [a!.entryId]: _a, [b!.entryId]: _b, ...restBefore } = before;
    const { [a!.entryId]: _a2, ...restAfter } = after;
    expect(restAfter).toEqual(restBefore);
    expect(Object.keys(restAfter)).toHaveLength(8);
    expect((await call('assessment.sheet', { cycleId: s.cycle.id })).sessions.find((x: { id: string }) => x.id === first.id).counter).toBe('王计票');
  });

  it('merge refuses a count above the valid ballots naming the person, and writes nothing', async () => {
    const before = await storedTallies();
    const audits = okAudits();
    const who = s.sheet.rows[3] as { entryId: string; name: string };
    const r = await app.dispatcher.dispatch('assessment.saveSession', { ...header(), talliesMode: 'merge', tallies: [{ entryId: who.entryId, counts: { 优秀: 46 } }] });
    expect(!r.ok && r.error.message).toContain(`「${who.name}·优秀」票数 46 超过有效票数 45`);
    // A lowered 有效票 is checked against the stored tallies kept by the merge, naming them.
    const lowered = await app.dispatcher.dispatch('assessment.saveSession', { ...header(), valid: 30, invalid: 18, talliesMode: 'merge', tallies: [{ entryId: who.entryId, counts: { 优秀: 10 } }] });
    expect(!lowered.ok && lowered.error.message).toContain('「赵一·优秀」票数 40 超过有效票数 30');
    expect(await storedTallies()).toEqual(before);
    expect(okAudits()).toBe(audits);
  });

  it('replace (the default) still replaces the whole table', async () => {
    const who = s.sheet.rows[0] as { entryId: string };
    await call('assessment.saveSession', { ...header(), tallies: [{ entryId: who.entryId, counts: { 优秀: 1 } }] });
    expect(await storedTallies()).toEqual({ [who.entryId]: { 优秀: 1 } });
    const bad = await app.dispatcher.dispatch('assessment.saveSession', { ...header(), talliesMode: 'add' });
    expect(!bad.ok && bad.error.message).toContain('计票保存方式');
  });
});
