import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions } from '../../core/system/installers.ts';
import { APP_VERSION } from '../../core/system/handlers.ts';
import { openTestApp, removeDir } from '../helpers/app.ts';

const app = openTestApp();
afterAll(() => {
  app.close();
  removeDir(app.dir);
});

describe('looking for a newer installer on a USB stick', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('0.10.0', '0.9.3')).toBeGreaterThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('1.2.3', '1.10.0')).toBeLessThan(0);
  });

  it('lists the installers in a folder, newest first, marking those newer than this build', async () => {
    const usb = join(app.dir, 'usb');
    mkdirSync(usb);
    for (const name of ['基层党建台账-99.0.0-安装程序-x64.exe', `jiceng-ledger_${APP_VERSION}_amd64.deb`, '基层党建台账-0.0.1-免安装版-x64.exe', 'notes.txt', 'jiceng-ledger_99.0.0_arm64.deb.part'])
      writeFileSync(join(usb, name), 'x');
    const r = await app.ok('system.findInstallers', { folder: usb });
    expect(r.current).toBe(APP_VERSION);
    expect(r.rows.map((f) => [f.name, f.newer])).toEqual([
      ['基层党建台账-99.0.0-安装程序-x64.exe', true],
      [`jiceng-ledger_${APP_VERSION}_amd64.deb`, false],
      ['基层党建台账-0.0.1-免安装版-x64.exe', false],
    ]);
    expect(r.rows[1]!.kind).toBe('Linux 安装包（.deb）');
  });

  it('names the field when the folder does not exist', async () => {
    const env = await app.dispatcher.call('system.findInstallers', { folder: join(app.dir, 'nope') });
    expect(!env.ok && env.error.message).toContain('「文件夹」');
  });

  it('reports the app and schema versions', async () => {
    expect(await app.ok('system.info', {})).toEqual({ version: APP_VERSION, schemaVersion: expect.any(Number) });
  });
});
