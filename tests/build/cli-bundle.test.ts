import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../cli/build.ts';
import { removeDir, tempDir } from '../helpers/app.ts';
import { repoRoot } from '../helpers/serve.ts';

// The bundled `jiceng` (cli/build.ts): it answers like the sources, finds the migrations and
// the parse worker from its own folder, and a command loads only what it uses: `--help`,
// `keys` and `call` never reach exceljs, which only a spreadsheet command loads.

const outDir = join(repoRoot, 'dist', `cli-test-${process.pid}`);
const PASSWORD = 'Bundle-Pass-2026!';
let dir: string;

beforeAll(async () => {
  await buildCli(outDir);
  dir = tempDir('jiceng-cli-bundle-');
}, 180_000);
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  removeDir(dir);
});

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(outDir, 'main.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, JICENG_DB: '', JICENG_USER: '', JICENG_PASSWORD: '', ...env } });

/** Every file a module loads before any dynamic import runs: itself and its static imports, transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s[^'"]*?['"](\.{1,2}\/[^'"]+)['"]/gm)) staticClosure(join(dirname(file), m[1]!), seen);
  return seen;
}
const commandChunk = (name: string) => {
  const m = readFileSync(join(outDir, 'main.js'), 'utf8').match(new RegExp(`${name}: \\(a\\) => import\\("\\./([^"]+)"\\)`));
  if (!m) throw new Error(`no chunk for ${name}`);
  return join(outDir, m[1]!);
};
const loadsExceljs = (files: Set<string>) => [...files].some((f) => readFileSync(f, 'utf8').includes('node_modules/exceljs/'));

describe('bundled CLI', () => {
  it('keeps exceljs out of what --help, keys and call load', () => {
    expect(loadsExceljs(staticClosure(join(outDir, 'main.js')))).toBe(false);
    expect(loadsExceljs(staticClosure(commandChunk('keys')))).toBe(false);
    expect(loadsExceljs(staticClosure(commandChunk('call')))).toBe(false);
    // Not even the spreadsheet commands load it up front; it is a chunk of its own, loaded on use.
    expect(loadsExceljs(staticClosure(commandChunk('roster')))).toBe(false);
    expect(readdirSync(join(outDir, 'chunks')).some((f) => loadsExceljs(new Set([join(outDir, 'chunks', f)])))).toBe(true);
    expect(existsSync(join(outDir, 'roster-parse-worker.js'))).toBe(true);
  });

  it('answers --help, a usage error and calls on an encrypted database, and writes an .xlsx (exceljs loaded on use)', () => {
    const help = run(['--help']);
    expect(help.status).toBe(2);
    expect(help.stderr).toContain('jiceng call <operation>');
    expect(run(['frobnicate']).status).toBe(2);
    const db = join(dir, 'demo.db');
    const made = run(['demo-data', '--db', db, '--communities', '2', '--people', '20', '--admin-password', PASSWORD]);
    expect(made.status, made.stderr).toBe(0);
    const asClerk = { JICENG_USER: 'luru', JICENG_PASSWORD: PASSWORD };
    const codes = run(['call', 'codes.list', '{}', '--db', db], asClerk);
    expect(codes.status, codes.stderr).toBe(0);
    expect(JSON.parse(codes.stdout).ok).toBe(true);
    const list = JSON.parse(run(['call', 'roster.list', '{}', '--db', db], asClerk).stdout);
    expect(list.data.rows).toHaveLength(20);
    const out = join(dir, 'roster.xlsx');
    const exported = run(['roster', 'export', out, '--db', db], asClerk);
    expect(exported.status, exported.stderr).toBe(0);
    // Node's English DEP0005 warning (exceljs' dependencies call new Buffer()) used to follow.
    expect(exported.stderr).toBe('');
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  }, 240_000);
});
