import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

// The renderer no longer guesses scope: org.tree marks the units the caller may open, and the
// training settings lists say whether the caller's save would pass (role and top unit in scope).
let app: SecuredApp;
let clerk: string;
let reviewer: string;
let scoped: string;

beforeAll(async () => {
  app = await setUpSecured();
  clerk = await app.sessionAs('clerk', 'county-clerk');
  reviewer = await app.sessionAs('reviewer', 'county-reviewer');
  await app.ok('users.create', { username: 'xincheng', displayName: '新城录入员', role: 'clerk', orgScopeId: app.orgId, initialPassword: 'First-Scoped-2026!' });
  scoped = (await app.ok('auth.login', { username: 'xincheng', password: 'First-Scoped-2026!' }, null)).sessionId;
  await app.ok('auth.changePassword', { oldPassword: 'First-Scoped-2026!', newPassword: USER_PASSWORD }, scoped);
}, 120_000);
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

const marks = async (session: string) =>
  Object.fromEntries(((await app.ok('org.tree', {}, session)) as { name: string; inScope: boolean }[]).map((u) => [u.name, u.inScope]));

describe('scope as core reports it to unit pickers and settings pages', () => {
  it('org.tree marks only the scoped clerk’s own subtree as in scope; the units above are shown but not openable', async () => {
    expect(await marks(clerk)).toEqual({ 秦都区: true, 人民路街道: true, 新城社区: true });
    expect(await marks(scoped)).toEqual({ 秦都区: false, 人民路街道: false, 新城社区: true });
  });

  it('training settings are editable for the county clerk only, not for a reviewer or a clerk scoped to a community', async () => {
    for (const op of ['training.requirements.list', 'training.categories.list']) {
      expect((await app.ok(op, {}, clerk)).editable).toBe(true);
      expect((await app.ok(op, {}, reviewer)).editable).toBe(false);
      expect((await app.ok(op, {}, scoped)).editable).toBe(false);
    }
    // The flag agrees with what the save does.
    const refused = await app.call('training.categories.save', { names: ['专题培训'] }, scoped);
    expect(refused.ok).toBe(false);
  });

  it('assessment.schemes says whether a sample scheme may be installed on the top unit: the county clerk only', async () => {
    expect((await app.ok('assessment.schemes', {}, clerk)).editable).toBe(true);
    expect((await app.ok('assessment.schemes', {}, reviewer)).editable).toBe(false);
    expect((await app.ok('assessment.schemes', {}, scoped)).editable).toBe(false);
    // The flag agrees with what installSample does.
    const root = ((await app.ok('org.tree', {}, clerk)) as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)!;
    expect((await app.call('assessment.installSample', { orgId: root.id, year: 2026 }, scoped)).ok).toBe(false);
    expect((await app.call('assessment.installSample', { orgId: root.id, year: 2026 }, clerk)).ok).toBe(true);
  });
});
