import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

// Issue 12 in the pay grid: a clerk scoped to 新城社区 neither reads nor changes 东关社区's
// salary records by id, and lists without an orgId leave them out. The county's schemes are
// policy: readable from the community, never rewritten there.
let app: SecuredApp;
let scoped: string;
let clerk: string;
const ids = { county: '', xincheng: '', dongguan: '', own: '', other: '', countyScheme: '', otherScheme: '' };

beforeAll(async () => {
  app = await setUpSecured();
  clerk = await app.sessionAs('clerk', 'county-clerk');
  const tree = await app.ok('org.tree', {}, clerk);
  ids.county = tree.find((u: { level: string }) => u.level === 'county').id;
  const street = tree.find((u: { level: string }) => u.level === 'street');
  ids.xincheng = app.orgId;
  ids.dongguan = (await app.ok('org.create', { level: 'community', parentId: street.id, name: '东关社区', code: '610402001002' }, clerk)).id;
  const person = (orgId: string, name: string) =>
    app.ok('roster.create', { orgId, name, gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '群众', postCategory: '其他', communityWorkStartDate: '2020-01-01' }, clerk);
  ids.own = (await person(ids.xincheng, '新城人')).id;
  ids.other = (await person(ids.dongguan, '东关人')).id;
  const scheme = (orgId: string, name: string, effectiveDate: string) => app.ok('salary.saveScheme', { orgId, name, effectiveDate, config: sampleSchemeConfig() }, clerk);
  ids.countyScheme = (await scheme(ids.county, '区级方案', '2020-01-01')).id;
  ids.otherScheme = (await scheme(ids.dongguan, '东关自定方案', '2030-01-01')).id;
  await app.ok('salary.setGrades', { year: 2024, grades: [{ personId: ids.own, grade: '称职' }, { personId: ids.other, grade: '优秀' }] }, clerk);
  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入员', role: 'clerk', orgScopeId: ids.xincheng, initialPassword: 'First-Scoped-2026!' });
  scoped = (await app.ok('auth.login', { username: 'xincheng', password: 'First-Scoped-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-Scoped-2026!', newPassword: USER_PASSWORD }, scoped);
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('salary records and a scoped clerk', () => {
  it('refuses another community’s people, grades and schemes by id, and writes nothing', async () => {
    const config = sampleSchemeConfig();
    for (const [op, input] of [
      ['salary.setGrades', { year: 2024, grades: [{ personId: ids.other, grade: '不称职' }] }],
      ['salary.setLevel', { personId: ids.other, post: '其他社区工作者', level: 3, effectiveDate: '2024-01-01', reason: '人工调整', note: '越权' }],
      ['salary.gradeInitial', { personId: ids.other, effectiveDate: '2024-01-01' }],
      ['salary.scheme', { id: ids.otherScheme }],
      ['salary.saveScheme', { id: ids.otherScheme, orgId: ids.xincheng, name: '改写', effectiveDate: '2030-01-01', config }],
      // The county's scheme is readable here, but a community cannot rewrite it as its own.
      ['salary.saveScheme', { id: ids.countyScheme, orgId: ids.xincheng, name: '改写', effectiveDate: '2020-01-01', config }],
    ] as const) {
      const env = await app.call(op, input, scoped);
      expect(!env.ok && env.error.code, op).toBe('forbidden');
    }
    expect((await app.ok('salary.grades', { year: 2024 }, clerk)).find((g: { personId: string }) => g.personId === ids.other).grade).toBe('优秀');
    const county = await app.ok('salary.scheme', { id: ids.countyScheme }, scoped);
    expect([county.name, county.orgId]).toEqual(['区级方案', ids.county]);
    expect((await app.ok('salary.scheme', { id: ids.otherScheme }, clerk)).name).toBe('东关自定方案');
  });

  it('lists only what the scope covers: own grades, own and county schemes', async () => {
    expect((await app.ok('salary.grades', { year: 2024 }, scoped)).map((g: { name: string }) => g.name)).toEqual(['新城人']);
    expect((await app.ok('salary.schemes', {}, scoped)).map((s: { name: string }) => s.name)).toEqual(['区级方案']);
    expect((await app.ok('salary.schemes', {}, clerk)).map((s: { name: string }) => s.name)).toEqual(['区级方案', '东关自定方案']);
  });

  it('lets only the person’s current unit correct an initial grading made before a transfer', async () => {
    const fields = { name: '调出人', gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '群众', postCategory: '其他', communityWorkStartDate: '2020-01-01' };
    const p = await app.ok('roster.create', { orgId: ids.xincheng, ...fields }, clerk);
    const graded = await app.ok('salary.gradeInitial', { personId: p.id, effectiveDate: '2024-01-01' }, scoped);
    await app.ok('roster.update', { id: p.id, orgId: ids.dongguan, ...fields }, clerk);
    const fix = { id: graded.id, post: graded.post, level: graded.level + 1, effectiveDate: '2024-01-01', reason: '调出后更正' };
    const env = await app.call('salary.correctGrading', fix, scoped);
    expect(!env.ok && env.error.code).toBe('forbidden');
    // The county writes the corrected record under the person’s current unit.
    const done = await app.ok('salary.correctGrading', fix, clerk);
    const row = app.runtime.current()!.opened.sqlite.prepare('SELECT org_id AS orgId FROM salary_level_history WHERE id = ?').get(done.id) as { orgId: string };
    expect(row.orgId).toBe(ids.dongguan);
  });
});
