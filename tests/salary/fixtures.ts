import { realSamples } from '../../core/salary/samples-real.ts';
import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import type { OpInput } from '../../core/contract/index.ts';

// A migrated temp database with an org tree, the sample scheme from 2024-01-01 and a few
// community workers; the clock is fixed so "today" checks are stable.

export const FIXED_NOW = new Date('2026-06-15T10:00:00+08:00');

export async function salaryApp() {
  const app = openTestApp({ now: () => FIXED_NOW });
  const tree = await seedOrgTree(app);
  const other = await app.ok('org.create', { level: 'community', parentId: tree.street.id, name: '东关社区', code: '610402001002' });
  const scheme = await app.ok('salary.saveScheme', {
    orgId: tree.county.id, name: '示例方案', docNo: '示例〔2024〕1号', effectiveDate: '2020-01-01', sample: true, config: sampleSchemeConfig(),
  });
  return { app, tree, other, scheme };
}

let n = 0;
export async function addPerson(app: TestApp, orgId: string, over: Partial<OpInput<'roster.create'>> = {}) {
  n++;
  return app.ok('roster.create', {
    orgId, name: `测试${n}`, gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员', postCategory: '其他', ...over,
  });
}

export async function expectError(app: TestApp, name: Parameters<TestApp['ok']>[0], input: unknown): Promise<{ code: string; message: string }> {
  const env = await app.dispatcher.dispatch(name, input);
  if (env.ok) throw new Error(`${name} unexpectedly succeeded`);
  return env.error;
}

export function auditCount(app: TestApp): number {
  return (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;
}

/**
 * The sample scheme's four people of the pay sheet tests, graded for 2024: 甲 正职 level 11
 * (优秀) and 乙 level 3 (称职) in 新城社区, 丙 副职 level 7 (不称职) and 丁 not graded in 东关社区.
 * `set` changes a level.
 */
export async function fourPeople() {
  const s = await salaryApp();
  const app = s.app;
  const a = await addPerson(app, s.tree.community.id, { name: '甲', postCategory: '正职', communityWorkStartDate: '2014-01-01', swQualification: '助理社工师' });
  const b = await addPerson(app, s.tree.community.id, { name: '乙', communityWorkStartDate: '2022-03-01' });
  const c = await addPerson(app, s.other.id, { name: '丙', postCategory: '副职', communityWorkStartDate: '2019-01-01' });
  const d = await addPerson(app, s.other.id, { name: '丁（未定级）' });
  const set = (id: string, post: string, level: number, date = '2024-01-01') =>
    app.ok('salary.setLevel', { personId: id, post, level, effectiveDate: date, reason: '人工调整', note: '期初' });
  await set(a.id, '社区正职', 11); // 4500.00
  await set(b.id, '其他社区工作者', 3); // 3300.00
  await set(c.id, '社区副职', 7); // 3900.00
  await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: a.id, grade: '优秀' }, { personId: b.id, grade: '称职' }, { personId: c.id, grade: '不称职' }] });
  return { ...s, a, b, c, d, set };
}

/**
 * The settlement tests' year: 2025 under the 山东 sample (30 % withheld monthly, 示例 grade
 * coefficients 优秀 1.2 / 合格 1.0 / 基本合格 0.8, none for 不合格) with a 正职 post coefficient
 * 1.4, in 新城社区: 甲 正职 level 7 (优秀), 乙 level 1 (合格), 丙 level 2 from July (不合格),
 * 丁 level 1 (no grade).
 */
export async function shandongYear() {
  const s = await salaryApp();
  const app = s.app;
  const config = structuredClone(realSamples().find((x) => x.key === 'shandong')!.config);
  config.performancePay = { ...config.performancePay, postCoefficients: [{ post: '社区正职', coefficient: 1.4 }] };
  await app.ok('salary.saveScheme', { orgId: s.tree.county.id, name: '山东示例', effectiveDate: '2025-01-01', sample: true, config });
  const org = s.tree.community.id;
  const put = async (name: string, post: string, level: number, date = '2025-01-01', over: Parameters<typeof addPerson>[2] = {}) => {
    const p = await addPerson(app, org, { name, ...over });
    await app.ok('salary.setLevel', { personId: p.id, post, level, effectiveDate: date, reason: '人工调整', note: '期初' });
    return p;
  };
  const a = await put('甲', '社区正职', 7, '2025-01-01', { postCategory: '正职' });
  const b = await put('乙', '社区工作人员', 1);
  const c = await put('丙', '社区工作人员', 2, '2025-07-01');
  const d = await put('丁', '社区工作人员', 1);
  await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: a.id, grade: '优秀' }, { personId: b.id, grade: '合格' }, { personId: c.id, grade: '不合格' }] });
  return { ...s, org, a, b, c, d };
}
