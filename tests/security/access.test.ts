import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type OpName } from '../../core/contract/index.ts';
import { ACCESS, forbiddenMessage } from '../../core/security/access.ts';
import { ROLES, type Role } from '../../core/security/roles.ts';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, type SecuredApp } from '../helpers/runtime.ts';

const ops = Object.keys(contract) as OpName[];

describe('the role × operation matrix', () => {
  it('lists every operation of the contract, and nothing else', () => {
    expect(ops.filter((op) => !ACCESS[op])).toEqual([]);
    expect(Object.keys(ACCESS).filter((op) => !(op in contract))).toEqual([]);
  });

  it('gives the auditor the audit log and nothing of the records', () => {
    const auditorOps = ops.filter((op) => Array.isArray(ACCESS[op].roles) && (ACCESS[op].roles as readonly Role[]).includes('auditor'));
    expect(auditorOps.every((op) => op.startsWith('audit.'))).toBe(true);
    expect(ACCESS['roster.list'].roles).not.toContain('admin');
  });
});

describe('every operation called as every role', () => {
  let app: SecuredApp;
  const sessions = {} as Record<Role, string>;
  beforeAll(async () => {
    app = await setUpSecured();
    for (const role of ROLES) sessions[role] = role === 'admin' ? app.adminSession : await app.sessionAs(role);
  }, 120_000);
  afterAll(() => {
    app.close();
    removeDir(app.dir);
  });

  // Logging out would end the session the rest of the sweep needs; it is covered on its own below.
  const swept = ops.filter((op) => ACCESS[op].roles !== 'public' && op !== 'auth.logout' && op !== 'backup.restore');

  it.each(ROLES)('as %s, refuses exactly what the matrix forbids', async (role) => {
    const mismatches: string[] = [];
    for (const op of swept) {
      const rule = ACCESS[op].roles;
      const allowed = rule === 'session' || (rule as readonly Role[]).includes(role);
      const env = await app.call(op, {}, sessions[role]);
      const refusedByRole = !env.ok && env.error.code === 'forbidden' && env.error.message.startsWith('当前账号的角色无权执行此操作');
      // The refusal names who may do it (issue 18): the user knows whom to ask.
      if (refusedByRole && env.error.message !== forbiddenMessage(op)) mismatches.push(`${op}: refusal does not name who may: ${env.error.message}`);
      if (allowed === refusedByRole) mismatches.push(`${op}: ${allowed ? 'allowed but refused' : 'forbidden but ran'} (${JSON.stringify(env).slice(0, 120)})`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('names who may do a refused operation', async () => {
    const env = await app.call('assessment.confirm', { cycleId: 'x' }, sessions.clerk);
    expect(env.ok).toBe(false);
    expect(!env.ok && env.error.message).toBe('当前账号的角色无权执行此操作（此操作由审核员办理）');
    const entry = await app.call('roster.create', {}, sessions.reviewer);
    expect(!entry.ok && entry.error.message).toBe('当前账号的角色无权执行此操作（此操作由录入员办理）');
  });

  it('audits a refused call as denied', async () => {
    await app.call('audit.list', {}, sessions.clerk);
    const log = await app.ok('audit.list', { operation: 'audit.list', outcome: 'denied' }, sessions.auditor);
    expect(log.total).toBeGreaterThan(0);
    expect(log.rows[0].actorName).toBe('测试clerk');
  });

  it('ends the session on logout', async () => {
    const s = await app.sessionAs('reviewer', 'logout-check');
    await app.ok('auth.logout', {}, s);
    const after = await app.call('roster.list', {}, s);
    expect(!after.ok && after.error.reason).toBe('login_required');
  });
});
