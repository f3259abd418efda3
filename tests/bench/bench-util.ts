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
