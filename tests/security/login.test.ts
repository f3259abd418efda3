import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { removeDir } from '../helpers/app.ts';
import { ADMIN_PASSWORD, setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

let app: SecuredApp;
afterEach(() => {
  app?.close();
  if (app) removeDir(app.dir);
});

describe('first run, login and sessions', () => {
  it('has no default account: a fresh install only offers setup', async () => {
    app = await setUpSecured();
    const fresh = await import('../../core/runtime.ts').then((m) => m.createRuntime({ dbFile: `${app.dir}/other.db`, migrationsFolder: `${process.cwd()}/db/migrations` }));
    expect(await fresh.dispatch('setup.status', {})).toEqual({ ok: true, data: { state: 'setup', orgName: null } });
    const login = await fresh.dispatch('auth.login', { username: 'admin', password: 'admin' });
    expect(!login.ok && login.error.code).toBe('forbidden');
    expect(existsSync(`${app.dir}/other.db`)).toBe(false);
    fresh.close();
  });

  it('refuses a weak administrator password at setup and writes nothing', async () => {
    app = await setUpSecured();
    const { createRuntime } = await import('../../core/runtime.ts');
    const rt = createRuntime({ dbFile: `${app.dir}/weak.db`, migrationsFolder: `${process.cwd()}/db/migrations` });
    const env = await rt.dispatch('setup.init', { orgs: [{ level: 'county', name: '县', code: '610402000000' }], admin: { username: 'boss', displayName: '甲', password: 'password' } });
    expect(!env.ok && env.error.issues?.[0]?.path).toBe('admin.password');
    expect(existsSync(`${app.dir}/weak.db`)).toBe(false);
    expect(existsSync(`${app.dir}/weak.db.keys`)).toBe(false);
    rt.close();
  });

  it('refuses every data call without a session', async () => {
    app = await setUpSecured();
    const env = await app.call('roster.list', {}, null);
    expect(env).toEqual({ ok: false, error: { code: 'forbidden', message: '请先登录', reason: 'login_required' } });
  });

  it('locks an account after 5 failures; the 6th attempt with the right password is refused, also after a restart', async () => {
    app = await setUpSecured();
    const clerk = await app.sessionAs('clerk', 'luru');
    expect(clerk).toBeTruthy();
    for (let i = 0; i < 5; i++) {
      const bad = await app.call('auth.login', { username: 'luru', password: 'Wrong-Pass-1!' }, null);
      expect(!bad.ok && bad.error.code).toBe('forbidden');
    }
    const sixth = await app.call('auth.login', { username: 'luru', password: USER_PASSWORD }, null);
    expect(!sixth.ok && sixth.error.message).toContain('锁定');
    app.restart();
    const afterRestart = await app.call('auth.login', { username: 'luru', password: USER_PASSWORD }, null);
    expect(!afterRestart.ok && afterRestart.error.message).toContain('锁定');
    app.clock.advanceMinutes(16);
    expect((await app.call('auth.login', { username: 'luru', password: USER_PASSWORD }, null)).ok).toBe(true);
  });

  it('forces a password change at first login, refusing the old password and the last five', async () => {
    app = await setUpSecured();
    await app.ok('users.create', { username: 'shenhe', displayName: '审核', role: 'reviewer', initialPassword: 'Initial-2026!' });
    const s = (await app.ok('auth.login', { username: 'shenhe', password: 'Initial-2026!' }, null)).sessionId;
    const blocked = await app.call('roster.list', {}, s);
    expect(!blocked.ok && blocked.error.reason).toBe('password_change_required');
    const same = await app.call('auth.changePassword', { oldPassword: 'Initial-2026!', newPassword: 'Initial-2026!' }, s);
    expect(!same.ok && same.error.message).toContain('最近 5 次');
    const passwords = ['Second-2026!', 'Third-2026!', 'Fourth-2026!', 'Fifth-2026!', 'Sixth-2026!'];
    let current = 'Initial-2026!';
    for (const next of passwords) {
      await app.ok('auth.changePassword', { oldPassword: current, newPassword: next }, s);
      current = next;
    }
    const reuse = await app.call('auth.changePassword', { oldPassword: current, newPassword: 'Second-2026!' }, s);
    expect(!reuse.ok && reuse.error.message).toContain('最近 5 次');
    await app.ok('auth.changePassword', { oldPassword: current, newPassword: 'Initial-2026!' }, s);
    expect((await app.call('roster.list', {}, s)).ok).toBe(true);
  }, 120_000); // Seven password hashes in a row: scrypt is deliberately slow, more so on a busy machine.

  it('locks an idle session after the configured minutes and unlocks it with the password', async () => {
    app = await setUpSecured();
    await app.ok('settings.updateSecurity', { maxFailures: 5, lockMinutes: 15, idleMinutes: 3 });
    const s = await app.sessionAs('clerk');
    app.clock.advanceMinutes(4);
    const locked = await app.call('roster.list', {}, s);
    expect(!locked.ok && locked.error.reason).toBe('session_locked');
    const wrong = await app.call('auth.unlock', { password: 'nope' }, s);
    expect(wrong.ok).toBe(false);
    await app.ok('auth.unlock', { password: USER_PASSWORD }, s);
    expect((await app.call('roster.list', {}, s)).ok).toBe(true);
  });

  it('resets the administrator password with the recovery key printed at setup', async () => {
    app = await setUpSecured();
    const { createRuntime } = await import('../../core/runtime.ts');
    const rt = createRuntime({ dbFile: `${app.dir}/rk.db`, migrationsFolder: `${process.cwd()}/db/migrations` });
    const setup = await rt.dispatch('setup.init', { orgs: [{ level: 'county', name: '县', code: '610402000000' }], admin: { username: 'boss', displayName: '甲', password: ADMIN_PASSWORD } });
    const key = setup.ok ? (setup.data as { recoveryKey: string }).recoveryKey : '';
    rt.close();
    const rt2 = createRuntime({ dbFile: `${app.dir}/rk.db`, migrationsFolder: `${process.cwd()}/db/migrations` });
    const bad = await rt2.dispatch('auth.recover', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH', username: 'boss', newPassword: 'Brand-New-2026!' });
    expect(bad.ok).toBe(false);
    expect((await rt2.dispatch('auth.recover', { recoveryKey: key.toLowerCase(), username: 'boss', newPassword: 'Brand-New-2026!' })).ok).toBe(true);
    expect((await rt2.dispatch('auth.login', { username: 'boss', password: 'Brand-New-2026!' })).ok).toBe(true);
    expect((await rt2.dispatch('auth.login', { username: 'boss', password: ADMIN_PASSWORD })).ok).toBe(false);
    rt2.close();
  });

  it('keeps no key in the clear in the keyring file', async () => {
    app = await setUpSecured();
    const keyring = JSON.parse(readFileSync(`${app.dbFile}.keys`, 'utf8'));
    expect(Object.keys(keyring.accounts)).toEqual(['admin']);
    expect(JSON.stringify(keyring)).not.toContain(ADMIN_PASSWORD);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    app = await setUpSecured();
    const s = await app.sessionAs('clerk', 'luru');
    const users = await app.ok('users.list', {});
    const luru = users.find((u: { username: string }) => u.username === 'luru');
    await app.ok('users.update', { id: luru.id, displayName: luru.displayName, role: 'clerk', orgScopeId: null, disabled: true });
    expect((await app.call('roster.list', {}, s)).ok).toBe(false);
    const again = await app.call('auth.login', { username: 'luru', password: USER_PASSWORD }, null);
    expect(!again.ok && again.error.message).toContain('停用');
  });
});

describe('a database copied without its keyring', () => {
  it('is never overwritten by the first-run wizard', async () => {
    app = await setUpSecured();
    app.close();
    const { createRuntime } = await import('../../core/runtime.ts');
    const { renameSync } = await import('node:fs');
    renameSync(`${app.dbFile}.keys`, `${app.dir}/elsewhere.keys`);
    const before = readFileSync(app.dbFile);
    const rt = createRuntime({ dbFile: app.dbFile, migrationsFolder: `${process.cwd()}/db/migrations` });
    expect(await rt.dispatch('setup.status', {})).toMatchObject({ ok: true, data: { state: 'setup' } });
    const env = await rt.dispatch('setup.init', { orgs: [{ level: 'county', name: '县', code: '610402000000' }], admin: { username: 'boss', displayName: '甲', password: ADMIN_PASSWORD } });
    expect(!env.ok && env.error.message).toContain('.keys');
    expect(readFileSync(app.dbFile).equals(before)).toBe(true);
    rt.close();
  });
});
