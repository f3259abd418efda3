import { removeDir } from '../helpers/app.ts';
import { ADMIN_PASSWORD, setUpSecured } from '../helpers/runtime.ts';

// Issue 13: the login answer must not tell an unknown username from a wrong password, by
// message or by time. Medians of interleaved attempts on an encrypted database, through the
// runtime exactly as the UI and the CLI call it. A correct login after every few wrong ones
// resets the administrator's counter so the lockout never answers instead.

const RUNS = Number(process.env.JICENG_LOGIN_RUNS ?? 41);
const app = await setUpSecured();
const times = { unknown: [] as number[], wrong: [] as number[], right: [] as number[] };
const messages = { unknown: new Set<string>(), wrong: new Set<string>() };

async function timed(kind: keyof typeof times, username: string, password: string) {
  const t = performance.now();
  const env = await app.runtime.dispatch('auth.login', { username, password });
  times[kind].push(performance.now() - t);
  if (!env.ok && kind !== 'right') messages[kind].add(env.error.message);
}

await timed('right', 'admin', ADMIN_PASSWORD); // warm-up
times.right.length = 0;
for (let i = 0; i < RUNS; i++) {
  await timed('unknown', `nobody${i}`, 'Wrong-Pass-2026!');
  await timed('wrong', 'admin', 'Wrong-Pass-2026!');
  if (i % 3 === 2) await timed('right', 'admin', ADMIN_PASSWORD);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mad = (xs: number[]) => median(xs.map((x) => Math.abs(x - median(xs))));
console.log(`\n### Login answer time (${RUNS} interleaved attempts each, encrypted database)\n\n| case | median | spread (median absolute deviation) | messages |\n|---|---|---|---|`);
console.log(`| unknown username | ${median(times.unknown).toFixed(1)} ms | ${mad(times.unknown).toFixed(1)} ms | ${[...messages.unknown].join(' / ')} |`);
console.log(`| wrong password | ${median(times.wrong).toFixed(1)} ms | ${mad(times.wrong).toFixed(1)} ms | ${[...messages.wrong].join(' / ')} |`);
console.log(`| correct password (for scale) | ${median(times.right).toFixed(1)} ms | ${mad(times.right).toFixed(1)} ms | — |`);
console.log(`\nunknown / wrong: ${(median(times.unknown) / median(times.wrong)).toFixed(3)}`);
app.close();
removeDir(app.dir);
