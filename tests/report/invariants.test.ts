import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { REPORTS } from '../../core/report/registry.ts';
import { isLeaf } from '../../core/report/groups.ts';
import type { ReportResult } from '../../core/report/contract.ts';
import { openTestApp, removeDir, type TestApp } from '../helpers/app.ts';
import { scoreRows, seedCycle, session, YEAR } from '../assessment/fixture.ts';

// Every report in the registry, on one database with data in every module: the rows add up
// (合计 = the leaf rows, each street subtotal = its communities) and every drillable cell lists
// exactly the items it counts, or items whose values sum to it.

let app: TestApp;
let tree: { county: { id: string }; street: { id: string }; community: { id: string }; other: { id: string } };

beforeAll(async () => {
  app = openTestApp({ now: () => new Date('2026-03-10T09:00:00+08:00') });
  const call = (op: string, input: unknown) => app.ok(op as never, input as never) as Promise<any>;
  // Assessment: the shared fixture's ten people and the sample scheme, confirmed.
  const s = await seedCycle(call);
  await call('assessment.saveScores', { cycleId: s.cycle.id, rows: scoreRows(s.sheet) });
  await call('assessment.saveSession', session(s.cycle.id, s.sheet, () => ({ 优秀: 45 })));
  await call('assessment.acceptProposals', { cycleId: s.cycle.id });
  await call('assessment.confirm', { cycleId: s.cycle.id });
  const other = await call('org.create', { level: 'community', parentId: s.street.id, name: '东风社区', code: '610402001002' });
  const street2 = await call('org.create', { level: 'street', parentId: s.county.id, name: '西兰路街道', code: '610402002000' });
  const c3 = await call('org.create', { level: 'community', parentId: street2.id, name: '幸福社区', code: '610402002001' });
  const extra = [];
  for (const [i, org] of [other.id, other.id, c3.id, c3.id, c3.id].entries())
    extra.push(await call('roster.create', {
      orgId: org, name: `新人${i}`, gender: i % 2 ? '女' : '男', ethnicity: i === 1 ? '回族' : '汉族', birthDate: `199${i}-05-0${i + 1}`,
      politicalStatus: '群众', posts: i === 0 ? ['书记', '居委会主任'] : ['网格员'], postCategory: '其他', communityWorkStartDate: `${YEAR}-0${i + 2}-01`,
      ftEducation: i < 3 ? '大学本科' : '大学专科', swQualification: i === 2 ? '社工师' : null,
    }));
  await call('roster.retire', { id: extra[3].id, status: '离任', date: `${YEAR}-11-20`, reason: '个人原因' });
  // A person on a street itself: no longer possible through the roster (persons belong to a
  // community), but older data and received rows may hold one, and the reports give them a 本级 row.
  app.opened.sqlite.prepare('UPDATE people SET org_id = ? WHERE id = ?').run(street2.id, extra[4].id);
  // Pay: the sample scheme, levels for four people, two confirmed months.
  await call('salary.saveScheme', { orgId: s.county.id, name: '示例方案', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig() });
  for (const [i, p] of [s.people[0], s.people[1], extra[0], extra[2]].entries())
    await call('salary.setLevel', { personId: p.id, post: i === 0 ? '社区正职' : '其他社区工作者', level: i === 0 ? 11 : 3 + i, effectiveDate: '2024-01-01', reason: '人工调整', note: '期初' });
  await call('salary.confirmMonth', { orgId: s.county.id, month: `${YEAR}-03` });
  await call('salary.confirmMonth', { orgId: s.county.id, month: `${YEAR}-12` });
  tree = { county: s.county, street: s.street, community: s.community, other };
});

afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const numeric = (r: ReportResult) => r.columns.filter((c) => c.kind === 'count' || c.kind === 'sum');

function checkSums(r: ReportResult): void {
  const total = r.rows.find((x) => x.key === 'total')!;
  const leaves = r.rows.filter((x) => isLeaf(x.level) || x.level === 'period');
  for (const c of numeric(r)) {
    const sum = leaves.reduce((s, x) => s + Number(x.cells[c.key] ?? 0), 0);
    expect(Number(total.cells[c.key]), `${r.name} 合计 ${c.label}`).toBe(sum);
    for (const street of r.rows.filter((x) => x.level === 'street')) {
      const under = r.rows.filter((x) => x.parent === street.key || x.key === `${street.key}:self`);
      const kids = under.filter((x) => isLeaf(x.level));
      expect(Number(street.cells[c.key]), `${r.name} ${street.label} ${c.label}`).toBe(kids.reduce((s, x) => s + Number(x.cells[c.key] ?? 0), 0));
    }
  }
}

describe.each(REPORTS.map((r) => r.name))('report %s', (name) => {
  const input = () => ({ name, orgId: tree.county.id, asOf: `${YEAR}-12-31`, year: YEAR });

  it('has rows that sum to the subtotals and 合计, and cells that match their drill-down', async () => {
    const r = await app.ok('report.run', input());
    expect(r.rows.at(-1)!.label).toBe('合计');
    checkSums(r);
    const total = r.rows.find((x) => x.key === 'total')!;
    let checked = 0;
    for (const row of r.rows.filter((x) => x.key === 'total' || isLeaf(x.level) || x.level === 'street' || x.level === 'period')) {
      for (const c of numeric(r)) {
        const v = Number(row.cells[c.key] ?? 0);
        if (v === 0 && row !== total) continue;
        const d = await app.ok('report.drill', { ...input(), rowKey: row.key, column: c.key });
        if (c.kind === 'count') expect(d.rows, `${name} ${row.label} ${c.label}`).toHaveLength(v);
        else expect(d.rows.reduce((s, m) => s + (m.value ?? 0), 0), `${name} ${row.label} ${c.label}`).toBeCloseTo(v, 6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('period reports show what the modules hold', () => {
  it('assessment: the confirmed grades and the 优秀 share against the quota', async () => {
    const r = await app.ok('report.run', { name: 'assessment', orgId: tree.county.id, asOf: `${YEAR}-12-31` });
    const total = r.rows.find((x) => x.key === 'total')!.cells;
    expect(total.people).toBe(10);
    expect(total.top).toBe(1);
    expect(total.topRate).toBe(10);
    expect(total.quota).toBe('15%');
    expect(r.rows.find((x) => x.key === tree.community.id)!.cells.overQuota).toBe('未超出');
  });

  it('pay: two confirmed months, nothing for unconfirmed ones, money in fen', async () => {
    const r = await app.ok('report.run', { name: 'pay', orgId: tree.county.id, asOf: `${YEAR}-12-31` });
    const months = r.rows.filter((x) => x.level === 'period' && Number(x.cells.lines) > 0).map((x) => x.key);
    expect(months).toEqual([`${YEAR}-03`, `${YEAR}-12`]);
    const sheet = await app.ok('salary.paySheet', { orgId: tree.county.id, month: `${YEAR}-03` });
    expect(r.rows.find((x) => x.key === `${YEAR}-03`)!.cells.total).toBe(sheet.totals.totalFen);
    expect(r.columns.find((c) => c.key === 'total')!.money).toBe(true);
  });

  it('changes: joined and left with names and months', async () => {
    const r = await app.ok('report.run', { name: 'changes', orgId: tree.county.id, asOf: `${YEAR}-12-31` });
    const other = r.rows.find((x) => x.key === tree.other.id)!.cells;
    expect(other.joined).toBe(2);
    expect(other.joinedNames).toBe('新人0（2月）、新人1（3月）');
    const total = r.rows.find((x) => x.key === 'total')!.cells;
    expect(total.left).toBe(1);
    expect(r.rows.find((x) => x.label === '幸福社区')!.cells.leftNames).toBe('新人3（11月）');
    // A street's own staff get their 本级 row.
    expect(r.rows.some((x) => x.label === '西兰路街道（本级）')).toBe(true);
  });

  it('two-committee form: members only, and 是否一人兼 per community', async () => {
    const r = await app.ok('report.run', { name: 'committee', orgId: tree.county.id, asOf: `${YEAR}-12-31` });
    expect(r.rows.find((x) => x.key === tree.other.id)!.cells.oneShoulderYes).toBe('是');
    expect(r.rows.find((x) => x.key === tree.community.id)!.cells.oneShoulderYes).toBe('否');
    expect(r.rows.find((x) => x.key === 'total')!.cells.total).toBe(2); // the fixture's 书记 and 新人0
    expect(r.rows.find((x) => x.key === 'total')!.cells.reelected).toBe('未记录');
  });
});
