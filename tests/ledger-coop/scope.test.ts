import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';
import { agreementInput, unitInput } from './fixture.ts';

// A clerk whose account covers one community sees and changes that community's 共建 and 网格
// records only; the record guard refuses ids of the other community's records.

let app: SecuredApp;
let own: string;
let other: string;
let clerk: string;
let otherUnit: { id: string };
let otherAgreement: { id: string };

beforeAll(async () => {
  app = await setUpSecured();
  const tree = (await app.ok('org.tree', {})) as { id: string; level: string }[];
  const street = tree.find((u) => u.level === 'street')!;
  own = tree.find((u) => u.level === 'community')!.id;
  other = (await app.ok('org.create', { level: 'community', parentId: street.id, name: '东风社区', code: '610402001002' })).id;
  const all = await app.sessionAs('clerk', 'allclerk');
  otherUnit = await app.ok('ledger.coop.units.create', unitInput(other, { name: '县税务局', kind: '机关' }), all);
  otherAgreement = await app.ok('ledger.coop.agreements.create', agreementInput(other, otherUnit.id), all);
  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入员', role: 'clerk', orgScopeId: own, initialPassword: 'First-xc-2026!' });
  const first = (await app.ok('auth.login', { username: 'xincheng', password: 'First-xc-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-xc-2026!', newPassword: USER_PASSWORD }, first);
  clerk = (await app.ok('auth.login', { username: 'xincheng', password: USER_PASSWORD }, null)).sessionId;
}, 60_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('org scope of 共建与网格', () => {
  it('lists only the own community\'s records when no org is given', async () => {
    await app.ok('ledger.coop.units.create', unitInput(own), clerk);
    const rows = (await app.ok('ledger.coop.units.list', {}, clerk)).rows as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(['县人民医院']);
  });

  it('refuses ids of the other community\'s records, for reading, linking and changing', async () => {
    const read = await app.call('ledger.coop.reports.list', { agreementId: otherAgreement.id }, clerk);
    expect(!read.ok && read.error.code).toBe('forbidden');
    const link = await app.call('ledger.coop.agreements.create', agreementInput(own, otherUnit.id), clerk);
    expect(!link.ok && link.error).toMatchObject({ code: 'forbidden', message: '无权访问该共建单位（属于本账号管辖范围以外的单位）' });
    const change = await app.call('ledger.coop.agreements.remove', { id: otherAgreement.id, reason: '越权' }, clerk);
    expect(!change.ok && change.error.code).toBe('forbidden');
    const list = await app.call('ledger.coop.agreements.list', { orgId: other }, clerk);
    expect(!list.ok && list.error.code).toBe('forbidden');
    const overview = await app.call('ledger.coopOverview', { orgId: other, from: '2026-01-01', to: '2026-12-31' }, clerk);
    expect(!overview.ok && overview.error.code).toBe('forbidden');
  });

  it('shows the overview from the account\'s own community when no org is given', async () => {
    const o = await app.ok('ledger.coopOverview', { from: '2026-01-01', to: '2026-12-31' }, clerk);
    expect(o.rows.map((r: { orgName: string }) => r.orgName)).toEqual(['新城社区']);
    expect(o.rows[0].figures.residentUnits).toBe(1);
  });
});
