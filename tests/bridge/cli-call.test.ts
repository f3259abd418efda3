import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { removeDir, tempDir } from '../helpers/app.ts';
import { repoRoot } from '../helpers/serve.ts';

const dir = tempDir();
vi.setConfig({ testTimeout: 120_000 });
const db = join(dir, 'cli.db');
const PASSWORD = 'Demo-Pass-2026!';
const asClerk = { JICENG_USER: 'luru', JICENG_PASSWORD: PASSWORD };
const jiceng = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, JICENG_DB: '', JICENG_USER: '', JICENG_PASSWORD: '', ...env } });

beforeAll(() => {
  const r = jiceng(['demo-data', '--db', db, '--communities', '3', '--people', '60', '--admin-password', PASSWORD]);
  if (r.status !== 0) throw new Error(r.stderr);
}, 60_000);
afterAll(() => removeDir(dir));

describe('jiceng demo-data and call', () => {
  it('demo-data fills a valid, encrypted dataset that the clerk lists', () => {
    const list = JSON.parse(jiceng(['call', 'roster.list', '{}', '--db', db], asClerk).stdout);
    expect(list.data.rows).toHaveLength(60);
    expect(new Set(list.data.rows.map((p: { orgName: string }) => p.orgName)).size).toBe(3);
  });

  it('demo-data includes the 台账: 620 closed orders in the county view', () => {
    const y = new Date().getFullYear();
    const out = JSON.parse(jiceng(['call', 'ledger.overview', JSON.stringify({ from: `${y - 1}-01-01`, to: `${y}-12-31` }), '--db', db], asClerk).stdout);
    expect(out.data.rows[0].figures.ordersClosed).toBe(620);
  });

  it('refuses to write demo data over an existing database', () => {
    const r = jiceng(['demo-data', '--db', db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('已存在');
  });

  it('exits 0 and prints the ok envelope', () => {
    const r = jiceng(['call', 'codes.list', '{}', '--db', db], asClerk);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
  });

  it('exits 1 with the error envelope, and the data from before is still there', () => {
    const r = jiceng(['call', 'roster.create', JSON.stringify({ name: '' }), '--db', db], asClerk);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('validation');
    expect(JSON.parse(jiceng(['call', 'roster.list', '{}', '--db', db], asClerk).stdout).data.rows).toHaveLength(60);
  });

  it('authenticates like the UI: no account, a wrong password, or the wrong role are refused', () => {
    const none = jiceng(['call', 'roster.list', '{}', '--db', db]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('JICENG_USER');
    const wrong = jiceng(['call', 'roster.list', '{}', '--db', db], { ...asClerk, JICENG_PASSWORD: 'Wrong-Pass-1!' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('登录失败');
    const admin = jiceng(['call', 'roster.list', '{}', '--db', db, '--user', 'admin'], { JICENG_PASSWORD: PASSWORD });
    expect(JSON.parse(admin.stdout).error.code).toBe('forbidden');
  });

  it('answers setup.status without an account', () => {
    const r = jiceng(['call', 'setup.status', '{}', '--db', db]);
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, data: { state: 'ready', orgName: null } });
  });

  it('exits 2 for usage errors', () => {
    expect(jiceng(['call']).status).toBe(2);
    expect(jiceng(['call', 'org.tree', '{not json', '--db', db]).status).toBe(2);
    expect(jiceng(['frobnicate']).status).toBe(2);
    expect(jiceng(['call', 'org.tree', '--bogus-flag']).status).toBe(2);
  });
});
