import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDesktopRuntime, startupRefusal, type Runtime } from './core.ts';
import { registerApi } from './ipc.ts';
import { createMainWindow, hardenSession } from './window.ts';

// This file runs as dist/electron/main.js; the renderer build sits next to it in dist/renderer.
const bundleDir = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(bundleDir, '..', 'renderer', 'index.html');
const preload = join(bundleDir, 'preload.cjs');

// Same folder as cli/app.ts defaultDataDir(), so browser mode and the window share one database.
app.setPath('userData', join(app.getPath('appData'), 'jiceng-ledger'));
// Every renderer sandboxed, whatever its webPreferences say.
app.enableSandbox();
// Chromium's own widgets (date pickers' 年/月/日, spell-check and file dialogs) in Chinese, as the
// rest of the app, also on a machine installed with another display language.
app.commandLine.appendSwitch('lang', 'zh-CN');

let runtime: Runtime | undefined;
let mainWindow: BrowserWindow | undefined;

function migrationsFolder(): string {
  return app.isPackaged ? join(process.resourcesPath, 'migrations') : join(bundleDir, '..', '..', 'db', 'migrations');
}

function dbFile(): string {
  if (process.env.JICENG_DB) return process.env.JICENG_DB;
  const dir = app.getPath('userData');
  mkdirSync(dir, { recursive: true });
  return join(dir, 'jiceng.db');
}

function refuse(file: string, reason: string): void {
  dialog.showErrorBox('基层党建台账无法打开数据库', `${reason}\n\n数据库文件：${file}`);
  app.exit(1);
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  const file = dbFile();
  // The database itself opens at login (it is encrypted); a damaged or newer file is refused
  // then, with the runtime's message on the login page. What can be checked earlier is here.
  const refusal = startupRefusal(file);
  if (refusal) return refuse(file, refusal);
  try {
    runtime = createDesktopRuntime({ dbFile: file, migrationsFolder: migrationsFolder() });
  } catch (err) {
    return refuse(file, `启动失败：${(err as Error).message}`);
  }
  registerApi(runtime.dispatch, pathToFileURL(rendererIndex).href);
  Menu.setApplicationMenu(null);
  mainWindow = createMainWindow({ rendererIndex, preload });
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
}

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one database from two windows is what the lock prevents.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => runtime?.close());
  void start();
}
