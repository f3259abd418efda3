import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../helpers/serve.ts';

// The linux-x64 SQLite driver rebuilt on Debian 11 by build/old-glibc/build-linux-x64.sh,
// and the electron-builder hook that puts it into the .deb in place of the upstream one.

const rebuilt = join(repoRoot, 'build', 'old-glibc', 'out', 'linux-x64.node');
const upstream = join(repoRoot, 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node');
const hookFile = join(repoRoot, 'build', 'old-glibc', 'after-pack.cjs');
const key = '3c'.repeat(32);
const unpackedDriver = ['resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds'];

type PackContext = { electronPlatformName: string; arch: number; appOutDir: string };
const { afterPack } = createRequire(import.meta.url)(hookFile) as { afterPack: (c: PackContext) => Promise<void> };

function newestVersion(file: string, prefix: 'GLIBC' | 'GLIBCXX'): string | undefined {
  const dump = execFileSync('objdump', ['-T', file], { encoding: 'utf8' });
  const versions = [...dump.matchAll(new RegExp(`\\(${prefix}_([0-9.]+)\\)`, 'g'))].map((m) => (m[1] ?? '').split('.').map(Number));
  versions.sort((a, b) => { for (let i = 0; i < 3; i++) { const d = (a[i] ?? 0) - (b[i] ?? 0); if (d) return d; } return 0; });
  return versions.at(-1)?.join('.');
}

function openEncrypted(file: string, nativeBinding?: string): Database.Database {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  db.pragma(`hexkey='${key}'`);
  return db;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiceng-glibc-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('old-glibc linux-x64 driver', () => {
  it('asks the system for glibc 2.28 at most and for no libstdc++, unlike the upstream prebuild', () => {
    expect(newestVersion(rebuilt, 'GLIBC')).toBe('2.28');
    expect(newestVersion(rebuilt, 'GLIBCXX')).toBeUndefined();
    expect(execFileSync('readelf', ['-d', rebuilt], { encoding: 'utf8' })).not.toContain('libstdc++');
    expect(newestVersion(upstream, 'GLIBC')).toBe('2.34');
  });

  it('encrypts with the same cipher as the upstream driver, in both directions', () => {
    const a = join(dir, 'by-upstream.db');
    const b = join(dir, 'by-rebuilt.db');
    for (const [file, binding, name] of [[a, undefined, '张三'], [b, rebuilt, '李四']] as const) {
      const db = openEncrypted(file, binding);
      db.exec('CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT NOT NULL, dues_fen INTEGER NOT NULL)');
      db.prepare('INSERT INTO member (name, dues_fen) VALUES (?, ?)').run(name, 1250);
      db.close();
      expect(readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    }
    const rebuiltReadsUpstream = openEncrypted(a, rebuilt);
    expect(rebuiltReadsUpstream.prepare('SELECT name, dues_fen FROM member').all()).toEqual([{ name: '张三', dues_fen: 1250 }]);
    expect(rebuiltReadsUpstream.prepare('SELECT sqlite3mc_version() AS v').get()).toEqual({ v: expect.stringContaining('Multiple Ciphers') });
    rebuiltReadsUpstream.close();
    const upstreamReadsRebuilt = openEncrypted(b);
    expect(upstreamReadsRebuilt.prepare('SELECT name FROM member').pluck().get()).toBe('李四');
    upstreamReadsRebuilt.close();

    const wrong = new Database(b, { nativeBinding: rebuilt });
    wrong.pragma(`hexkey='${'ab'.repeat(32)}'`);
    expect(() => wrong.prepare('SELECT count(*) FROM member').get()).toThrow(/not a database/);
    wrong.close();
  });
});

describe('afterPack hook', () => {
  function fakeAppOut(name: string): string {
    const appOut = join(dir, name);
    mkdirSync(join(appOut, ...unpackedDriver), { recursive: true });
    return appOut;
  }
  let envBefore: string | undefined;
  beforeEach(() => { envBefore = process.env.JICENG_ALLOW_GLIBC_234; delete process.env.JICENG_ALLOW_GLIBC_234; });
  afterEach(() => { if (envBefore === undefined) delete process.env.JICENG_ALLOW_GLIBC_234; else process.env.JICENG_ALLOW_GLIBC_234 = envBefore; });

  it('replaces the linux x64 driver in app.asar.unpacked with the rebuilt one', async () => {
    const appOut = fakeAppOut('linux-unpacked');
    const target = join(appOut, ...unpackedDriver, 'linux-x64.node');
    copyFileSync(upstream, target);
    await afterPack({ electronPlatformName: 'linux', arch: 1, appOutDir: appOut });
    expect(readFileSync(target).equals(readFileSync(rebuilt))).toBe(true);
  });

  it('leaves arm64 and Windows packages alone', async () => {
    const arm = fakeAppOut('linux-arm64-unpacked');
    writeFileSync(join(arm, ...unpackedDriver, 'linux-arm64.node'), 'arm64');
    await afterPack({ electronPlatformName: 'linux', arch: 3, appOutDir: arm });
    expect(readFileSync(join(arm, ...unpackedDriver, 'linux-arm64.node'), 'utf8')).toBe('arm64');
    expect(existsSync(join(arm, ...unpackedDriver, 'linux-x64.node'))).toBe(false);
    const win = fakeAppOut('win-unpacked');
    await afterPack({ electronPlatformName: 'win32', arch: 1, appOutDir: win });
    expect(existsSync(join(win, ...unpackedDriver, 'linux-x64.node'))).toBe(false);
  });

  it('fails the build when the packed app has no driver where the hook expects it', async () => {
    await expect(afterPack({ electronPlatformName: 'linux', arch: 1, appOutDir: join(dir, 'empty') })).rejects.toThrow(/asarUnpack/);
  });

  it('records the sha256 of the file it installs', () => {
    const record = readFileSync(join(repoRoot, 'build', 'old-glibc', 'out', 'linux-x64.glibc.txt'), 'utf8');
    const sha = execFileSync('sha256sum', [rebuilt], { encoding: 'utf8' }).split(' ')[0];
    expect(record).toContain(`sha256: ${sha}`);
    expect(record).toMatch(/^GLIBC: .*2\.28 $/m);
  });
});
