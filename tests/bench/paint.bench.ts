import type { Response } from 'playwright-core';
import { removeDir, tempDir } from '../helpers/app.ts';
import { compareSplits, quick, rounds } from './bench-util.ts';
import { loginPage, openRoster, settledPage, signIn, startServe, type Serve } from './browser-mode.ts';
import { securedDemo } from './secured.ts';

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

interface Sizes {
  firstBlockBytes: number;
  firstBlockRows: number;
  apiCalls: number;
  apiBytes: number;
  servePeakRss: string;
  /** Each API call until the first rows: operation, sent at (ms after server up), answered in (ms). */
  timeline: string;
}

async function round(dbFile: string, sizes: { last?: Sizes }): Promise<number[]> {
  const dir = tempDir('jiceng-bench-paint-');
  const { browser, page } = await settledPage();
  const answers: Response[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) answers.push(r);
  });
  let serve: Serve | undefined;
  try {
    serve = await startServe(dbFile, dir);
    // ---- timed from here ----
    const up = serve.up;
    await loginPage(page, serve.url);
    const loginPainted = performance.now() - up;
    await signIn(page);
    const signedIn = performance.now() - up;
    await openRoster(page);
    const rowsPainted = performance.now() - up;
    // ---- timed until here ----
    const seen = answers.slice();
    const upEpoch = performance.timeOrigin + up;
    const servePeakRss = `${serve.rss().peak.toFixed(0)} MiB`;
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
    await serve?.stop();
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
