import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

// A community-scoped account sees its own lists and orders and the tasks sent to it, never
// another community's, and cannot change them by id; the county view shows its subtree only.
let app: SecuredApp;
let scoped: string;
let otherId: string;
let otherOrder: string;
let otherItem: string;
beforeAll(async () => {
  app = await setUpSecured();
  const clerk = await app.sessionAs('clerk', 'county-clerk');
  const tree = await app.ok('org.tree', {}, clerk);
  const street = tree.find((u: { level: string }) => u.level === 'street');
  otherId = (await app.ok('org.create', { level: 'community', parentId: street.id, name: '东关社区', code: '610402001002' }, clerk)).id;
  for (const orgId of [app.orgId, otherId]) {
    const o = await app.ok('ledger.orders.register', { orgId, source: '热线', title: orgId === otherId ? '东关工单' : '新城工单', category: '设施' }, clerk);
    const i = await app.ok('ledger.items.create', { orgId, kind: '需求', title: orgId === otherId ? '东关需求' : '新城需求', category: '民生' }, clerk);
    if (orgId === otherId) [otherOrder, otherItem] = [o.id, i.id];
  }
  await app.ok('ledger.tasks.create', { orgId: street.id, title: '只发东关', category: '组织生活', deadline: '2099-01-01', targetOrgIds: [otherId] }, clerk);
  await app.ok('ledger.tasks.create', { orgId: street.id, title: '发两个社区', category: '组织生活', deadline: '2099-01-01', targetOrgIds: [otherId, app.orgId] }, clerk);
  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入员', role: 'clerk', orgScopeId: app.orgId, initialPassword: 'First-Scoped-2026!' });
  scoped = (await app.ok('auth.login', { username: 'xincheng', password: 'First-Scoped-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-Scoped-2026!', newPassword: USER_PASSWORD }, scoped);
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('台账 in an org scope', () => {
  it('lists only the own community, and the tasks sent to it', async () => {
    expect((await app.ok('ledger.orders.list', {}, scoped)).rows.map((o: { title: string }) => o.title)).toEqual(['新城工单']);
    expect((await app.ok('ledger.items.list', {}, scoped)).rows.map((o: { title: string }) => o.title)).toEqual(['新城需求']);
    expect((await app.ok('ledger.tasks.list', {}, scoped)).rows.map((o: { title: string }) => o.title)).toEqual(['发两个社区']);
    const view = await app.ok('ledger.overview', { from: '2000-01-01', to: '2099-12-31' }, scoped);
    expect(view.rows.map((r: { orgName: string }) => r.orgName)).toEqual(['新城社区']);
  });

  it("refuses another community's records by id, reading or changing", async () => {
    for (const [op, input] of [
      ['ledger.orders.get', { id: otherOrder }],
      ['ledger.orders.build', { id: otherOrder }],
      ['ledger.items.get', { id: otherItem }],
      ['ledger.items.close', { id: otherItem }],
      ['ledger.orders.list', { orgId: otherId }],
    ] as const) {
      const env = await app.call(op, input, scoped);
      expect(!env.ok && env.error.code, op).toBe('forbidden');
    }
  });
});
