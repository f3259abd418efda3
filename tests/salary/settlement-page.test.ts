import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.ts';
import { pagingStats } from '../../core/paging/computed.ts';
import type { SettlementLine } from '../../core/salary/contract.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { auditCount, expectError, shandongYear } from './fixtures.ts';

// Issue 19: the year-end settlement grid asks for one block at a time; the summary carries the
// rest of the panel. Fixture as settlement.test.ts: 2025 under the 山东 sample, 甲 31,449.60
// (优秀 × 正职 1.4), 乙 14,400.00 (合格), 丙 0 (不合格), 丁 0 (no grade), all in 新城社区.

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

async function setup() {
  const s = await shandongYear();
  app = s.app;
  return s;
}

async function confirmYear(orgId: string) {
  for (let m = 1; m <= 12; m++) await app.ok('salary.confirmMonth', { orgId, month: `2025-${String(m).padStart(2, '0')}` });
}

type PageOver = Partial<{ orgId: string; startRow: number; endRow: number; sort: unknown[]; filters: unknown[] }>;
const page = (orgId: string, over: PageOver = {}) =>
  app.ok('salary.settlementPage', { orgId, year: 2025, startRow: 0, endRow: 100, sort: [], filters: [], ...over } as never);
const names = (r: { rows: SettlementLine[] }) => r.rows.map((l) => l.name);

describe('salary.settlementPage / settlementSummary', () => {
  it('pages joined equal salary.settlement’s lines in order, draft and confirmed; the summary is the rest', async () => {
    const { org, tree, d } = await setup();
    for (const status of ['draft', 'confirmed'] as const) {
      if (status === 'confirmed') {
        await confirmYear(org);
        await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: d.id, grade: '合格' }] });
        const shown = await app.ok('salary.settlementSummary', { orgId: org, year: 2025 });
        await app.ok('salary.confirmSettlement', { orgId: org, year: 2025, shownTotalFen: shown.totals.amountFen });
      }
      for (const orgId of [org, tree.street.id]) {
        const whole = await app.ok('salary.settlement', { orgId, year: 2025 });
        const blocks = [await page(orgId, { startRow: 0, endRow: 3 }), await page(orgId, { startRow: 3, endRow: 6 })];
        expect(blocks.flatMap((b) => b.rows)).toEqual(whole.lines);
        expect(blocks.map((b) => b.rowCount)).toEqual([4, 4]);
        expect(blocks[1]!.rows).toHaveLength(1);
        const summary = await app.ok('salary.settlementSummary', { orgId, year: 2025 });
        const { lines, ...head } = whole;
        expect(summary).toEqual({ ...head, lineCount: lines.length });
        // The 合计 under the grid is the sum over every line, not over a block.
        expect(summary.totals).toEqual({
          count: lines.length, withheldFen: lines.reduce((s, l) => s + l.withheldFen, 0), amountFen: lines.reduce((s, l) => s + l.amountFen, 0),
        });
      }
      expect((await app.ok('salary.settlementSummary', { orgId: org, year: 2025 })).status).toBe(status);
    }
  });

  it('sorts on the server by 结算金额, 姓名 and 等次系数 (no coefficient first)', async () => {
    const { org } = await setup();
    const whole = (await app.ok('salary.settlement', { orgId: org, year: 2025 })).lines;
    const byAmount = await page(org, { sort: [{ column: 'amountFen', dir: 'desc' }] });
    expect(byAmount.rows.map((l) => l.amountFen)).toEqual([3_144_960, 1_440_000, 0, 0]);
    // Ties (丙, 丁 at 0) keep the settlement's own order: paging is deterministic.
    const zeroes = whole.filter((l) => !l.amountFen).map((l) => l.name);
    expect(names(byAmount)).toEqual(['甲', '乙', ...zeroes]);
    expect(names(await page(org, { sort: [{ column: 'name', dir: 'asc' }] }))).toEqual(whole.map((l) => l.name).sort());
    expect(names(await page(org, { sort: [{ column: 'name', dir: 'desc' }] }))).toEqual(whole.map((l) => l.name).sort().reverse());
    const byCoef = await page(org, { sort: [{ column: 'gradeCoefficient', dir: 'asc' }] });
    expect(byCoef.rows.map((l) => l.gradeCoefficient)).toEqual([null, null, 1, 1.2]);
    expect(names(byCoef)).toEqual([...zeroes, '乙', '甲']);
    // A second key orders within the first: 丙 has 6 months, the rest 12, ordered by amount.
    expect(names(await page(org, { sort: [{ column: 'months', dir: 'asc' }, { column: 'amountFen', dir: 'desc' }] }))).toEqual(['丙', '甲', '乙', '丁']);
  });

  it('filters text, numbers and the 备注 as the panel shows it (已由…确认)', async () => {
    const { org, tree, d } = await setup();
    const f = async (orgId: string, filters: unknown[]) => {
      const r = await page(orgId, { filters });
      expect(r.rowCount).toBe(r.rows.length);
      return names(r).sort();
    };
    expect(await f(org, [{ column: 'grade', kind: 'text', type: 'equals', value: '优秀' }])).toEqual(['甲']);
    expect(await f(org, [{ column: 'amountFen', kind: 'number', type: 'greaterThan', value: 0 }])).toEqual(['乙', '甲'].sort());
    expect(await f(org, [{ column: 'months', kind: 'number', type: 'inRange', value: 1, to: 6 }])).toEqual(['丙']);
    expect(await f(org, [{ column: 'note', kind: 'text', type: 'contains', value: '不发放' }])).toEqual(['丙', '丁'].sort());
    // 新城社区 settles first: on the street's settlement its people are marked as settled there.
    await confirmYear(org);
    await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: d.id, grade: '合格' }] });
    await app.ok('salary.confirmSettlement', { orgId: org, year: 2025 });
    expect(await f(tree.street.id, [{ column: 'note', kind: 'text', type: 'startsWith', value: '已由新城社区确认' }])).toEqual(['甲', '乙', '丙', '丁'].sort());
    expect(await f(tree.street.id, [{ column: 'note', kind: 'text', type: 'contains', value: '不发放年终绩效' }])).toEqual(['丙']);
  });

  it('refuses a column it does not have and a block over 500 rows, naming the field, writing nothing', async () => {
    const { org } = await setup();
    const before = auditCount(app);
    const base = { orgId: org, year: 2025, startRow: 0, endRow: 10, sort: [], filters: [] };
    expect((await expectError(app, 'salary.settlementPage', { ...base, sort: [{ column: 'sealed', dir: 'asc' }] })).message).toContain('「排序列」无效');
    expect((await expectError(app, 'salary.settlementPage', { ...base, filters: [{ column: 'name', kind: 'number', type: 'equals', value: 1 }] })).message).toContain('「筛选列」无效');
    expect((await expectError(app, 'salary.settlementPage', { ...base, sort: ['amountFen'] })).message).toContain('「排序」条件应为列与方向');
    expect((await expectError(app, 'salary.settlementPage', { ...base, endRow: 501 })).message).toContain('「结束行」须不小于起始行，且一次最多 500 行');
    expect((await expectError(app, 'salary.settlementSummary', { orgId: org, year: 1999 })).message).toContain('「年度」不能早于 2000');
    expect(auditCount(app)).toBe(before);
  });

  it('the summary and two blocks compute the settlement once; a grade entered since shows in the next block', async () => {
    const { org, d } = await setup();
    const before = pagingStats();
    await app.ok('salary.settlementSummary', { orgId: org, year: 2025 });
    await page(org, { startRow: 0, endRow: 2 });
    await page(org, { startRow: 2, endRow: 4 });
    const after = pagingStats();
    expect(after.computed - before.computed).toBe(1);
    expect(after.hits - before.hits).toBe(2);
    await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: d.id, grade: '合格' }] });
    const again = await page(org, { filters: [{ column: 'name', kind: 'text', type: 'equals', value: '丁' }] });
    expect(pagingStats().computed - after.computed).toBe(1);
    expect(again.rows[0]).toMatchObject({ grade: '合格', amountFen: 1_440_000, note: null });
    expect((await app.ok('salary.settlementSummary', { orgId: org, year: 2025 })).totals.amountFen).toBe(3_144_960 + 1_440_000 * 2);
  });

  it('a clerk of another community is refused the summary and the blocks, even with the system’s view kept', async () => {
    const { org, other } = await setup();
    const clerk: Actor = { kind: 'user', id: 'clerk-b', name: '东关录入员', role: 'clerk', orgScopeId: other.id };
    await page(org);
    for (const env of [
      await app.dispatcher.call('salary.settlementPage', { orgId: org, year: 2025, startRow: 0, endRow: 100, sort: [], filters: [] }, clerk),
      await app.dispatcher.call('salary.settlementSummary', { orgId: org, year: 2025 }, clerk),
    ]) {
      expect(env.ok).toBe(false);
      expect(!env.ok && env.error.code).toBe('forbidden');
    }
    const own = await app.dispatcher.call('salary.settlementSummary', { orgId: other.id, year: 2025 }, clerk);
    expect(own.ok && own.data.lineCount).toBe(0);
  });
});
