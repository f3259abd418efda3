import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import config from '../playwright.config.ts';
import { repoRoot } from '../helpers/serve.ts';
import { BENCH_PASSWORD, BENCH_USER } from './secured.ts';

// The browser-mode benches' shared steps (paint.bench.ts, scroll.bench.ts): Debian's chromium
// with the e2e launch flags, locale and viewport of tests/playwright.config.ts (never
// `playwright install`), and `jiceng serve` through the bin (cli/jiceng.js, the dist/cli
// bundle when it is fresh), as a user starts it.

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh browser, context and page (no cache, no stored column layout), settled (untimed). */
export async function settledPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ ...(config.use?.launchOptions ?? {}), headless: true });
  const page = await (await browser.newContext({ locale: config.use?.locale ?? 'zh-CN', viewport: config.use?.viewport ?? { width: 1366, height: 768 } })).newPage();
  // Debian's chromium (new headless mode) loads its own UI modules for about a second after
  // launch; on 2 cores that would fall into a timed window. A user's browser is already
  // running when they open the app: let it settle first.
  await page.goto('about:blank');
  await sleep(1500);
  return { browser, page };
}

export interface Serve {
  process: ChildProcess;
  url: string;
  /** performance.now() when the --info file (written, then renamed, once the bridge listens) was seen. */
  up: number;
  /** Peak resident memory so far (VmHWM) and now (VmRSS), in MiB. */
  rss(): { peak: number; now: number };
  stop(): Promise<void>;
}

/** Spawns `jiceng serve --db … --info …` and waits (polling every 5 ms) until it listens. */
export async function startServe(dbFile: string, dir: string): Promise<Serve> {
  const info = join(dir, 'info.json');
  const server = spawn(process.execPath, [join(repoRoot, 'cli', 'jiceng.js'), 'serve', '--db', dbFile, '--info', info], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 120_000;
  while (!existsSync(info)) {
    if (server.exitCode !== null) throw new Error(`jiceng serve exited ${server.exitCode}: ${stderr}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`jiceng serve did not start: ${stderr}`);
    }
    await sleep(5);
  }
  const up = performance.now();
  const { url } = JSON.parse(readFileSync(info, 'utf8')) as { url: string };
  const rss = () => {
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
    return { peak: kb('VmHWM'), now: kb('VmRSS') };
  };
  return { process: server, url, up, rss, stop };
}

/** The login page, until its 登录 heading is visible. */
export async function loginPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'commit' });
  await page.getByRole('heading', { name: '登录' }).waitFor();
}

/** The county-wide 录入员 (tests/bench/secured.ts) signs in, until the signed-in user bar shows. */
export async function signIn(page: Page): Promise<void> {
  await page.locator('#login-username').fill(BENCH_USER);
  await page.locator('#login-password').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('banner', { name: '当前用户' }).waitFor();
}

/** A row ag-grid no longer marks as loading, with a non-empty name cell. */
export const paintedRow = (page: Page, rowIndex?: number) =>
  page.locator(`.ag-row${rowIndex === undefined ? '' : `[row-index="${rowIndex}"]`}:not(.ag-row-loading) .ag-cell[col-id="name"]`).filter({ hasText: /\S/ }).first();

/** 花名册 clicked in the navigation, until the first grid row with data is visible. */
export async function openRoster(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
  await paintedRow(page).waitFor({ timeout: 120_000 });
}
