import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start`: build dist/ when missing, then open the desktop window if an Electron binary
// is installed, else fall back to browser mode (`jiceng serve`). The electron package is
// never imported here: importing it starts a download when the binary is absent.

const root = fileURLToPath(new URL('..', import.meta.url));

export const requiredBuildFiles = ['dist/renderer/index.html', 'dist/electron/main.js', 'dist/electron/core.js', 'dist/electron/preload.cjs'];

function executableName(platform: NodeJS.Platform): string {
  if (platform === 'win32') return 'electron.exe';
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return 'electron';
}

/** The Electron executable, as the electron package's own index.js would find it, or null. */
export function findElectron(projectRoot: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | null {
  const pkgDir = join(projectRoot, 'node_modules', 'electron');
  let candidate: string | null = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, executableName(platform));
  } else if (existsSync(join(pkgDir, 'path.txt'))) {
    candidate = join(pkgDir, 'dist', readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim());
  }
  return candidate && existsSync(candidate) ? candidate : null;
}

/** `--db FILE` / `--db=FILE` among the forwarded arguments. */
export function dbFlag(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--db') return args[i + 1];
    if (a.startsWith('--db=')) return a.slice('--db='.length);
  }
  return undefined;
}

function ensureBuilt(): boolean {
  if (requiredBuildFiles.every((f) => existsSync(join(root, f)))) return true;
  console.log('首次启动：正在构建界面和桌面程序（npm run build）……');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (err) => {
      console.error(`无法启动 ${command}：${err.message}`);
      resolve(1);
    });
  });
}

async function main(args: string[]): Promise<number> {
  if (!ensureBuilt()) {
    console.error('构建失败，无法启动。请查看上面的错误信息。');
    return 1;
  }
  const electron = findElectron(root);
  if (electron) {
    const env = { ...process.env };
    // Set by some tools; it would make the binary behave as plain Node instead of opening a window.
    delete env.ELECTRON_RUN_AS_NODE;
    const db = dbFlag(args);
    if (db) env.JICENG_DB = db;
    return run(electron, [join(root, 'dist', 'electron', 'main.js')], env);
  }
  console.log('本机没有可用的 Electron 桌面程序（未安装其二进制文件），改为浏览器模式启动。');
  return run(process.execPath, [join(root, 'cli', 'main.ts'), 'serve', ...args], process.env);
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
