import { BrowserWindow, dialog, screen, type Session, type WebContents } from 'electron';

/** Sent as a response header on top of the page's own <meta> policy; both must pass. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // ag-grid and React inject inline styles; scripts stay 'self' only.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Local files, DevTools and in-memory data only: the app never touches the network.
const ALLOWED_PROTOCOLS = new Set(['file:', 'devtools:', 'data:', 'blob:']);

export function isAllowedRequest(url: string): boolean {
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Session-wide rules: no network, no permissions, the CSP header on every response. */
export function hardenSession(ses: Session): void {
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** Per-page rules, applied to every web contents the app creates. */
export function hardenContents(contents: WebContents): void {
  // The app is a single page; in-page (hash) routing does not emit will-navigate.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface WindowOptions {
  rendererIndex: string;
  preload: string;
}

/** The main window at a size that fits the screen; 1280×720 minimum so 1366×768 laptops work. */
export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const work = screen.getPrimaryDisplay().workAreaSize;
  const win = new BrowserWindow({
    width: Math.max(1280, Math.min(1600, work.width)),
    height: Math.max(720, Math.min(1000, work.height)),
    minWidth: 1280,
    minHeight: 720,
    show: false,
    title: '基层党建台账',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  hardenContents(win.webContents);
  // The renderer asks before unsaved work is dropped (useDirty sets beforeunload). Electron shows
  // no dialog for beforeunload and silently cancels the close, so the question is asked here.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question', title: '有未保存的修改', message: '有未保存的修改，关闭窗口将放弃这些修改。',
      buttons: ['放弃修改并关闭', '取消'], defaultId: 1, cancelId: 1, noLink: true,
    });
    if (choice === 0) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(opts.rendererIndex);
  return win;
}
