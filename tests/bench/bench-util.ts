/** Runs `fn` `runs` times after one warm-up and reports the median and the best, in ms. */
export async function measure(label: string, runs: number, fn: () => unknown): Promise<{ median: number; best: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const best = times[0]!;
  console.log(`| ${label} | ${median.toFixed(1)} ms | ${best.toFixed(1)} ms | ${runs} |`);
  return { median, best };
}

export function header(title: string): void {
  console.log(`\n### ${title}\n\n| case | median | best | runs |\n|---|---|---|---|`);
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
