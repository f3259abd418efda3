import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, USER_PASSWORD, type SecuredApp } from '../helpers/runtime.ts';

let app: SecuredApp;
afterEach(() => {
  app?.close();
  if (app) removeDir(app.dir);
});

const message = async (username: string, password: string) => {
  const env = await app.call('auth.login', { username, password }, null);
  return env.ok ? 'ok' : (env.error as { code: string; message: string });
};

describe('login answers that give nothing away', () => {
  it('answers an unknown username exactly like a wrong password, and locks it after as many tries', async () => {
    app = await setUpSecured();
    await app.sessionAs('clerk', 'luru');
    for (let i = 0; i < 5; i++) {
      const known = await message('luru', 'Wrong-Pass-1!');
      const unknown = await message('nobody', 'Wrong-Pass-1!');
      expect(unknown).toEqual(known);
    }
    // Both are locked now, with the same answer even for the right password of the real account.
    const known = await message('luru', USER_PASSWORD);
    const unknown = await message('nobody', USER_PASSWORD);
    expect(typeof known === 'object' && known.message).toContain('锁定');
    expect(unknown).toEqual(known);
  });

  it('gives 30 parallel wrong logins from several processes at most 5 password evaluations', async () => {
    app = await setUpSecured();
    await app.sessionAs('clerk', 'luru');
    const run = () =>
      new Promise<string[]>((resolve, reject) => {
        const w = new Worker(new URL('./login-worker.ts', import.meta.url), {
          workerData: { dbFile: app.dbFile, username: 'luru', attempts: 3, now: app.clock.now().toISOString() },
        });
        w.once('message', resolve);
        w.once('error', reject);
      });
    const answers = (await Promise.all(Array.from({ length: 10 }, run))).flat();
    expect(answers).toHaveLength(30);
    // Every answer that is not "already locked" came from evaluating the password.
    const evaluated = answers.filter((a) => !a.startsWith('账号因多次密码错误已锁定'));
    expect(evaluated.length).toBeLessThanOrEqual(5);
    expect(evaluated.filter((a) => a.includes('账号已锁定')).length).toBeGreaterThanOrEqual(1);
    expect((await message('luru', USER_PASSWORD) as { message: string }).message).toContain('锁定');
  }, 120_000);

  it('refuses a lock time under 10 minutes', async () => {
    app = await setUpSecured();
    const env = await app.call('settings.updateSecurity', { maxFailures: 5, lockMinutes: 5, idleMinutes: 10 });
    expect(env.ok).toBe(false);
    expect(env.error.issues[0]).toEqual({ path: 'lockMinutes', message: '「锁定时长」不能少于 10 分钟' });
  });
});
