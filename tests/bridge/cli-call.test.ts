import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { removeDir, tempDir } from '../helpers/app.ts';
import { repoRoot } from '../helpers/serve.ts';

const dir = tempDir();
const db = join(dir, 'cli.db');
afterAll(() => removeDir(dir));
const jiceng = (...args: string[]) => spawnSync(process.execPath, ['cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, JICENG_DB: '' } });

describe('jiceng call', () => {
  it('exits 0 and prints the ok envelope', () => {
    const r = jiceng('call', 'org.create', JSON.stringify({ level: 'county', name: '秦都区', code: '610402000000' }), '--db', db);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, data: { name: '秦都区', level: 'county' } });
  });

  it('exits 1 with the error envelope, and the data from before is still there', () => {
    const r = jiceng('call', 'org.create', JSON.stringify({ level: 'county', name: '秦都区', code: '610402000000' }), '--db', db);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('conflict');
    const tree = jiceng('call', 'org.tree', '{}', '--db', db);
    expect(JSON.parse(tree.stdout).data).toHaveLength(1);
  });

  it('exits 2 for usage errors', () => {
    expect(jiceng('call').status).toBe(2);
    expect(jiceng('call', 'org.tree', '{not json', '--db', db).status).toBe(2);
    expect(jiceng('frobnicate').status).toBe(2);
    expect(jiceng('call', 'org.tree', '--bogus-flag').status).toBe(2);
  });

  it('demo-data fills a valid dataset that the roster lists', () => {
    const demoDb = join(dir, 'demo.db');
    const r = jiceng('demo-data', '--db', demoDb, '--communities', '3', '--people', '60');
    expect(r.status).toBe(0);
    const list = JSON.parse(jiceng('call', 'roster.list', '{}', '--db', demoDb).stdout);
    expect(list.data.rows).toHaveLength(60);
    expect(new Set(list.data.rows.map((p: { orgName: string }) => p.orgName)).size).toBe(3);
  });
});
