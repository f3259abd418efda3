import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.ts';
import { pagingStats } from '../../core/paging/computed.ts';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { person, scoreRows, seedCycle, session, type Call } from './fixture.ts';

// Issue 19: the assessment sheet block by block. Pages must be the sheet's own rows (open and
// locked), sorted and filtered on the server, the summary's counts those of the whole sheet.

let app: TestApp;
let call: Call;
let s: Awaited<ReturnType<typeof seedCycle>>;
beforeEach(async () => {
  app = openTestApp();
  call = async (op, input) => {
    const env = await app.dispatcher.dispatch(op, input);
    if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
    return env.data;
  };
  s = await seedCycle(call);
  await call('assessment.saveScores', { cycleId: s.cycle.id, rows: scoreRows(s.sheet) });
  const good = (name: string) => (['赵一', '钱二', '孙三'].includes(name) ? 40 : name === '陈十' ? 5 : 25);
  await call('assessment.saveSession', session(s.cycle.id, s.sheet, (n) => ({ 优秀: good(n), 称职: 45 - good(n) - (n === '陈十' ? 30 : 0), 不称职: n === '陈十' ? 30 : 0 })));
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

type Row = { entryId: string; name: string; status: string; total: number; rank: number; scores: Record<string, number>; proposedGrade: string | null; finalGrade: string | null; tie: boolean };
const page = (over: Record<string, unknown> = {}): Promise<{ rows: Row[]; rowCount: number }> =>
  call('assessment.sheetPage', { cycleId: s.cycle.id, startRow: 0, endRow: 100, sort: [], filters: [], ...over });
const blocks = async (size: number, over: Record<string, unknown> = {}) => {
  const out: Row[] = [];
  for (let start = 0; ; start += size) {
    const p = await page({ startRow: start, endRow: start + size, ...over });
    out.push(...p.rows);
    if (start + size >= p.rowCount) return out;
  }
};
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('assessment.sheetPage / sheetSummary', () => {
  it('pages concatenated equal assessment.sheet rows in order, open and locked', async () => {
    const open = await call('assessment.sheet', { cycleId: s.cycle.id });
    expect(open.rows.length).toBe(10);
    expect(await blocks(3)).toEqual(open.rows);
    expect((await page({ startRow: 9, endRow: 12 })).rowCount).toBe(10);

    await call('assessment.acceptProposals', { cycleId: s.cycle.id });
    await call('assessment.confirm', { cycleId: s.cycle.id });
    const locked = await call('assessment.sheet', { cycleId: s.cycle.id });
    expect(locked.cycle.status).toBe('locked');
    const paged = await blocks(4);
    expect(paged).toEqual(locked.rows);
    expect(paged.every((r) => r.status === '已确认')).toBe(true);
    // Served from the frozen copy: a person added to the roster afterwards changes nothing.
    await call('roster.create', person(s.community.id, '新来者', 3));
    expect(await blocks(4)).toEqual(locked.rows);
  });

  it('sorts by total desc, rank, and an indicator column; ties keep the sheet order', async () => {
    const whole = (await call('assessment.sheet', { cycleId: s.cycle.id })).rows as Row[];
    const byTotal = await page({ sort: [{ column: 'total', dir: 'desc' }] });
    expect(byTotal.rows.map((r) => r.total)).toEqual(whole.map((r) => r.total).sort((a, b) => b - a));
    const byRank = await page({ sort: [{ column: 'rank', dir: 'asc' }] });
    expect(byRank.rows.map((r) => r.rank)).toEqual(whole.map((r) => r.rank).sort((a, b) => a - b));
    expect(byRank.rows[0]!.name).toBe('赵一');
    // 绩 falls by the fixture's name order, so ascending 绩 is that order reversed.
    const byJi = await page({ sort: [{ column: 'score:ji', dir: 'asc' }] });
    expect(byJi.rows.map((r) => r.scores.ji)).toEqual(whole.map((r) => r.scores.ji!).sort((a, b) => a - b));
    expect(names(byJi.rows)).toEqual(['陈十', '冯九', '王八', '郑七', '吴六', '周五', '李四', '孙三', '钱二', '赵一']);
    // Equal 德 for everyone: the sheet order stays.
    expect(names((await page({ sort: [{ column: 'score:de', dir: 'desc' }] })).rows)).toEqual(names(whole));
    const byComp = await page({ sort: [{ column: `component:${(await call('assessment.sheetSummary', { cycleId: s.cycle.id })).scheme.config.components[0].key}`, dir: 'asc' }], startRow: 0, endRow: 1 });
    expect(byComp.rows[0]!.name).toBe('陈十');
  });

  it('filters text and numbers and counts the filtered rows', async () => {
    const whole = (await call('assessment.sheet', { cycleId: s.cycle.id })).rows as Row[];
    expect(names((await page({ filters: [{ column: 'name', kind: 'text', type: 'contains', value: '三' }] })).rows)).toEqual(['孙三']);
    const top = await page({ filters: [{ column: 'rank', kind: 'number', type: 'lessThan', value: 4 }] });
    expect(top.rowCount).toBe(whole.filter((r) => r.rank < 4).length);
    const ji = await page({ filters: [{ column: 'score:ji', kind: 'number', type: 'inRange', value: 4, to: 5 }] });
    expect(names(ji.rows)).toEqual(whole.filter((r) => r.scores.ji! >= 4 && r.scores.ji! <= 5).map((r) => r.name));
    expect(ji.rowCount).toBe(3);
    const grade = whole.find((r) => r.proposedGrade && !r.tie)!.proposedGrade!;
    const byGrade = await page({ filters: [{ column: 'proposedGrade', kind: 'text', type: 'equals', value: grade }] });
    expect(byGrade.rowCount).toBe(whole.filter((r) => !r.tie && r.proposedGrade === grade).length);
  });

  it('refuses an unknown or malformed column and an oversized block with a message naming the field', async () => {
    const unknown = await app.dispatcher.dispatch('assessment.sheetPage', { cycleId: s.cycle.id, startRow: 0, endRow: 10, sort: [{ column: 'score:nope', dir: 'asc' }], filters: [] });
    expect(!unknown.ok && unknown.error.message).toContain('排序列');
    expect(!unknown.ok && unknown.error.message).toContain('score:nope');
    const bad = await app.dispatcher.dispatch('assessment.sheetPage', { cycleId: s.cycle.id, startRow: 0, endRow: 10, sort: [], filters: [{ column: 'score:a b', kind: 'number', type: 'equals', value: 1 }] });
    expect(!bad.ok && bad.error.message).toContain('筛选列');
    const big = await app.dispatcher.dispatch('assessment.sheetPage', { cycleId: s.cycle.id, startRow: 0, endRow: 501, sort: [], filters: [] });
    expect(!big.ok && big.error.message).toContain('结束行');
  });

  it('summary counts equal counts over the whole sheet, without rows or tallies', async () => {
    await call('assessment.acceptProposals', { cycleId: s.cycle.id });
    const whole = await call('assessment.sheet', { cycleId: s.cycle.id });
    const sum = await call('assessment.sheetSummary', { cycleId: s.cycle.id });
    const count = (f: (r: Row) => string | null) => {
      const m: Record<string, number> = {};
      for (const r of whole.rows as Row[]) { const k = f(r); if (k !== null) m[k] = (m[k] ?? 0) + 1; }
      return m;
    };
    expect(sum.rowCount).toBe(10);
    expect(sum.proposedCounts).toEqual(count((r) => (r.tie ? '并列待定' : r.proposedGrade)));
    expect(sum.finalCounts).toEqual(count((r) => r.finalGrade));
    expect(Object.keys(sum.finalCounts).length).toBeGreaterThan(1);
    expect(sum.statusCounts).toEqual(count((r) => r.status));
    expect(sum.quota).toBe(whole.quota);
    expect(sum.leaves).toEqual(whole.leaves);
    expect(sum.cycle).toEqual(whole.cycle);
    expect(sum.rows).toBeUndefined();
    expect(sum.sessions.map((x: { id: string }) => x.id)).toEqual(whole.sessions.map((x: { id: string }) => x.id));
    expect(sum.sessions[0].tallies).toBeUndefined();
  });

  it('summary and two blocks build the sheet once; saveScores makes the next block show the new totals', async () => {
    await page(); // warm: whatever the set-up left
    const before = pagingStats();
    await call('assessment.sheetSummary', { cycleId: s.cycle.id });
    await page({ startRow: 0, endRow: 5 });
    await page({ startRow: 5, endRow: 10 });
    expect(pagingStats().computed - before.computed).toBe(0);
    expect(pagingStats().hits - before.hits).toBe(3);

    const last = (await page({ filters: [{ column: 'name', kind: 'text', type: 'equals', value: '陈十' }] })).rows[0]!;
    await call('assessment.saveScores', { cycleId: s.cycle.id, rows: [{ entryId: last.entryId, scores: { ji: 6 } }] });
    const mid = pagingStats();
    const again = (await page({ filters: [{ column: 'name', kind: 'text', type: 'equals', value: '陈十' }] })).rows[0]!;
    expect(pagingStats().computed - mid.computed).toBe(1);
    expect(again.scores.ji).toBe(6);
    expect(again.total).toBeGreaterThan(last.total);
    expect(again.total).toBe((await call('assessment.sheet', { cycleId: s.cycle.id })).rows.find((r: Row) => r.name === '陈十').total);
  });

  it('a scoped clerk of another community asking for the cycle is refused', async () => {
    const other = await call('org.create', { level: 'community', parentId: s.street.id, name: '东风社区', code: '610402001002' });
    await page(); // the system actor's sheet is now cached
    const clerk: Actor = { kind: 'user', id: 'clerk-b', name: '东风录入员', role: 'clerk', orgScopeId: other.id };
    const input = { cycleId: s.cycle.id, startRow: 0, endRow: 100, sort: [], filters: [] };
    const refused = await app.dispatcher.call('assessment.sheetPage', input, clerk);
    expect(!refused.ok && refused.error.code).toBe('forbidden');
    const summary = await app.dispatcher.call('assessment.sheetSummary', { cycleId: s.cycle.id }, clerk);
    expect(!summary.ok && summary.error.code).toBe('forbidden');
    const reviewer: Actor = { kind: 'user', id: 'rev', name: '街道审核', role: 'reviewer', orgScopeId: s.street.id };
    const ok = await app.dispatcher.call('assessment.sheetPage', input, reviewer);
    expect(ok.ok && ok.data.rowCount).toBe(10);
  });
});
