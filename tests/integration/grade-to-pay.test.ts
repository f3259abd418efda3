import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { person, scoreRows, session } from '../assessment/fixture.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';

// Issue 7 "Grade → pay effect": an assessment cycle confirmed for 2025 drives the 2026 pay
// sheet (performance pay uses the previous year's grade) and the 2025 promotion run
// (gating per grade), through the assessment_results table the salary module reads.
// After an audited re-open the withdrawn results stop counting, and the pay grid falls
// back to the grades entered by hand (salary.setGrades), or to none.

const YEAR = 2025;
const NAMES = ['赵一', '钱二', '孙三', '李四', '周五', '吴六', '郑七', '王八', '冯九', '陈十'];
const FINAL: Record<string, string> = { 赵一: '优秀', 钱二: '称职', 孙三: '基本称职', 李四: '不称职' };
const KEY = Object.keys(FINAL);
const MONTH = '2026-03';
const FROZEN = '2026-02';

let app: TestApp;
let communityId = '';
let cycleId = '';
const ids: Record<string, string> = {};
const initialLevel: Record<string, number> = {};
const call = async (op: string, input: unknown): Promise<any> => {
  const env = await app.dispatcher.dispatch(op, input);
  if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
  return env.data;
};

// Expected base: 示例 base 3000.00 元 × (1 + 0.05 × (level − 1)), rounded half up to the fen.
const baseFen = (level: number) => Math.floor((2 * 300_000 * (10_000 + 500 * (level - 1)) + 10_000) / 20_000);
const pct = (fen: number, percent: number) => Math.floor((2 * fen * percent + 100) / 200);

async function paySheet() {
  const sheet = await call('salary.paySheet', { orgId: communityId, month: MONTH });
  return Object.fromEntries(sheet.lines.map((l: any) => [l.name, l]));
}
async function proposals() {
  const p = await call('salary.promotionPreview', { orgId: communityId, year: YEAR });
  return Object.fromEntries(p.proposals.map((x: any) => [x.name, x]));
}

beforeAll(async () => {
  app = openTestApp({ now: () => new Date('2026-06-15T10:00:00+08:00') });
  const { county, street, community } = await seedOrgTree(app);
  communityId = community.id;
  for (let i = 0; i < NAMES.length; i++) {
    const p = await call('roster.create', { ...person(community.id, NAMES[i]!, i), communityWorkStartDate: '2012-03-01' });
    ids[NAMES[i]!] = p.id;
  }
  await call('salary.saveScheme', { orgId: county.id, name: '示例方案', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig() });
  // Levels from 2023-01-01, so 2023, 2024 and 2025 count toward the 3-year step.
  for (const name of KEY) initialLevel[name] = (await call('salary.gradeInitial', { personId: ids[name], effectiveDate: '2023-01-01' })).level;
  for (const year of [2023, 2024]) await call('salary.setGrades', { year, grades: KEY.map((n) => ({ personId: ids[n], grade: '称职' })) });
  // A hand-entered 2025 grade for 赵一: overridden while the cycle is confirmed, the fallback after re-open.
  await call('salary.setGrades', { year: YEAR, source: '纸质考核', grades: [{ personId: ids['赵一'], grade: '基本称职' }] });

  const scheme = await call('assessment.installSample', { orgId: street.id, year: YEAR });
  const cycle = await call('assessment.createCycle', { schemeId: scheme.id, orgId: street.id });
  cycleId = cycle.id;
  const sheet = await call('assessment.sheet', { cycleId });
  await call('assessment.saveScores', { cycleId, rows: scoreRows(sheet) });
  await call('assessment.saveSession', session(cycleId, sheet, () => ({ 优秀: 45 })));
  await call('assessment.acceptProposals', { cycleId });
  const rows = (await call('assessment.sheet', { cycleId })).rows as any[];
  for (const name of KEY) {
    const row = rows.find((r) => r.name === name)!;
    if (row.finalGrade !== FINAL[name]) await call('assessment.setFinalGrade', { entryId: row.entryId, grade: FINAL[name], reason: '街道党工委研究决定' });
  }
  await call('assessment.confirm', { cycleId });
});

afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('grade → pay effect', () => {
  it('confirms the four grades into the results the pay grid reads', async () => {
    const results = (await call('assessment.results', { year: YEAR })).rows as any[];
    expect(results).toHaveLength(10);
    for (const name of KEY) expect(results.find((r) => r.personName === name).grade).toBe(FINAL[name]);
    // The hand-entered row stays beside the result: it is the fallback after a re-open.
    const grades = await call('salary.grades', { year: YEAR });
    expect(grades.find((g: any) => g.name === '赵一')).toMatchObject({ grade: '基本称职', source: '纸质考核' });
    expect(initialLevel['李四']).toBeGreaterThan(1);
  });

  it('pays performance per the previous year’s confirmed grade (30% / 20% / 10% / 0 of base)', async () => {
    const lines = await paySheet();
    const percent: Record<string, number> = { 优秀: 30, 称职: 20, 基本称职: 10, 不称职: 0 };
    for (const name of KEY) {
      const l = lines[name];
      const base = baseFen(initialLevel[name]!);
      expect(l).toMatchObject({ grade: FINAL[name], level: initialLevel[name], baseFen: base, performanceFen: pct(base, percent[FINAL[name]!]!) });
      expect(l.totalFen).toBe(l.baseFen + l.allowancesFen + l.performanceFen);
    }
    // The assessment result wins over 赵一's hand-entered 基本称职.
    expect(lines['赵一'].performanceFen).toBeGreaterThan(pct(lines['赵一'].baseFen, 10));
    expect(lines['李四'].performanceFen).toBe(0);
    expect(Object.keys(lines).sort()).toEqual([...KEY].sort());
    // A month confirmed now must keep these amounts after the re-open below.
    const frozen = await call('salary.confirmMonth', { orgId: communityId, month: FROZEN });
    expect(frozen.lines.find((l: any) => l.name === '钱二').grade).toBe('称职');
  });

  it('advances 优秀 and 称职, holds 基本称职 and demotes 不称职 in the promotion preview', async () => {
    const p = await proposals();
    const lv = initialLevel;
    expect(p['赵一']).toMatchObject({ grade: '优秀', action: 'advance', fromLevel: lv['赵一'], toLevel: lv['赵一']! + 1, reason: '到期晋级' });
    expect(p['钱二']).toMatchObject({ grade: '称职', action: 'advance', fromLevel: lv['钱二'], toLevel: lv['钱二']! + 1, reason: '到期晋级' });
    expect(p['孙三']).toMatchObject({ grade: '基本称职', action: 'none', fromLevel: lv['孙三'], toLevel: lv['孙三'], reason: null });
    expect(p['李四']).toMatchObject({ grade: '不称职', action: 'demote', fromLevel: lv['李四'], toLevel: lv['李四']! - 1, reason: '考核降级' });
    expect(p['周五'].action).toBe('skip');
  });

  it('stops using withdrawn results after re-open (hand-entered grades or none), except in a confirmed month', async () => {
    await call('assessment.reopen', { cycleId, reason: '群众反映测评程序有误' });
    expect((await call('assessment.results', { year: YEAR })).rows).toHaveLength(0);
    const withdrawn = app.opened.sqlite.prepare('SELECT count(*) AS n FROM assessment_results WHERE deleted_at IS NOT NULL').get() as { n: number };
    expect(withdrawn.n).toBe(10);

    const lines = await paySheet();
    expect(lines['赵一']).toMatchObject({ grade: '基本称职', performanceFen: pct(lines['赵一'].baseFen, 10) });
    for (const name of ['钱二', '孙三', '李四']) {
      expect(lines[name]).toMatchObject({ grade: null, performanceFen: 0 });
      expect(lines[name].note).toContain('无上年度考核结果');
    }

    const frozen = await call('salary.paySheet', { orgId: communityId, month: FROZEN });
    expect(frozen.status).toBe('confirmed');
    const q = frozen.lines.find((l: any) => l.name === '钱二');
    expect(q).toMatchObject({ grade: '称职', performanceFen: pct(q.baseFen, 20) });

    const p = await proposals();
    expect(p['赵一']).toMatchObject({ grade: '基本称职', action: 'none', toLevel: initialLevel['赵一'] });
    for (const name of ['钱二', '孙三', '李四']) {
      expect(p[name]).toMatchObject({ grade: null, action: 'none', toLevel: initialLevel[name] });
      expect(p[name].explanation).toContain(`缺少 ${YEAR} 年度考核结果`);
    }
  });
});
