import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, type FakeBrowserWindow } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule);

const { createMainWindow, hardenSession, CSP, isAllowedRequest } = await import('../../electron/window.ts');
const electron = (await import('./fake-electron.ts')).electronModule;

function openWindow(): FakeBrowserWindow {
  createMainWindow({ rendererIndex: '/app/dist/renderer/index.html', preload: '/app/dist/electron/preload.cjs' });
  return fake.windows.at(-1)!;
}

type Prefs = Record<string, unknown>;

beforeEach(() => fake.reset());

describe('main window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    const prefs = openWindow().options.webPreferences as Prefs;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/dist/electron/preload.cjs',
    });
  });

  it('loads the built renderer from disk and fits a 1366×768 screen', () => {
    const win = openWindow();
    expect(win.loaded).toEqual(['/app/dist/renderer/index.html']);
    expect(win.options).toMatchObject({ minWidth: 1280, minHeight: 720 });
    expect(win.options.width as number).toBeLessThanOrEqual(1366);
    expect(win.options.height as number).toBeLessThanOrEqual(728);
  });

  it('denies every navigation and redirect away from the page', () => {
    const contents = openWindow().webContents;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:8080/']) {
        const preventDefault = vi.fn();
        contents.emit(event, { preventDefault, url }, url);
        expect(preventDefault, `${event} ${url}`).toHaveBeenCalledOnce();
      }
    }
  });

  it('asks before a close drops unsaved work: 取消 keeps the window, 放弃修改并关闭 lets it close', () => {
    const contents = openWindow().webContents;
    for (const [answer, closes] of [[1, false], [0, true]] as const) {
      fake.messageBoxAnswer = answer;
      const preventDefault = vi.fn();
      contents.emit('will-prevent-unload', { preventDefault });
      // preventDefault on will-prevent-unload means "ignore beforeunload": the window closes.
      expect(preventDefault.mock.calls.length, `answer ${answer}`).toBe(closes ? 1 : 0);
    }
    expect(fake.messageBoxes.map((o) => o.buttons)).toEqual([['放弃修改并关闭', '取消'], ['放弃修改并关闭', '取消']]);
  });

  it('denies window.open and target=_blank', () => {
    const handler = openWindow().webContents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///app/dist/renderer/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('session', () => {
  beforeEach(() => hardenSession(electron.session.defaultSession as never));

  function cancelled(url: string): boolean {
    let result: { cancel?: boolean } | undefined;
    fake.session.beforeRequest!({ url } as never, ((r: { cancel?: boolean }) => (result = r)) as never);
    return result!.cancel === true;
  }

  it('cancels every network request', () => {
    for (const url of ['http://example.com/x.js', 'https://example.com/', 'ws://127.0.0.1:1/', 'wss://a.b/', 'ftp://a/', 'chrome://settings', 'not a url']) {
      expect(cancelled(url), url).toBe(true);
      expect(isAllowedRequest(url)).toBe(false);
    }
  });

  it('lets local files and DevTools through', () => {
    for (const url of ['file:///app/dist/renderer/assets/index.js', 'devtools://devtools/bundled/inspector.html', 'data:image/png;base64,AA==']) {
      expect(cancelled(url), url).toBe(false);
    }
  });

  it('adds the strict CSP header to every response and keeps the others', () => {
    let result: { responseHeaders?: Record<string, string[]> } | undefined;
    fake.session.headersReceived!(
      { url: 'file:///app/dist/renderer/index.html', responseHeaders: { 'X-Other': ['1'] } } as never,
      ((r: typeof result) => (result = r)) as never,
    );
    expect(result!.responseHeaders!['X-Other']).toEqual(['1']);
    expect(result!.responseHeaders!['Content-Security-Policy']).toEqual([CSP]);
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "connect-src 'none'"]) {
      expect(CSP).toContain(directive);
    }
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(CSP.match(/script-src [^;]*/)![0]).toBe("script-src 'self'");
  });

  it('refuses every permission request and check', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      fake.session.permissionRequest!({} as never, permission as never, callback as never);
      expect(callback).toHaveBeenCalledWith(false);
      expect(fake.session.permissionCheck!({} as never, permission as never)).toBe(false);
    }
  });
});
