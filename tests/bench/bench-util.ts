import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A GC before each timed call, so one case never pays for another's garbage
// (`npm run bench` passes --expose-gc; a bench file run on its own turns it on here).
setFlagsFromString('--expose-gc');
const gcFn = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;
export const gc = (): void => gcFn();

/** True under `npm run bench -- --quick`: fewer rounds and no 100,000-person or five-year cases. */
export const quick = process.env.JICENG_BENCH_QUICK === '1';
export const rounds = (full: number): number => (quick ? Math.max(3, Math.ceil(full / 2)) : full);

/** The machine's load, printed next to every table: 7 other engineers share these 2 cores. */
export const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`);
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

/** Runs `fn` `runs` times after one warm-up (GC before each) and reports the median and the best, in ms. */
export async function measure(label: string, runs: number, fn: () => unknown): Promise<{ median: number; best: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const m = median(times);
  const best = Math.min(...times);
  console.log(`| ${label} | ${fmt(m)} | ${fmt(best)} | ${runs} |`);
  return { median: m, best };
}

export function header(title: string): void {
  console.log(`\n### ${title}\n\nload average ${load()}\n\n| case | median | best | runs |\n|---|---|---|---|`);
}

export interface Case {
  label: string;
  fn: () => unknown;
  /** The issue's goal as a ceiling ratio (e.g. 2 for "under 2× raw"), or an absolute ceiling in ms. */
  goal?: { ratio?: number; ms?: number };
}

export interface Compared { label: string; median: number; best: number; ratio: number }

/**
 * The bench's judge: each case next to a ceiling measured in the same run. Every round runs the
 * ceiling and every case once, interleaved (so load from the other jobs on the machine falls on
 * all of them alike), each after a GC; one untimed warm-up round first. Prints medians, bests,
 * the ratio of medians to the ceiling's, and whether the goal is met.
 */
export async function compare(title: string, ceiling: Case, cases: Case[], n: number): Promise<Compared[]> {
  const all = [ceiling, ...cases];
  for (const c of all) await c.fn();
  const times = all.map(() => [] as number[]);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < all.length; i++) {
      gc();
      const t = performance.now();
      await all[i]!.fn();
      times[i]!.push(performance.now() - t);
    }
  }
  return report(`\n### ${title}\n\nload average ${load()} before, ${n} interleaved rounds, GC before each call\n`, all, times);
}

/**
 * The judge for cases that are split times of one timed sequence (e.g. server up → login page
 * painted, and server up → first grid rows, in the same page load): `round` does its own
 * set-up outside the timed part and returns one time in ms per entry of `[ceiling, ...cases]`.
 * One untimed warm-up round first, then `n` rounds; the same table as `compare`.
 */
export async function compareSplits(title: string, ceiling: Omit<Case, 'fn'>, cases: Omit<Case, 'fn'>[], round: () => Promise<number[]>, n: number): Promise<Compared[]> {
  const all = [ceiling, ...cases];
  await round();
  const before = load();
  const times = all.map(() => [] as number[]);
  for (let r = 0; r < n; r++) {
    gc();
    const split = await round();
    if (split.length !== all.length) throw new Error(`${title}: round gave ${split.length} times for ${all.length} cases`);
    split.forEach((ms, i) => times[i]!.push(ms));
  }
  return report(`\n### ${title}\n\nload average ${before} before, ${load()} after, ${n} rounds (one warm-up round before), every case a split time of the same round as its ceiling\n`, all, times);
}

function report(head: string, all: Omit<Case, 'fn'>[], times: number[][]): Compared[] {
  const base = median(times[0]!);
  console.log(head);
  console.log('| case | median | best | ÷ ceiling | goal |\n|---|---|---|---|---|');
  return all.map((c, i) => {
    const m = median(times[i]!);
    const best = Math.min(...times[i]!);
    const ratio = m / base;
    const goal = c.goal ? verdict(c.goal, ratio, m) : i === 0 ? 'ceiling' : '';
    console.log(`| ${c.label} | ${fmt(m)} | ${fmt(best)} | ${i === 0 ? '1' : `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}×`} | ${goal} |`);
    return { label: c.label, median: m, best, ratio };
  });
}

function verdict(goal: NonNullable<Case['goal']>, ratio: number, ms: number): string {
  const parts: string[] = [];
  if (goal.ratio !== undefined) parts.push(`< ${goal.ratio}× ${ratio < goal.ratio ? 'met' : 'NOT met'}`);
  if (goal.ms !== undefined) parts.push(`< ${fmt(goal.ms)} ${ms < goal.ms ? 'met' : 'NOT met'}`);
  return parts.join(', ');
}

/** A whole process as a case: wall time from spawn to exit; throws when it fails. */
export function processCase(label: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; goal?: Case['goal']; check?: (stdout: string) => void } = {}): Case {
  return {
    label,
    ...(opts.goal ? { goal: opts.goal } : {}),
    fn: () => {
      const r = spawnSync(process.execPath, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
      if (r.status !== 0 && !(args.includes('--help'))) throw new Error(`${label}: exit ${r.status}\n${r.stderr}`);
      opts.check?.(r.stdout);
    },
  };
}

/** A plaintext temp database seeded with the demo generator, and a dispatcher over it as the system actor. */
export async function demoDatabase(people: number, communities = 100) {
  const { join } = await import('node:path');
  const { openDatabase } = await import('../../db/open.ts');
  const { sourceMigrationsFolder } = await import('../../db/paths.ts');
  const { createDispatcher } = await import('../../core/dispatch.ts');
  const { systemActor } = await import('../../core/installation.ts');
  const { generateDemo } = await import('../../core/demo/generate.ts');
  const { seedDemo } = await import('../../core/demo/seed.ts');
  const { localIsoDate } = await import('../../core/roster/dates.ts');
  const { tempDir } = await import('../helpers/app.ts');
  const dir = tempDir('jiceng-bench-');
  const opened = openDatabase({ file: join(dir, 'bench.db'), migrationsFolder: sourceMigrationsFolder, key: null });
  const actor = systemActor(opened.db);
  const dispatcher = createDispatcher({ db: opened.db, sqlite: opened.sqlite, actor: () => actor });
  dispatcher.transact('bench.seed', (tx) => seedDemo(tx, generateDemo({ communities, people, today: localIsoDate(new Date()) })));
  const ok = async (op: string, input: unknown): Promise<any> => {
    const env = await dispatcher.dispatch(op, input);
    if (!env.ok) throw new Error(`${op}: ${env.error.message}`);
    return env.data;
  };
  const county = (await ok('org.tree', {})).find((o: { level: string }) => o.level === 'county') as { id: string };
  return { dir, opened, dispatcher, ok, county };
}
