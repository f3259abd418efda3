import { EventEmitter } from 'node:events';

// A stand-in for the electron module (the real one downloads a binary on import). It records
// what our electron/ code asks of it so tests can replay events and inspect options.

type Listener = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
  mainFrame = { url: '', parent: null, processId: 1, routingId: 1 };
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  focused = 0;
  minimized = false;
  readonly options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    fake.windows.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loaded.push(file);
    return Promise.resolve();
  }
  show(): void {}
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused++;
  }
}

function fakeSession() {
  return {
    beforeRequest: undefined as Listener | undefined,
    headersReceived: undefined as Listener | undefined,
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    webRequest: {
      onBeforeRequest(fn: Listener) {
        fake.session.beforeRequest = fn;
      },
      onHeadersReceived(fn: Listener) {
        fake.session.headersReceived = fn;
      },
    },
    setPermissionRequestHandler(fn: Listener) {
      fake.session.permissionRequest = fn;
    },
    setPermissionCheckHandler(fn: Listener) {
      fake.session.permissionCheck = fn;
    },
  };
}

// Mocked module objects are captured once by vi.mock, so reset() mutates them in place.
function resetApp(app: FakeApp): void {
  app.removeAllListeners();
  app.isPackaged = false;
  app.paths = {};
  app.gotLock = true;
  app.exitCode = undefined;
  app.quitCalls = 0;
  app.sandboxed = false;
  app.switches.clear();
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  paths: Record<string, string> = {};
  gotLock = true;
  exitCode: number | undefined;
  quitCalls = 0;
  sandboxed = false;
  switches = new Map<string, string>();
  commandLine = { appendSwitch: (name: string, value = '') => void this.switches.set(name, value) };
  enableSandbox(): void {
    this.sandboxed = true;
  }
  getPath(name: string): string {
    return this.paths[name] ?? `/nonexistent/${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths[name] = value;
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const fake = {
  windows: [] as FakeBrowserWindow[],
  ipcHandlers: new Map<string, Listener>(),
  exposed: new Map<string, unknown>(),
  rendererInvokes: [] as unknown[][],
  errorBoxes: [] as { title: string; content: string }[],
  // What showMessageBoxSync answers next (the index of the button "clicked"), and what it was asked.
  messageBoxAnswer: 0,
  messageBoxes: [] as Record<string, unknown>[],
  menu: 'default' as unknown,
  session: fakeSession(),
  app: new FakeApp(),
  reset(): void {
    fake.windows.length = 0;
    fake.ipcHandlers.clear();
    fake.exposed.clear();
    fake.rendererInvokes.length = 0;
    fake.errorBoxes.length = 0;
    fake.messageBoxAnswer = 0;
    fake.messageBoxes.length = 0;
    fake.menu = 'default';
    Object.assign(fake.session, fakeSession());
    resetApp(fake.app);
  },
};

export const electronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  screen: { getPrimaryDisplay: () => ({ workAreaSize: { width: 1366, height: 728 } }) },
  session: { defaultSession: fake.session },
  ipcMain: {
    handle(channel: string, fn: Listener) {
      if (fake.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.ipcHandlers.set(channel, fn);
    },
  },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      fake.rendererInvokes.push(args);
      return Promise.resolve({ ok: true, data: null });
    },
  },
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown) {
      fake.exposed.set(key, api);
    },
  },
  dialog: {
    showErrorBox(title: string, content: string) {
      fake.errorBoxes.push({ title, content });
    },
    showMessageBoxSync(_win: unknown, options: Record<string, unknown>) {
      fake.messageBoxes.push(options);
      return fake.messageBoxAnswer;
    },
  },
  Menu: {
    setApplicationMenu(menu: unknown) {
      fake.menu = menu;
    },
  },
};
