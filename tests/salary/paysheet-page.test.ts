import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/context.ts';
import { pagingStats } from '../../core/paging/computed.ts';
import type { PayLine } from '../../core/salary/contract.ts';
import { sheetToken } from '../../core/salary/paysheet-page.ts';
import { itemFen } from '../../core/salary/sheet-layout.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, auditCount, expectError, fourPeople } from './fixtures.ts';

// Issue 19: the pay sheet grid asks for one block at a time; the summary carries the rest of
// the panel and a token for what 确认本月 was shown.

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

// Sample scheme as in paysheet.test.ts: 甲 625,000, 乙 396,000 (新城社区), 丙 400,000 (东关社区), 丁 not graded.
async function setup() {
  const s = await fourPeople();
  app = s.app;
  return s;
}

const M = '2025-03';
type PageOver = Partial<{ orgId: string; startRow: number; endRow: number; sort: unknown[]; filters: unknown[] }>;
const page = (orgId: string, over: PageOver = {}) =>
  app.ok('salary.paySheetPage', { orgId, month: M, startRow: 0, endRow: 100, sort: [], filters: [], ...over } as never);
const names = (r: { rows: PayLine[] }) => r.rows.map((l) => l.name);

describe('salary.paySheetPage', () => {
  it('pages concatenated equal salary.paySheet’s lines in order, draft and confirmed', async () => {
    const { tree } = await setup();
    for (const status of ['draft', 'confirmed']) {
      if (status === 'confirmed') await app.ok('salary.confirmMonth', { orgId: tree.street.id, month: M });
      const whole = await app.ok('salary.paySheet', { orgId: tree.street.id, month: M });
      expect(whole.status).toBe(status);
      const blocks = [await page(tree.street.id, { startRow: 0, endRow: 2 }), await page(tree.street.id, { startRow: 2, endRow: 4 })];
      expect(blocks.flatMap((b) => b.rows)).toEqual(whole.lines);
      expect(blocks.map((b) => b.rowCount)).toEqual([3, 3]);
      expect(blocks[1]!.rows).toHaveLength(1);
    }
  });

  it('sorts by 应发合计 desc, by name, and by an item column', async () => {
    const { tree } = await setup();
    const whole = (await app.ok('salary.paySheet', { orgId: tree.street.id, month: M })).lines;
    const byTotal = await page(tree.street.id, { sort: [{ column: 'totalFen', dir: 'desc' }] });
    expect(byTotal.rows.map((l) => l.totalFen)).toEqual([625_000, 400_000, 396_000]);
    expect(names(await page(tree.street.id, { sort: [{ column: 'name', dir: 'asc' }] }))).toEqual(whole.map((l) => l.name).sort());
    expect(names(await page(tree.street.id, { sort: [{ column: 'name', dir: 'desc' }] }))).toEqual(whole.map((l) => l.name).sort().reverse());
    // 月度绩效: 甲 135,000 (优秀), 乙 66,000 (称职), 丙 0 (不称职).
    const perf = await page(tree.street.id, { sort: [{ column: 'item:performance', dir: 'asc' }] });
    expect(perf.rows.map((l) => itemFen([l], (x) => x.items, 'performance'))).toEqual([0, 66_000, 135_000]);
    expect(names(perf)).toEqual(['丙', '乙', '甲']);
  });

  it('filters text, numbers, an item column and the 确认 column as the grid shows it', async () => {
    const { tree } = await setup();
    const f = async (filters: unknown[]) => names(await page(tree.street.id, { filters }));
    expect(await f([{ column: 'name', kind: 'text', type: 'equals', value: '乙' }])).toEqual(['乙']);
    expect(await f([{ column: 'post', kind: 'text', type: 'contains', value: '副职' }])).toEqual(['丙']);
    expect(await f([{ column: 'totalFen', kind: 'number', type: 'greaterThan', value: 399_000 }])).toEqual(['甲', '丙']);
    expect(await f([{ column: 'totalFen', kind: 'number', type: 'inRange', value: 390_000, to: 400_000 }])).toEqual(['乙', '丙']);
    expect(await f([{ column: 'item:performance', kind: 'number', type: 'equals', value: 0 }])).toEqual(['丙']);
    // 新城社区 confirms first: on the street's sheet its two people are marked as sealed there.
    await app.ok('salary.confirmMonth', { orgId: tree.community.id, month: M });
    const sealed = await page(tree.street.id, { filters: [{ column: 'sealed', kind: 'text', type: 'contains', value: '已由' }] });
    expect(names(sealed).sort()).toEqual(['乙', '甲']);
    expect(sealed.rowCount).toBe(2);
    const summary = await app.ok('salary.paySheetSummary', { orgId: tree.street.id, month: M });
    expect(summary.sealedCount).toBe(2);
  });

  it('refuses a column the sheet does not have, and a malformed one, naming the field', async () => {
    const { tree } = await setup();
    const before = auditCount(app);
    const unknown = await expectError(app, 'salary.paySheetPage', { orgId: tree.street.id, month: M, startRow: 0, endRow: 10, sort: [{ column: 'item:nosuch', dir: 'asc' }], filters: [] });
    expect(unknown.message).toContain('「排序列」“nosuch”不是本月工资表的项目');
    const unknownFilter = await expectError(app, 'salary.paySheetPage', {
      orgId: tree.street.id, month: M, startRow: 0, endRow: 10, sort: [], filters: [{ column: 'deduction:nosuch', kind: 'number', type: 'equals', value: 1 }],
    });
    expect(unknownFilter.message).toContain('「筛选列」“nosuch”');
    const bad = await expectError(app, 'salary.paySheetPage', { orgId: tree.street.id, month: M, startRow: 0, endRow: 10, sort: [{ column: 'bonus', dir: 'asc' }], filters: [] });
    expect(bad.message).toContain('排序列');
    const long = await expectError(app, 'salary.paySheetPage', { orgId: tree.street.id, month: M, startRow: 0, endRow: 10, sort: [{ column: `item:${'x'.repeat(101)}`, dir: 'asc' }], filters: [] });
    expect(long.message).toContain('排序列');
    const block = await expectError(app, 'salary.paySheetPage', { orgId: tree.street.id, month: M, startRow: 0, endRow: 501, sort: [], filters: [] });
    expect(block.message).toContain('结束行');
    const token = await expectError(app, 'salary.confirmMonth', { orgId: tree.street.id, month: M, shownToken: 'xyz' });
    expect(token.message).toContain('「显示标记」格式无效');
    expect(auditCount(app)).toBe(before);
  });

  it('the summary’s sums equal those over the whole sheet’s lines, per community and in total', async () => {
    const { tree, other } = await setup();
    const whole = await app.ok('salary.paySheet', { orgId: tree.street.id, month: M });
    const s = await app.ok('salary.paySheetSummary', { orgId: tree.street.id, month: M });
    const { lines, ...head } = whole;
    expect(s).toMatchObject(head);
    expect(s.lineCount).toBe(3);
    expect(s.sealedCount).toBe(0);
    expect(s.missing.map((m) => m.name)).toEqual(['丁（未定级）']);
    expect(s.columns.items.map((i) => i.key)).toContain('performance');
    const sums = (ls: PayLine[]) => ({
      items: s.columns.items.map((i) => itemFen(ls, (x) => x.items, i.key)),
      deductions: s.columns.deductions.map((d) => itemFen(ls, (x) => x.deductions, d.key)),
    });
    expect(s.totalItems).toEqual(sums(lines));
    expect(s.communityItems).toEqual(s.communities.map((c) => ({ orgId: c.orgId, ...sums(lines.filter((l) => l.orgId === c.orgId)) })));
    expect(s.communityItems.map((c) => c.orgId)).toEqual([tree.community.id, other.id]);
    // The item sums add up to 应发 less corrections, so none was dropped.
    expect(s.totalItems.items.reduce((a, b) => a + b, 0)).toBe(whole.totals.totalFen - whole.totals.correctionFen);
    expect(s.shownToken).toBe(sheetToken(lines));
  });

  it('two blocks compute the sheet once; a level change or a confirm shows in the next block', async () => {
    const { tree, a, set } = await setup();
    const before = pagingStats();
    await app.ok('salary.paySheetSummary', { orgId: tree.street.id, month: M });
    await page(tree.street.id, { startRow: 0, endRow: 2 });
    await page(tree.street.id, { startRow: 2, endRow: 4 });
    const after = pagingStats();
    expect(after.computed - before.computed).toBe(1);
    expect(after.hits - before.hits).toBe(2);
    await set(a.id, '社区正职', 15, '2025-01-01');
    const again = await page(tree.street.id, { filters: [{ column: 'name', kind: 'text', type: 'equals', value: '甲' }] });
    expect(pagingStats().computed - after.computed).toBe(1);
    expect(again.rows[0]).toMatchObject({ level: 15, totalFen: 703_000 });
    // 新城社区 confirms: the street's next block shows its people as sealed there.
    await app.ok('salary.confirmMonth', { orgId: tree.community.id, month: M });
    const sealed = await page(tree.street.id);
    expect(sealed.rows.filter((l) => l.sealed).map((l) => l.name).sort()).toEqual(['乙', '甲']);
  });

  it('confirm with the summary’s token: unchanged → confirmed; a level change since → refused naming the person', async () => {
    const { tree, a, set } = await setup();
    const s1 = await app.ok('salary.paySheetSummary', { orgId: tree.street.id, month: M });
    await set(a.id, '社区正职', 15, '2025-01-01');
    const before = auditCount(app);
    const err = await expectError(app, 'salary.confirmMonth', { orgId: tree.street.id, month: M, shownToken: s1.shownToken });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('「甲」2025-03 的应发合计已变为 7030.00 元（确认时显示 6250.00 元）');
    expect(auditCount(app)).toBe(before);
    const s2 = await app.ok('salary.paySheetSummary', { orgId: tree.street.id, month: M });
    expect(s2.shownToken).not.toBe(s1.shownToken);
    const ok = await app.ok('salary.confirmMonth', { orgId: tree.street.id, month: M, shownToken: s2.shownToken });
    expect(ok.status).toBe('confirmed');
    expect(ok.totals.totalFen).toBe(s2.totals.totalFen);
  });

  it('confirm with the token refuses a figure another unit confirmed meanwhile, naming the person and the unit', async () => {
    const { tree, a, set } = await setup();
    const shown = await app.ok('salary.paySheetSummary', { orgId: tree.community.id, month: M });
    await set(a.id, '社区正职', 15, '2025-01-01');
    await app.ok('salary.confirmMonth', { orgId: tree.street.id, month: M });
    const err = await expectError(app, 'salary.confirmMonth', { orgId: tree.community.id, month: M, shownToken: shown.shownToken });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('「甲」2025-03 的工资已由“人民路街道”');
    expect(err.message).toContain('不能再确认为 6250.00 元');
  });

  it('confirm with the token refuses a sheet with a person added since, though every shown figure holds', async () => {
    const { tree } = await setup();
    const shown = await app.ok('salary.paySheetSummary', { orgId: tree.community.id, month: M });
    const late = await addPerson(app, tree.community.id, { name: '戊', communityWorkStartDate: '2020-01-01' });
    await app.ok('salary.setLevel', { personId: late.id, post: '其他社区工作者', level: 2, effectiveDate: '2024-01-01', reason: '人工调整', note: '期初' });
    const before = auditCount(app);
    const err = await expectError(app, 'salary.confirmMonth', { orgId: tree.community.id, month: M, shownToken: shown.shownToken });
    expect(err).toMatchObject({ code: 'conflict', message: '「工资表」自显示以来已有变化，请刷新后再确认' });
    expect(auditCount(app)).toBe(before);
  });

  it('a token no longer kept: confirmed when the sheet is unchanged, refused when it changed', async () => {
    const { tree, a, set } = await setup();
    // Never summarised in this process: only the whole-sheet comparison can decide.
    const whole = await app.ok('salary.paySheet', { orgId: tree.community.id, month: M });
    const token = sheetToken(whole.lines);
    await set(a.id, '社区正职', 15, '2025-01-01');
    const before = auditCount(app);
    const err = await expectError(app, 'salary.confirmMonth', { orgId: tree.community.id, month: M, shownToken: token });
    expect(err).toMatchObject({ code: 'conflict', message: '「工资表」自显示以来已有变化，请刷新后再确认' });
    expect(auditCount(app)).toBe(before);
    const now = await app.ok('salary.paySheet', { orgId: tree.community.id, month: M });
    const ok = await app.ok('salary.confirmMonth', { orgId: tree.community.id, month: M, shownToken: sheetToken(now.lines) });
    expect(ok.status).toBe('confirmed');
  });

  it('a clerk of one community is refused the other community’s summary and blocks', async () => {
    const { tree, other } = await setup();
    const clerk: Actor = { kind: 'user', id: 'clerk-a', name: '新城录入员', role: 'clerk', orgScopeId: tree.community.id };
    // The system actor's view of 东关社区 is cached; the clerk still gets no part of it.
    await page(other.id);
    for (const env of [
      await app.dispatcher.call('salary.paySheetPage', { orgId: other.id, month: M, startRow: 0, endRow: 100, sort: [], filters: [] }, clerk),
      await app.dispatcher.call('salary.paySheetSummary', { orgId: other.id, month: M }, clerk),
    ]) {
      expect(env.ok).toBe(false);
      expect(!env.ok && env.error.code).toBe('forbidden');
    }
    const own = await app.dispatcher.call('salary.paySheetPage', { orgId: tree.community.id, month: M, startRow: 0, endRow: 100, sort: [], filters: [] }, clerk);
    expect(own.ok && own.data.rows.map((l) => l.name).sort()).toEqual(['乙', '甲']);
  });
});
