import { afterEach, describe, expect, it } from 'vitest';
import type { SchemeConfigInput } from '../../core/salary/scheme-schema.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { addPerson, auditCount, expectError, salaryApp } from './fixtures.ts';

// Issue 15 "Done when": a scheme with a 本科 allowance, a non-cumulative 社工证/学历 group, an
// 一肩挑 premium and a 试用期 rule, computed through the app for 8 people and compared with a
// table worked out by hand below (amounts in 元, month 2026-03, grades of 2025).

let app: TestApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

export function componentScheme(): SchemeConfigInput {
  const amounts = (min: number, max: number) => Array.from({ length: 6 }, (_, i) => (i + 1 >= min && i + 1 <= max ? 200_000 + i * 10_000 : null));
  return {
    levelCount: 6,
    posts: [
      { name: '社区正职', category: '正职', minLevel: 3, maxLevel: 6 },
      { name: '社区副职', category: '副职', minLevel: 2, maxLevel: 5 },
      { name: '工作人员', category: '其他', minLevel: 1, maxLevel: 4 },
    ],
    // Level n: 2000 + 100 (n − 1) 元 on every post.
    amountModel: { kind: 'table', rows: [
      { post: '社区正职', amounts: amounts(3, 6) }, { post: '社区副职', amounts: amounts(2, 5) }, { post: '工作人员', amounts: amounts(1, 4) },
    ] },
    postPay: [
      { post: '社区正职', amountFen: 80_000, allowanceFen: 30_000 },
      { post: '社区副职', amountFen: 60_000, allowanceFen: 20_000 },
      { post: '工作人员', amountFen: 40_000, allowanceFen: 0 },
    ],
    stepYears: 3,
    educationCredits: [],
    qualificationCredits: [],
    allowances: [
      { kind: 'education', name: '学历津贴', group: '学历证书', rates: [
        { education: '本科', fullTimeFen: 30_000, partTimeFen: 15_000 }, { education: '硕士', fullTimeFen: 50_000, partTimeFen: 25_000 },
      ] },
      { kind: 'qualification', name: '社工证津贴', group: '学历证书', rates: [
        { qualification: '助理社工师', amountFen: 20_000 }, { qualification: '社工师', amountFen: 40_000 }, { qualification: '高级社工师', amountFen: 60_000 },
      ] },
      { kind: 'oneShoulder', name: '一肩挑补贴', amountFen: 30_000 },
      { kind: 'perYear', name: '年限津贴', amountFen: 2_000, maxYears: 20 },
    ],
    probation: { months: 6, percent: 80, ofPost: '工作人员', performancePaid: false, allowancesPaid: false },
    performanceKind: 'amount',
    grades: [
      { grade: '优秀', action: 'advance', performance: 50_000 },
      { grade: '称职', action: 'advance', performance: 30_000 },
      { grade: '基本称职', action: 'hold', performance: 10_000 },
      { grade: '不称职', action: 'demote', performance: 0 },
    ],
    deductions: [
      { key: 'socialInsurance', kind: 'percent', percent: 10.5 },
      { key: 'housingFund', kind: 'fixed', amountFen: 20_000 },
    ],
  };
}

// name: [应发 元, 扣款 元, 实发 元], worked out by hand:
const BY_HAND: Record<string, [string, string, string]> = {
  // 2400 + 岗位 800 + 岗位津贴 300; 本科 300 vs 社工师 400 → 400; 一肩挑 300; 15 年 × 20 = 300; 优秀 500.
  甲: ['5000.00', '725.00', '4275.00'],
  // 2200 + 600 + 200; 全日制大专 0 vs 在职本科 150 → 150; 7 年 × 20 = 140; 称职 300.
  乙: ['3590.00', '576.95', '3013.05'],
  // 2100 + 400; 硕士 500 vs 助理 200 → 500; 5 年 100; 基本称职 100.
  丙: ['3200.00', '536.00', '2664.00'],
  // 试用期 (2026-01-10 起 6 个月): 80 % × (工作人员 1 级 2000 + 400) = 1920; no allowances, no 绩效.
  丁: ['1920.00', '401.60', '1518.40'],
  // 2300 + 400; 高级社工师 only from 2026-04 → 0; 21 年 capped at 20 → 400; 不称职 0.
  戊: ['3100.00', '525.50', '2574.50'],
  // 2300 + 600 + 200; 本科 300 vs 高级 600 → 600; 10 年 200; 优秀 500.
  己: ['4400.00', '662.00', '3738.00'],
  // 2200 + 800 + 300; 博士 gets the 硕士 rate 500; 2 年 40 (3 years only on 03-02); 称职 300; not 一肩挑.
  庚: ['4140.00', '634.70', '3505.30'],
  // 试用期 ended 2026-02-01: 2000 + 400; 助理 200; 0 年; no 2025 grade → 0.
  辛: ['2600.00', '473.00', '2127.00'],
};

const y = (fen: number) => (fen / 100).toFixed(2);

async function setup() {
  const s = await salaryApp();
  app = s.app;
  const org = s.tree.community.id;
  await app.ok('salary.saveScheme', { orgId: s.tree.county.id, name: '组件测试方案', effectiveDate: '2025-01-01', config: componentScheme() });
  const people = {
    甲: await addPerson(app, org, { name: '甲', postCategory: '正职', posts: ['书记', '居委会主任'], oneShoulder: true, ftEducation: '大学本科', ftDegree: '学士', swQualification: '社工师', swQualificationDate: '2020-05-01', communityWorkStartDate: '2010-05-01' }),
    乙: await addPerson(app, org, { name: '乙', postCategory: '副职', ftEducation: '大学专科', ptEducation: '大学本科', communityWorkStartDate: '2018-09-01' }),
    丙: await addPerson(app, org, { name: '丙', ftEducation: '研究生', ftDegree: '硕士', swQualification: '助理社工师', communityWorkStartDate: '2020-07-01' }),
    丁: await addPerson(app, org, { name: '丁', ftEducation: '大学本科', communityWorkStartDate: '2026-01-10' }),
    戊: await addPerson(app, org, { name: '戊', ftEducation: '大学专科', swQualification: '高级社工师', swQualificationDate: '2026-04-01', communityWorkStartDate: '2005-03-01' }),
    己: await addPerson(app, org, { name: '己', postCategory: '副职', crossPosting: true, ftEducation: '大学本科', swQualification: '高级社工师', swQualificationDate: '2015-01-01', communityWorkStartDate: '2016-03-01' }),
    庚: await addPerson(app, org, { name: '庚', postCategory: '正职', posts: ['书记'], ftEducation: '研究生', ftDegree: '博士', communityWorkStartDate: '2023-03-02' }),
    辛: await addPerson(app, org, { name: '辛', swQualification: '助理社工师', swQualificationDate: '2025-12-01', communityWorkStartDate: '2025-08-01' }),
  };
  const levels: Record<keyof typeof people, [string, number]> = {
    甲: ['社区正职', 5], 乙: ['社区副职', 3], 丙: ['工作人员', 2], 丁: ['工作人员', 1], 戊: ['工作人员', 4], 己: ['社区副职', 4], 庚: ['社区正职', 3], 辛: ['工作人员', 1],
  };
  for (const [n, [post, level]] of Object.entries(levels))
    await app.ok('salary.setLevel', { personId: people[n as keyof typeof people].id, post, level, effectiveDate: '2026-01-10', reason: '人工调整', note: '期初' });
  await app.ok('salary.setGrades', { year: 2025, grades: [
    { personId: people.甲.id, grade: '优秀' }, { personId: people.乙.id, grade: '称职' }, { personId: people.丙.id, grade: '基本称职' },
    { personId: people.戊.id, grade: '不称职' }, { personId: people.己.id, grade: '优秀' }, { personId: people.庚.id, grade: '称职' },
  ] });
  return { ...s, people };
}

describe('pay scheme components (issue 15)', () => {
  it('computes 8 people as the by-hand table says, with items, deductions and 实发', async () => {
    const { tree } = await setup();
    const sheet = await app.ok('salary.paySheet', { orgId: tree.community.id, month: '2026-03' });
    const got = Object.fromEntries(sheet.lines.map((l) => [l.name, [y(l.totalFen), y(l.deductionsFen), y(l.netFen)]]));
    expect(got).toEqual(BY_HAND);
    for (const l of sheet.lines) {
      expect(l.items.reduce((s, i) => s + i.fen, 0)).toBe(l.baseFen + l.allowancesFen + l.performanceFen);
      expect(l.deductions.reduce((s, i) => s + i.fen, 0)).toBe(l.deductionsFen);
    }
    const 甲 = sheet.lines.find((l) => l.name === '甲')!;
    expect(甲.items.map((i) => [i.label, y(i.fen)])).toEqual([
      ['等级工资', '2400.00'], ['岗位工资', '800.00'], ['岗位津贴', '300.00'], ['社工证津贴', '400.00'], ['一肩挑补贴', '300.00'], ['年限津贴', '300.00'], ['绩效工资', '500.00'],
    ]);
    expect(甲.deductions.map((d) => [d.key, d.label, y(d.fen)])).toEqual([['socialInsurance', '个人社保', '525.00'], ['housingFund', '住房公积金', '200.00']]);
    const 丁 = sheet.lines.find((l) => l.name === '丁')!;
    expect(丁.items).toEqual([{ key: 'probation', label: '试用期工资（工作人员 1 级的 80%）', fen: 192_000 }]);
    expect(丁.note).toContain('试用期');
    expect(y(sheet.totals.totalFen)).toBe('27950.00');
    expect(y(sheet.totals.netFen)).toBe(y(sheet.totals.totalFen - sheet.totals.deductionsFen));
  });

  it('freezes items and deductions with the month and reads them back unchanged', async () => {
    const { tree } = await setup();
    const draft = await app.ok('salary.paySheet', { orgId: tree.community.id, month: '2026-03' });
    const confirmed = await app.ok('salary.confirmMonth', { orgId: tree.community.id, month: '2026-03' });
    const strip = (s: typeof draft) => s.lines.map(({ sealed: _s, ...l }) => l);
    expect(strip(confirmed)).toEqual(strip(draft));
    expect(confirmed.totals).toEqual(draft.totals);
  });

  it('refuses unknown or misspelt keys by name and saves nothing', async () => {
    const { tree } = await setup();
    const before = auditCount(app);
    const bad = { ...componentScheme(), educationAllowances: [{ education: '本科', amountFen: 30_000 }] };
    const err = await expectError(app, 'salary.saveScheme', { orgId: tree.county.id, name: '拼错', effectiveDate: '2026-01-01', config: bad });
    expect(err.code).toBe('validation');
    expect(err.message).toContain('educationAllowances');
    const typo = componentScheme();
    (typo.allowances![0] as Record<string, unknown>).grop = '学历证书';
    const err2 = await expectError(app, 'salary.saveScheme', { orgId: tree.county.id, name: '拼错', effectiveDate: '2026-01-01', config: typo });
    expect(err2.message).toContain('grop');
    expect(auditCount(app)).toBe(before);
  });

  it('names a component that points at a post or grade the scheme does not have', async () => {
    const { tree } = await setup();
    const c = componentScheme();
    c.probation = { months: 3, percent: 80, ofPost: '一般工作人员' };
    c.postPay = [{ post: '主任', amountFen: 1 }];
    c.performancePay = { mode: 'withheld', withheldPercent: 30, settlementGrades: [{ grade: '优良', coefficient: 1 }] };
    const err = await expectError(app, 'salary.saveScheme', { orgId: tree.county.id, name: '错岗', effectiveDate: '2026-01-01', config: c });
    expect(err.message).toContain('「年终考核系数」的等次“优良”不在考核等次中');
    expect(err.message).toContain('「试用期参照岗位」“一般工作人员”不在岗位列表中');
    expect(err.message).toContain('「岗位工资」的岗位“主任”不在岗位列表中');
  });
});
