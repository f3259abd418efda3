import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';
import { bytesInput } from './helpers.ts';
import { csvLine, standardRow, STANDARD_HEADERS } from '../fixtures/roster-io/people.ts';

// A clerk whose account is limited to one community can import into it, and nowhere else.

let app: SecuredApp;
let own: string;
let other: string;
let clerk: string;
beforeAll(async () => {
  app = await setUpSecured();
  const tree = (await app.ok('org.tree', {})) as { id: string; level: string }[];
  const street = tree.find((u) => u.level === 'street')!;
  own = tree.find((u) => u.level === 'community')!.id;
  other = (await app.ok('org.create', { level: 'community', parentId: street.id, name: '东风社区', code: '610402001002' })).id;
  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入员', role: 'clerk', orgScopeId: own, initialPassword: 'First-xc-2026!' });
  const first = (await app.ok('auth.login', { username: 'xincheng', password: 'First-xc-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-xc-2026!', newPassword: USER_PASSWORD }, first);
  clerk = (await app.ok('auth.login', { username: 'xincheng', password: USER_PASSWORD }, null)).sessionId;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('org scope', () => {
  const file = bytesInput('a.csv', [csvLine(STANDARD_HEADERS), csvLine(standardRow(0))].join('\n'));

  it('imports into the own community', async () => {
    const env = await app.call('roster.importCommit', { ...file, orgId: own }, clerk);
    expect(env.ok).toBe(true);
  });

  it('refuses preview, commit, report and export for a community outside the scope', async () => {
    for (const op of ['roster.importPreview', 'roster.importCommit', 'roster.importErrorReport']) {
      const env = await app.call(op, { ...file, orgId: other }, clerk);
      expect(env.ok, op).toBe(false);
      expect(env.error.code, op).toBe('forbidden');
    }
    const exp = await app.call('roster.export', { orgId: other }, clerk);
    expect(exp.error?.code).toBe('forbidden');
  });
});
