import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, type SecuredApp } from '../helpers/runtime.ts';

// Reports and the home page count only what the caller's org scope covers.

let app: SecuredApp;
let clerk: string;
let orgs: { county: string; street: string; c1: string; c2: string };

beforeAll(async () => {
  app = await setUpSecured();
  const tree = await app.ok('org.tree', {});
  const county = tree.find((u: { level: string }) => u.level === 'county').id;
  const street = tree.find((u: { level: string }) => u.level === 'street').id;
  const c1 = tree.find((u: { level: string }) => u.level === 'community').id;
  const whole = await app.sessionAs('clerk', 'quanxian');
  const c2 = (await app.ok('org.create', { level: 'community', parentId: street, name: '东风社区', code: '610402001002' }, whole)).id;
  for (const [i, org] of [c1, c1, c2].entries())
    await app.ok('roster.create', { orgId: org, name: `人员${i}`, gender: '女', ethnicity: '汉族', birthDate: '1990-01-01', politicalStatus: '群众', posts: ['网格员'], postCategory: '其他' }, whole);
  orgs = { county, street, c1, c2 };
  const admin = app.adminSession;
  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入', role: 'clerk', orgScopeId: c1, initialPassword: 'First-clerk-2026!' }, admin);
  const s = (await app.ok('auth.login', { username: 'xincheng', password: 'First-clerk-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-clerk-2026!', newPassword: 'Second-clerk-2026!' }, s);
  clerk = s;
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('report scope', { timeout: 60_000 }, () => {
  it('a community clerk gets its own community and is refused the county, its drill-downs and exports', async () => {
    const own = await app.ok('report.run', { name: 'composition', orgId: orgs.c1, asOf: '2026-11-27' }, clerk);
    expect(own.rows.find((r: { key: string }) => r.key === 'total').cells.total).toBe(2);
    for (const op of ['report.run', 'report.export', 'report.drill']) {
      const env = await app.call(op, { name: 'composition', orgId: op === 'report.drill' ? orgs.c2 : orgs.county, asOf: '2026-11-27', rowKey: 'total', column: 'total' }, clerk);
      expect(env.ok, op).toBe(false);
      expect(env.error.code, op).toBe('forbidden');
    }
    const home = await app.ok('home.get', {}, clerk);
    expect(home.view).toBe('clerk');
    expect(home.scope.id).toBe(orgs.c1);
  });

  it('the auditor may not run reports; the admin gets the admin home, not the roster figures', async () => {
    const auditor = await app.sessionAs('auditor', 'shenji');
    expect((await app.call('report.run', { name: 'composition', orgId: orgs.county, asOf: '2026-11-27' }, auditor)).error.code).toBe('forbidden');
    expect((await app.call('report.run', { name: 'composition', orgId: orgs.county, asOf: '2026-11-27' }, app.adminSession)).error.code).toBe('forbidden');
    const home = await app.ok('home.get', {}, app.adminSession);
    expect(home.view).toBe('admin');
    expect(home.cards.map((c: { key: string }) => c.key)).toEqual(['backup', 'accounts', 'keys']);
  });
});
