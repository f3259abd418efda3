import type { CDPSession, Page, Response } from 'playwright-core';
import { removeDir, tempDir } from '../helpers/app.ts';
import { load, quick } from './bench-util.ts';
import { loginPage, openRoster, paintedRow, settledPage, signIn, sleep, startServe, type Serve } from './browser-mode.ts';
import { securedDemo } from './secured.ts';

// Issue 19, build point 2: "At 100,000 people, memory in the server and in the renderer stays
// bounded, and scrolling stays smooth." The roster grid in browser mode (chromium, as in
// paint.bench.ts), signed in as the county-wide 录入员, after its first rows are painted:
//   - jumps: the grid's vertical scroll bar set to 40 places spread over the whole list (as a drag of the
//     scroll bar does), each timed in the page until the animation frame in which the row at
//     that place has its data. The
//     ceiling of each jump is the `roster.page` answer it waited for (Chromium's request timing:
//     sent → last byte), so the ratio is what the grid adds to the server's block;
//   - wheel: 150 wheel steps of 120 px, one every 16 ms (about 600 rows); every animation frame
//     is recorded, with the number of rows shown still loading. Ceiling: the frame interval of
//     the same page at rest (one second of frames before the wheel);
//   - memory: the renderer's JS heap after a full GC (CDP), its DOM node count and the grid's
//     row elements in the DOM (pinned and centre parts each count), after the first rows, after the jumps and after the wheel; the serve
//     process's resident memory (VmRSS) now and at peak (VmHWM).
// 20,000 and 100,000 people (--quick: 20,000 only). Figures only; no assertions on time.

const JUMPS = 40;
const WHEEL_STEPS = 150;
const ROW_HEIGHT = 30; // renderer/src/grid/setup.ts

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN; };
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

interface Memory { heap: number; nodes: number; gridRows: number }

async function memory(page: Page, cdp: CDPSession): Promise<Memory> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const gridRows = await page.locator('.ag-row').count();
  return { heap: usedSize, nodes: metrics.find((m) => m.name === 'Nodes')?.value ?? NaN, gridRows };
}

/** Frame timestamps (and rows shown loading per frame) while `during` runs. */
async function frames(page: Page, during: () => Promise<void>): Promise<{ intervals: number[]; loadingFrames: number; frames: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { __rec: boolean; __frames: [number, number][] };
    w.__rec = true;
    w.__frames = [];
    const tick = (t: number) => {
      if (!w.__rec) return;
      w.__frames.push([t, document.querySelectorAll('.ag-row-loading').length]);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await during();
  const recorded = await page.evaluate(() => {
    const w = window as unknown as { __rec: boolean; __frames: [number, number][] };
    w.__rec = false;
    return w.__frames;
  });
  const intervals = recorded.slice(1).map(([t], i) => t - recorded[i]![0]);
  return { intervals, loadingFrames: recorded.filter(([, n]) => n > 0).length, frames: recorded.length };
}

async function scrollCase(people: number): Promise<void> {
  const app = await securedDemo(people, 150);
  app.close();
  const dir = tempDir('jiceng-bench-scroll-');
  const { browser, page } = await settledPage();
  const blocks: Response[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/api/roster.page')) blocks.push(r);
  });
  let serve: Serve | undefined;
  try {
    serve = await startServe(app.dbFile, dir);
    await loginPage(page, serve.url);
    await signIn(page);
    await openRoster(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const first = await memory(page, cdp);
    const rssFirst = serve.rss();
    const scroller = page.locator('.ag-body-vertical-scroll-viewport');
    const rowCount = await page.evaluate(() => Number(/共\s*([\d,]+)/.exec(document.body.innerText)?.[1]?.replace(/,/g, '') ?? NaN));

    // Jumps, spread over the list in a fixed shuffled order (a multiplicative step mod JUMPS).
    const jumps: number[] = [];
    const answers: number[] = [];
    for (let k = 0; k < JUMPS; k++) {
      const slot = (k * 17) % JUMPS;
      const row = Math.floor(((slot + 0.5) / JUMPS) * people);
      const before = blocks.length;
      // Timed in the page, from setting the scroll bar to the animation frame in which the row
      // has its data (Playwright's own waiting polls at coarser steps).
      jumps.push(await page.evaluate(({ top, rowIndex }) => {
        const bar = document.querySelector('.ag-body-vertical-scroll-viewport')!;
        const t = performance.now();
        bar.scrollTop = top;
        return new Promise<number>((resolve) => {
          const check = () => {
            const cell = document.querySelector(`.ag-row[row-index="${rowIndex}"]:not(.ag-row-loading) .ag-cell[col-id="name"]`);
            if (cell?.textContent?.trim()) resolve(performance.now() - t);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        });
      }, { top: row * ROW_HEIGHT, rowIndex: row }));
      await paintedRow(page, row).waitFor({ timeout: 60_000 });
      const asked = blocks.slice(before).map((r) => r.request().timing().responseEnd).filter((x) => x >= 0);
      if (asked.length) answers.push(Math.max(...asked));
    }
    const afterJumps = await memory(page, cdp);

    const rest = await frames(page, async () => { await sleep(1000); });
    await scroller.evaluate((el) => { el.scrollTop = 0; });
    await paintedRow(page, 0).waitFor();
    await page.mouse.move(700, 450);
    const wheel = await frames(page, async () => {
      for (let i = 0; i < WHEEL_STEPS; i++) {
        await page.mouse.wheel(0, 120);
        await sleep(16);
      }
      await sleep(500);
    });
    const wheeledRows = Math.round((await scroller.evaluate((el) => el.scrollTop)) / ROW_HEIGHT);
    const afterWheel = await memory(page, cdp);
    const rss = serve.rss();

    console.log(`\n### Roster grid over ${people.toLocaleString('en')} people: scrolling and memory (browser mode, chromium)\n`);
    console.log(`load average ${load()}; grid row count shown: ${rowCount.toLocaleString('en')}; roster.page requests in all: ${blocks.length}\n`);
    console.log('| case | median | p95 | max | ceiling (median) | ÷ ceiling |\n|---|---|---|---|---|---|');
    console.log(`| jump to a place in the list → its row painted (${JUMPS} jumps) | ${ms(median(jumps))} | ${ms(pct(jumps, 0.95))} | ${ms(Math.max(...jumps))} | the block's answer ${ms(median(answers))} (${answers.length} jumps asked) | ${(median(jumps) / median(answers)).toFixed(2)}× |`);
    console.log(`| wheel, frame interval (${wheel.frames} frames) | ${ms(median(wheel.intervals))} | ${ms(pct(wheel.intervals, 0.95))} | ${ms(Math.max(...wheel.intervals))} | at rest ${ms(median(rest.intervals))} | ${(median(wheel.intervals) / median(rest.intervals)).toFixed(2)}× |`);
    console.log(`\nwheel: ${wheel.intervals.filter((x) => x > 50).length} of ${wheel.intervals.length} frame intervals over 50 ms; ${wheeledRows} rows scrolled; ${wheel.loadingFrames} of ${wheel.frames} frames showed rows still loading\n`);
    console.log('| memory | after first rows | after the jumps | after the wheel |\n|---|---|---|---|');
    console.log(`| renderer JS heap, after GC | ${mib(first.heap)} | ${mib(afterJumps.heap)} | ${mib(afterWheel.heap)} |`);
    console.log(`| renderer DOM nodes | ${first.nodes} | ${afterJumps.nodes} | ${afterWheel.nodes} |`);
    console.log(`| grid row elements in the DOM (pinned + centre) | ${first.gridRows} | ${afterJumps.gridRows} | ${afterWheel.gridRows} |`);
    console.log(`| serve resident memory (VmRSS) | ${rssFirst.now.toFixed(0)} MiB | | ${rss.now.toFixed(0)} MiB (peak ${rss.peak.toFixed(0)} MiB) |`);
  } finally {
    await browser.close();
    await serve?.stop();
    removeDir(dir);
    removeDir(app.dir);
  }
}

await scrollCase(20_000);
if (!quick) await scrollCase(100_000);
