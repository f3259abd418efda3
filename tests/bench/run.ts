import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

// `npm run bench [-- --quick] [name…]`: runs every tests/bench/*.bench.ts (or those whose file
// name contains one of the names) in its own process, one after the other, so one module's
// memory and caches do not colour another's figures. --quick: fewer rounds, no 100,000-person
// or five-year cases (JICENG_BENCH_QUICK=1 in each bench process).
const dir = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => a !== '--quick');
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = 0;
const started = performance.now();
console.log(`# npm run bench ${args.join(' ')}\n\n${new Date().toISOString()}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const f of files) {
  console.log(`\n## ${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', f], { cwd: dir, stdio: 'inherit', env: { ...process.env, ...(quick ? { JICENG_BENCH_QUICK: '1' } : {}) } });
  if (r.status !== 0) failed++;
}
console.log(`\nbench done in ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}${failed ? `, ${failed} FAILED` : ''}`);
process.exitCode = failed ? 1 : 0;
