import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

// An account scoped to one community sees and changes that community only, in every module.
let app: SecuredApp;
let scoped: string;
let otherId: string;
beforeAll(async () => {
  app = await setUpSecured();
  const clerk = await app.sessionAs('clerk', 'county-clerk');
  const tree = await app.ok('org.tree', {}, clerk);
  const street = tree.find((u: { level: string }) => u.level === 'street');
  otherId = (await app.ok('org.create', { level: 'community', parentId: street.id, name: '东关社区', code: '610402001002' }, clerk)).id;
  for (const orgId of [app.orgId, otherId])
    await app.ok('roster.create', { orgId, name: orgId === otherId ? '东关人' : '新城人', gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '群众', postCategory: '其他' }, clerk);
  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入员', role: 'clerk', orgScopeId: app.orgId, initialPassword: 'First-Scoped-2026!' });
  scoped = (await app.ok('auth.login', { username: 'xincheng', password: 'First-Scoped-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-Scoped-2026!', newPassword: USER_PASSWORD }, scoped);
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('org scope', () => {
  it('lists only the own community, and the units above it for orientation', async () => {
    expect((await app.ok('roster.list', {}, scoped)).rows.map((p: { name: string }) => p.name)).toEqual(['新城人']);
    expect((await app.ok('org.tree', {}, scoped)).map((u: { name: string }) => u.name)).toEqual(['秦都区', '人民路街道', '新城社区']);
  });

  it('refuses another community, whatever the module', async () => {
    for (const [op, input] of [
      ['roster.list', { orgId: otherId }],
      ['roster.create', { orgId: otherId, name: '越权', gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '群众', postCategory: '其他' }],
      ['training.hoursByPerson', { year: 2026, orgId: otherId }],
      ['salary.paySheet', { orgId: otherId, month: '2026-10' }],
    ] as const) {
      const env = await app.call(op, input, scoped);
      expect(!env.ok && env.error.code, op).toBe('forbidden');
      expect(!env.ok && env.error.message, op).toContain('管辖范围');
    }
  });

  it('refuses a unit outside the scope before saying anything about its level', async () => {
    const street = (await app.ok('org.tree', {}, scoped)).find((u: { level: string }) => u.level === 'street');
    const env = await app.call('roster.create', { orgId: street.id, name: '越权', gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '群众', postCategory: '其他' }, scoped);
    expect(!env.ok && env.error.code).toBe('forbidden');
    expect(!env.ok && env.error.message).not.toContain('街道（乡镇）');
  });

  it('refuses a person of another community by id', async () => {
    const other = (await app.ok('roster.list', { query: '东关人' }, await app.sessionAs('reviewer'))).rows[0];
    const env = await app.call('roster.get', { id: other.id }, scoped);
    expect(!env.ok && env.error.code).toBe('forbidden');
  });
});

describe('org scope by record id in other modules', () => {
  it('refuses another community’s person in the pay grid and its training class', async () => {
    const clerk = await app.sessionAs('clerk', 'county-clerk-2');
    const other = (await app.ok('roster.list', { query: '东关人' }, clerk)).rows[0];
    const history = await app.call('salary.history', { personId: other.id }, scoped);
    expect(!history.ok && history.error.code).toBe('forbidden');
    const cls = await app.ok('training.classes.create', {
      orgId: otherId, name: '东关社区专题培训', category: '专题培训', level: '社区', form: '集中', startDate: '2026-03-01', endDate: '2026-03-01', hours: 4,
    }, clerk);
    const env = await app.call('training.enroll', { classId: cls.id, personIds: [other.id] }, scoped);
    expect(!env.ok && env.error.code).toBe('forbidden');
  });
});
