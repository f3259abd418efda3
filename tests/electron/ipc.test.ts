import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRuntime, type Runtime } from '../../core/runtime.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { fake } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule);

const { registerApi, API_CHANNEL } = await import('../../electron/ipc.ts');

const rendererUrl = pathToFileURL('/opt/基层党建台账/resources/app.asar/dist/renderer/index.html').href;
const admin = { username: 'guanli', password: 'Ledger-2026!ipc' };
const setup = {
  orgs: [{ level: 'county', name: '秦都区', code: '610402000000' }],
  admin: { ...admin, displayName: '管理员' },
};

type Frame = { url: string; parent: unknown; processId: number; routingId: number };
const ownPage = (url = rendererUrl): Frame => ({ url, parent: null, processId: 1, routingId: 1 });
const eventFrom = (frame: Frame | null, top: Frame = ownPage()) => ({ senderFrame: frame, sender: { mainFrame: top } });

let dir: string;
let runtime: Runtime;
let invoke: (event: unknown, name: unknown, input: unknown, session?: unknown) => Promise<any>;

beforeEach(() => {
  fake.reset();
  dir = tempDir();
  runtime = createRuntime({ dbFile: join(dir, 'jiceng.db'), migrationsFolder: sourceMigrationsFolder });
  registerApi(runtime.dispatch, rendererUrl);
  const handler = fake.ipcHandlers.get(API_CHANNEL)!;
  // Electron turns a throw in the handler into a rejected invoke(); mirror that.
  invoke = async (event, name, input, session = null) => handler(event as never, name as never, input as never, session as never);
});

afterEach(() => {
  runtime.close();
  removeDir(dir);
});

const setupState = async () => ((await runtime.dispatch('setup.status', {})) as { data: { state: string } }).data.state;

describe('api:invoke', () => {
  it('is the only IPC channel', () => {
    expect([...fake.ipcHandlers.keys()]).toEqual(['api:invoke']);
  });

  it('runs setup, login and a session call from our page, with the same envelopes as direct dispatch', async () => {
    expect(await invoke(eventFrom(ownPage()), 'setup.status', {})).toEqual(await runtime.dispatch('setup.status', {}));
    const init = await invoke(eventFrom(ownPage()), 'setup.init', setup);
    expect(init, JSON.stringify(init)).toMatchObject({ ok: true });
    const login = await invoke(eventFrom(ownPage(`${rendererUrl}#/login`)), 'auth.login', admin);
    expect(login).toMatchObject({ ok: true, data: { user: { username: 'guanli' } } });
    const session = login.data.sessionId as string;
    const viaIpc = await invoke(eventFrom(ownPage(`${rendererUrl}#/org`)), 'org.tree', {}, session);
    expect(viaIpc).toMatchObject({ ok: true, data: [{ name: '秦都区' }] });
    expect(viaIpc).toEqual(await runtime.dispatch('org.tree', {}, session));
  });

  it('passes refusals through unchanged: no session, bad input, unknown operation', async () => {
    await invoke(eventFrom(ownPage()), 'setup.init', setup);
    expect(await invoke(eventFrom(ownPage()), 'org.tree', {})).toEqual(await runtime.dispatch('org.tree', {}, null));
    expect(await invoke(eventFrom(ownPage()), 'org.tree', {}, 42)).toMatchObject({ ok: false });
    const bad = { username: '', password: '' };
    const refused = await invoke(eventFrom(ownPage()), 'auth.login', bad);
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(refused).toEqual(await runtime.dispatch('auth.login', bad));
    expect(await invoke(eventFrom(ownPage()), 'no.such', {})).toEqual(await runtime.dispatch('no.such', {}));
    expect(await invoke(eventFrom(ownPage()), 42, {})).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('rejects other pages, file URLs and query strings without running the operation', async () => {
    const foreign = [
      'https://example.com/index.html',
      'http://127.0.0.1:5173/',
      'file:///tmp/evil.html',
      `${rendererUrl}.evil.html`,
      `${rendererUrl}?next=1`,
      rendererUrl.replace('/dist/renderer/index.html', '/dist/renderer/other.html'),
      'about:blank',
      'data:text/html,<script>1</script>',
      'devtools://devtools/bundled/inspector.html',
    ];
    for (const url of foreign) {
      const top = ownPage(url);
      await expect(invoke(eventFrom(top, top), 'setup.init', setup), url).rejects.toThrow('拒绝调用');
    }
    expect(await setupState()).toBe('setup');
  });

  it('rejects a subframe even when it shows our page, and a sender without a frame', async () => {
    const iframe: Frame = { url: rendererUrl, parent: ownPage(), processId: 1, routingId: 7 };
    await expect(invoke(eventFrom(iframe), 'setup.init', setup)).rejects.toThrow('拒绝调用');
    const otherTop: Frame = { url: rendererUrl, parent: null, processId: 2, routingId: 1 };
    await expect(invoke(eventFrom(otherTop), 'setup.init', setup)).rejects.toThrow('拒绝调用');
    await expect(invoke(eventFrom(null), 'setup.init', setup)).rejects.toThrow('拒绝调用');
    expect(await setupState()).toBe('setup');
  });
});
