import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dbFlag, findElectron } from '../../cli/start.ts';

// `npm start` must find the Electron binary the way the electron package would, without
// importing it (that starts a download), and fall back to browser mode when it is absent.

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'jiceng-start-'));
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const pkg = () => join(root, 'node_modules', 'electron');

describe('findElectron', () => {
  it('reports no binary when the electron package has never downloaded one (this machine)', () => {
    expect(findElectron(root, {}, 'linux')).toBeNull();
    writeFileSync(join(pkg(), 'path.txt'), 'electron');
    expect(findElectron(root, {}, 'linux')).toBeNull();
  });

  it('uses path.txt inside node_modules/electron/dist once the binary exists', () => {
    writeFileSync(join(pkg(), 'path.txt'), 'electron.exe\n');
    mkdirSync(join(pkg(), 'dist'));
    writeFileSync(join(pkg(), 'dist', 'electron.exe'), '');
    expect(findElectron(root, {}, 'win32')).toBe(join(pkg(), 'dist', 'electron.exe'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH with the platform executable name', () => {
    const override = join(root, 'electron-dist');
    mkdirSync(override);
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux')).toBeNull();
    writeFileSync(join(override, 'electron'), '');
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux')).toBe(join(override, 'electron'));
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'win32')).toBeNull();
  });
});

describe('dbFlag', () => {
  it('reads --db FILE and --db=FILE among forwarded arguments', () => {
    expect(dbFlag(['--port', '8080', '--db', '/data/a.db'])).toBe('/data/a.db');
    expect(dbFlag(['--db=/data/b.db'])).toBe('/data/b.db');
    expect(dbFlag(['--port', '0'])).toBeUndefined();
  });
});
