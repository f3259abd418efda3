import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/serve.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { newRuntime } from '../../cli/app.ts';

// The CLI end to end, as two offices would use it: first-run setup, keys, enrollment with
// the fingerprint read over the phone, export to a "USB" folder, import with exit codes.

const dir = tempDir('jiceng-bundle-cli-');
afterAll(() => removeDir(dir));
const PASSWORD = 'Str0ng!Passw0rd#2026';
const env = { ...process.env, JICENG_USER: 'admin', JICENG_PASSWORD: PASSWORD };

function jiceng(...args: string[]) {
  const r = spawnSync(process.execPath, ['cli/main.ts', ...args], { cwd: repoRoot, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const setup = (db: string) =>
  jiceng('call', 'setup.init', JSON.stringify({
    orgs: [
      { level: 'county', name: '秦都区', code: '610402000000' },
      { level: 'street', name: '人民路街道', code: '610402001000' },
      { level: 'community', name: '新城社区', code: '610402001001' },
    ],
    admin: { username: 'admin', displayName: '管理员', password: PASSWORD },
  }), '--db', db);

/** The operations of the audit log's successful rows, read through a login like the CLI's. */
async function auditedOps(db: string): Promise<string[]> {
  const runtime = newRuntime(db, true);
  try {
    const login = await runtime.dispatch('auth.login', { username: 'admin', password: PASSWORD });
    expect(login.ok).toBe(true);
    const rows = runtime.current()!.opened.sqlite.prepare("SELECT operation FROM audit_log WHERE outcome = 'ok'").all() as { operation: string }[];
    return rows.map((r) => r.operation);
  } finally {
    runtime.close();
  }
}

describe('jiceng keys / enroll / bundle', () => {
  it('enrolls, exports to a folder and imports with one line and exit code per file', async () => {
    const county = join(dir, 'county.db');
    const comm = join(dir, 'comm.db');
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    expect(setup(county).code).toBe(0);
    expect(setup(comm).code).toBe(0);
    expect(jiceng('keys', 'init', '--org', '610402000000', '--db', county).code).toBe(0);
    const profile = jiceng('enroll', 'export-profile', join(usb, 'profile.json'), '--db', county);
    expect(profile.code).toBe(0);
    // Imported unchecked, then confirmed with the fingerprint the county read out; keys bind to the first-run unit.
    const imported = jiceng('enroll', 'import-profile', join(usb, 'profile.json'), '--db', comm);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('待核对指纹');
    const countyFpr = /指纹：([0-9A-F ]+)（/.exec(profile.out)![1]!;
    expect(jiceng('enroll', 'confirm-profile', '--confirm', countyFpr, '--db', comm).code).toBe(0);
    expect(jiceng('keys', 'init', '--org', '610402001001', '--db', comm).code).toBe(0);
    const req = jiceng('enroll', 'export-request', join(usb, 'request.json'), '--db', comm);
    const fpr = /指纹：([0-9A-F ]+)（/.exec(req.out)![1]!;
    expect(jiceng('enroll', 'import-request', join(usb, 'request.json'), '--confirm', '0000 0000 0000 0000 0000 0000 0000 0000', '--db', county).code).toBe(1);
    expect(jiceng('enroll', 'import-request', join(usb, 'request.json'), '--confirm', fpr, '--db', county).code).toBe(0);
    const shown = jiceng('keys', 'show', '--db', county);
    expect(shown.out).toContain(fpr);
    expect(shown.out).not.toContain('AGE-SECRET-KEY');

    const exported = jiceng('bundle', 'export', '--out', usb, '--full', '--db', comm);
    expect(exported.code).toBe(0);
    const name = readdirSync(usb).find((n) => n.endsWith('.age'))!;
    expect(name).toMatch(/^610402001001_\d{8}_000001_full\.age$/);
    expect(readdirSync(usb)).toContain(`${name}.sig`);
    expect(readdirSync(usb).some((n) => n.endsWith('.tmp'))).toBe(false);
    expect(jiceng('bundle', 'inspect', join(usb, name), '--db', county).out).toContain('"orgCode": "610402001001"');

    const bad = join(dir, 'bad.age');
    copyFileSync(join(usb, name), bad);
    appendFileSync(bad, 'garbage');
    // With the original's signature file: refused as damaged (the signed size no longer matches).
    copyFileSync(join(usb, `${name}.sig`), `${bad}.sig`);
    const first = jiceng('bundle', 'import', join(usb, name), '--db', county);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/ACCEPTED/);
    // A single file is an ordinary bundle.import, not a batch of one.
    // (Read from the audit log in-process: only an auditor may list it, and the CLI logs in as admin.)
    const ops = await auditedOps(county);
    expect(ops.filter((o) => o === 'bundle.import')).toHaveLength(1);
    expect(ops).not.toContain('bundle.importMany');
    const mixed = jiceng('bundle', 'import', usb, bad, '--db', county);
    expect(mixed.code).toBe(1);
    const lines = mixed.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('DUPLICATE');
    expect(lines[1]).toContain('CORRUPT');
    // Several files go as one batch by default (issue 19: one transaction and one fsync per batch).
    const after = await auditedOps(county);
    expect(after.filter((o) => o === 'bundle.importMany')).toHaveLength(1);
    expect(after.filter((o) => o === 'bundle.import')).toHaveLength(1);
  }, 600_000); // about fifteen CLI processes, each opening an encrypted database; slow on a loaded machine
});
