import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build, Platform, Arch, type Configuration } from 'electron-builder';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { extractFile, listPackage } from '@electron/asar';
import { buildElectron } from '../../electron/build.ts';
import { repoRoot } from '../helpers/serve.ts';

// electron-builder cannot download Electron here, so it packs the real app files around a
// stand-in Electron folder: what it puts in app.asar, app.asar.unpacked and resources/ is
// exactly what an installer would ship. Fuses need the real binary and are left to `npm run dist`.

const configFile = join(repoRoot, 'build', 'electron-builder.yml');
let work: string;
let out: string;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function fakeElectronDist(dir: string): string {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  for (const l of ['zh-CN', 'en-US', 'de']) writeFileSync(join(dir, 'locales', `${l}.pak`), '');
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), '45.5.0');
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'jiceng-pack-'));
  out = join(work, 'out');
  await buildElectron();
  const { electronFuses: _needsRealBinary, ...loaded } = await getConfig(repoRoot, configFile, null);
  const config: Configuration = {
    ...loaded,
    electronDist: fakeElectronDist(join(work, 'electron')),
    electronVersion: '45.5.0',
    directories: { ...loaded.directories, output: out },
  };
  await build({ projectDir: repoRoot, targets: Platform.LINUX.createTarget('dir', Arch.x64, Arch.arm64), config, publish: 'never' });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron-builder configuration', () => {
  it('passes electron-builder\'s own schema validation, which does catch mistakes', async () => {
    const config = await getConfig(repoRoot, configFile, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, oneclick: false } } as never, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });

  it('asks for the installers of issue 9 and no network at run time', async () => {
    const c = (await getConfig(repoRoot, configFile, null)) as Configuration & Record<string, never>;
    expect(c.productName).toBe('基层党建台账');
    expect(c.npmRebuild).toBe(false);
    expect(c.publish).toBeNull();
    expect(c.nsis).toMatchObject({ oneClick: false, allowToChangeInstallationDirectory: true, shortcutName: '基层党建台账', deleteAppDataOnUninstall: false, installerLanguages: ['zh_CN'] });
    expect(JSON.stringify(c.win!.target)).toContain('portable');
    expect(c.linux!.target).toEqual([{ target: 'deb', arch: ['x64', 'arm64'] }]);
    expect(c.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
  });
});

describe.each([
  ['x64', 'linux-unpacked'],
  ['arm64', 'linux-arm64-unpacked'],
])('packed app for linux %s', (arch, folder) => {
  const resources = () => join(out, folder, 'resources');

  it('holds the built bundles and the SQLite driver, and none of the sources', () => {
    const asar = join(resources(), 'app.asar');
    const entries = listPackage(asar, { isPack: false }).map((e) => e.split('\\').join('/'));
    for (const f of ['/package.json', '/dist/electron/main.js', '/dist/electron/core.js', '/dist/electron/preload.cjs', '/node_modules/better-sqlite3/lib/index.js']) {
      expect(entries, f).toContain(f);
    }
    const topModules = new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]));
    expect([...topModules]).toEqual(['better-sqlite3']);
    expect(entries.filter((e) => /^\/(core|db|cli|renderer\/src|tests|electron)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => /better-sqlite3\/(deps|src)\//.test(e))).toEqual([]);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString('utf8'));
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(pkg.type).toBe('module');
  });

  it(`unpacks only the linux-${arch} native module from the asar`, () => {
    const unpacked = join(resources(), 'app.asar.unpacked');
    expect(filesUnder(unpacked).filter((f) => f.endsWith('.node'))).toEqual([`node_modules/better-sqlite3/prebuilds/linux-${arch}.node`]);
  });

  it('ships every migration as a resource', () => {
    expect(filesUnder(join(resources(), 'migrations'))).toEqual(filesUnder(join(repoRoot, 'db', 'migrations')));
    expect(readFileSync(join(resources(), 'migrations', 'meta', '_journal.json'), 'utf8')).toContain('"entries"');
  });
});
