import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../../core/runtime.ts';
import { derive, newSalt } from '../../core/security/passwords.ts';
import { sourceMigrationsFolder } from '../../db/paths.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { compare, gc, header, processCase, quick, rounds } from './bench-util.ts';

// The whole `jiceng` process, from spawn to exit, against `node -e 0` measured in the same run
// (issue 19's goal: a trivial call under 10× that). The bin (cli/jiceng.js) runs the bundle in
// dist/cli, built here first so the figures are of the code in the tree. The database is a
// demo county of 20,000 people in 150 communities, encrypted, with the 录入员 `luru` logged in
// by password (scrypt) on every call, as a user's script would.

const root = fileURLToPath(new URL('../..', import.meta.url));
const PASSWORD = 'Cesu-Pass-2026!';
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
};

const t0 = performance.now();
run(['cli/build.ts']);
console.log(`bundle built (cli/build.ts) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const dir = tempDir('jiceng-bench-cli-');
const db = join(dir, 'county.db');
run(['cli/jiceng.js', 'demo-data', '--db', db, '--communities', '150', '--people', '20000', '--admin-password', PASSWORD]);
const luru = { JICENG_USER: 'luru', JICENG_PASSWORD: PASSWORD };
const admin = { JICENG_USER: 'admin', JICENG_PASSWORD: PASSWORD };
const list = JSON.parse(run(['cli/jiceng.js', 'call', 'roster.list', '{"query":"王"}', '--db', db], luru)) as { data: { rows: { id: string }[] } };
const someone = list.data.rows[0]!.id;

const goal = { ratio: 10 };
const oneJson = (out: string) => { if (!JSON.parse(out).ok) throw new Error(out); };
await compare('The whole CLI process (20,000 people, encrypted, login by password on each call)', { label: 'ceiling: `node -e 0`', fn: () => run(['-e', '0']) }, [
  processCase('`jiceng --help` (bin: the bundle)', ['cli/jiceng.js', '--help'], { cwd: root, goal }),
  processCase('`jiceng keys show` as admin (bundle)', ['cli/jiceng.js', 'keys', 'show', '--db', db], { cwd: root, env: admin }),
  processCase('`jiceng call codes.list` as luru (bundle)', ['cli/jiceng.js', 'call', 'codes.list', '{}', '--db', db], { cwd: root, env: luru, goal, check: oneJson }),
  processCase('`jiceng call roster.get` as luru (bundle)', ['cli/jiceng.js', 'call', 'roster.get', JSON.stringify({ id: someone }), '--db', db], { cwd: root, env: luru, goal: { ratio: 12.5 }, check: oneJson }),
  processCase('before: `node cli/main.ts call codes.list` (sources, type stripping)', ['cli/main.ts', 'call', 'codes.list', '{}', '--db', db], { cwd: root, env: luru, check: oneJson }),
], rounds(7));

// What one logged-in call pays in process, besides loading code (policy of point 5 of issue 19:
// quick_check and the exit backup are another helper's work; measured here).
header('Fixed costs of one CLI call, in process (same database)');
const salt = newSalt();
const times: Record<string, number[]> = { scrypt: [], login: [], call: [], close: [] };
for (let i = 0; i < rounds(5); i++) {
  gc();
  let t = performance.now();
  derive(PASSWORD, salt);
  times.scrypt!.push(performance.now() - t);
  const rt = createRuntime({ dbFile: db, migrationsFolder: sourceMigrationsFolder });
  gc();
  t = performance.now();
  const login = await rt.dispatch('auth.login', { username: 'luru', password: PASSWORD });
  times.login!.push(performance.now() - t);
  if (!login.ok) throw new Error(login.error.message);
  t = performance.now();
  await rt.dispatch('codes.list', {}, (login.data as { sessionId: string }).sessionId);
  times.call!.push(performance.now() - t);
  t = performance.now();
  rt.close();
  times.close!.push(performance.now() - t);
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, xs: number[]) => console.log(`| ${label} | ${med(xs).toFixed(1)} ms | ${Math.min(...xs).toFixed(1)} ms | ${xs.length} |`);
line('scrypt derivation alone (N=2¹⁵, r=8, p=1)', times.scrypt!);
line('`auth.login`: scrypt + keyed open + migrations check + quick_check', times.login!);
line('`codes.list` through the dispatcher', times.call!);
line('close, with the exit backup (VACUUM INTO)', times.close!);
if (quick) console.log('\n(--quick: fewer rounds)');
removeDir(dir);
