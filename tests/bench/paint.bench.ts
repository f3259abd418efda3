import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Response } from 'playwright-core';
import config from '../playwright.config.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { repoRoot } from '../helpers/serve.ts';
import { compareSplits, quick, rounds } from './bench-util.ts';
import { BENCH_PASSWORD, BENCH_USER, securedDemo } from './secured.ts';

// Issue 19: "first rows painted in under 1.5 s after the server is up". A user's path in browser
// mode, with Debian's chromium (the e2e launch flags, locale and viewport of
// tests/playwright.config.ts; never `playwright install`), on an encrypted database of a demo
// county, as the county-wide 录入员 (tests/bench/secured.ts).
//
// Each round, untimed: launch chromium and open a fresh context and page (no cache, no stored
// column layout), let it settle for 1.5 s, then spawn `jiceng serve --db … --info …` (the bin, cli/jiceng.js, which runs
// the dist/cli bundle when it is fresh) and wait for it to start.
// Timed, from "server up" = the moment the --info file (written, then renamed, once the bridge
// listens) is seen, polled every 5 ms:
//   - ceiling: the page loaded from the server's address until the login page's 登录 heading is visible;
//   - then the clerk's name and password typed and 登录 clicked, until the signed-in user bar shows
//     (scrypt login, keyed open of the database, quick_check when due);
//   - then 花名册 clicked in the navigation, until the first grid row with data is visible (a row
//     ag-grid no longer marks as loading, with a non-empty name cell).
// "Visible" is Playwright's: laid out with a non-empty box, checked on animation frames.
// Untimed, after the round: the bytes of the API answers the page received, chromium closed,
// the server stopped (SIGTERM; its exit backup runs before the next round).

const launchOptions = config.use?.launchOptions ?? {};
const contextOptions = { locale: config.use?.locale ?? 'zh-CN', viewport: config.use?.viewport ?? { width: 1366, height: 768 } };
const bin = join(repoRoot, 'cli', 'jiceng.js');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sizes {
  firstBlockBytes: number;
  firstBlockRows: number;
  apiCalls: number;
  apiBytes: number;
  servePeakRss: string;
  /** Each API call until the first rows: operation, sent at (ms after server up), answered in (ms). */
  timeline: string;
}

function peakRss(pid: number | undefined): string {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? `${(Number(m[1]) / 1024).toFixed(0)} MiB` : '?';
}

async function round(dbFile: string, sizes: { last?: Sizes }): Promise<number[]> {
  const dir = tempDir('jiceng-bench-paint-');
  const info = join(dir, 'info.json');
  const browser = await chromium.launch({ ...launchOptions, headless: true });
  const page = await (await browser.newContext(contextOptions)).newPage();
  // Debian's chromium (new headless mode) loads its own UI modules for about a second after
  // launch; on 2 cores that would fall into the timed window. A user's browser is already
  // running when they open the app: let it settle first (untimed).
  await page.goto('about:blank');
  await sleep(1500);
  const answers: Response[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(r);
  });
  const server = spawn(process.execPath, [bin, 'serve', '--db', dbFile, '--info', info], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + 120_000;
    while (!existsSync(info)) {
      if (server.exitCode !== null) throw new Error(`jiceng serve exited ${server.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`jiceng serve did not start: ${stderr}`);
      await sleep(5);
    }
    // ---- timed from here ----
    const up = performance.now();
    const { url } = JSON.parse(readFileSync(info, 'utf8')) as { url: string };
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('heading', { name: '登录' }).waitFor();
    const loginPainted = performance.now() - up;
    await page.locator('#login-username').fill(BENCH_USER);
    await page.locator('#login-password').fill(BENCH_PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('banner', { name: '当前用户' }).waitFor();
    const signedIn = performance.now() - up;
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '花名册' }).click();
    await page.locator('.ag-row:not(.ag-row-loading) .ag-cell[col-id="name"]').filter({ hasText: /\S/ }).first().waitFor({ timeout: 120_000 });
    const rowsPainted = performance.now() - up;
    // ---- timed until here ----
    const seen = answers.slice();
    const upEpoch = performance.timeOrigin + up;
    const servePeakRss = peakRss(server.pid);
    const block = seen.find((r) => r.url().endsWith('/api/roster.page'));
    if (!block) throw new Error('rows painted without a roster.page answer');
    const blockBody = await block.body();
    let apiBytes = 0;
    for (const r of seen) apiBytes += (await r.body()).length;
    const answer = JSON.parse(blockBody.toString('utf8')) as { ok: boolean; data?: { rows: unknown[] } };
    if (!answer.ok || !answer.data) throw new Error(`roster.page refused: ${blockBody.toString('utf8').slice(0, 300)}`);
    const rows = answer.data.rows.length;
    const timeline = seen.map((r) => {
      const t = r.request().timing();
      return `${new URL(r.url()).pathname.slice(5)} +${(t.startTime - upEpoch).toFixed(0)} ms (${t.responseEnd >= 0 ? `${t.responseEnd.toFixed(0)} ms` : '?'})`;
    }).join(', ');
    sizes.last = { firstBlockBytes: blockBody.length, firstBlockRows: rows, apiCalls: seen.length, apiBytes, servePeakRss, timeline };
    return [loginPainted, signedIn, rowsPainted];
  } finally {
    await browser.close();
    if (server.exitCode === null) server.kill('SIGTERM');
    await exited;
    removeDir(dir);
  }
}

async function paintCase(people: number, n: number): Promise<void> {
  const app = await securedDemo(people, 150);
  const dbFile = app.dbFile;
  // The server opens the file itself; the set-up's runtime must let go of it first.
  app.close();
  const sizes: { last?: Sizes } = {};
  try {
    await compareSplits(`Browser mode over ${people.toLocaleString('en')} people: server up → first grid rows painted (Playwright, chromium)`, { label: 'ceiling: server up → login page painted' }, [
      { label: 'server up → signed in (login page, scrypt, keyed open)' },
      { label: 'server up → first 花名册 grid rows painted', goal: { ms: 1500 } },
    ], () => round(dbFile, sizes), n);
    const s = sizes.last!;
    console.log(`\nfirst grid block (roster.page): ${(s.firstBlockBytes / 1024).toFixed(1)} KiB of JSON for ${s.firstBlockRows} rows; ` +
      `API answers until the first rows: ${s.apiCalls} calls, ${(s.apiBytes / 1024).toFixed(1)} KiB; serve peak RSS (VmHWM) at first rows: ${s.servePeakRss} (last round)`);
    console.log(`API calls of the last round (sent after server up, answered in): ${s.timeline}`);
  } finally {
    removeDir(app.dir);
  }
}

await paintCase(20_000, rounds(5));
if (!quick) await paintCase(100_000, 3);
