#!/usr/bin/env node
// The `jiceng` bin. It runs the bundle in dist/cli (cli/build.ts) when that is at least as new as
// every source file, with V8's compile cache on; a missing bundle is built on first use (also
// by `npm ci`/`npm run build`); after a source edit, until the next build, it runs the sources
// (cli/main.ts through Node's type stripping), which are always right and only slower.
// Plain JavaScript: this file must load without type stripping or a build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(root, 'dist', 'cli', 'main.js');
const SOURCES = ['cli', 'core', 'db'];

function newestSource() {
  let newest = 0;
  for (const top of SOURCES) {
    const dir = join(root, top);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir, { recursive: true })) {
      if (!f.endsWith('.ts') && !f.endsWith('.sql') && !f.endsWith('.json')) continue;
      const m = statSync(join(dir, f)).mtimeMs;
      if (m > newest) newest = m;
    }
  }
  return newest;
}

function chooseEntry() {
  if (process.env.JICENG_FROM_SOURCE === '1') return join(root, 'cli', 'main.ts');
  if (!existsSync(bundle) && existsSync(join(root, 'node_modules', 'vite')) && process.env.JICENG_NO_BUILD !== '1') {
    console.error('jiceng：首次运行，正在构建命令行程序（dist/cli）…');
    spawnSync(process.execPath, [join(root, 'cli', 'build.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) return bundle;
  return join(root, 'cli', 'main.ts');
}

const entry = chooseEntry();
// Compiled code of the bundle is cached on disk (Node's default folder under the temp dir):
// parsing and compiling the 1.4 MB core chunk was most of a call's start-up.
if (entry === bundle) enableCompileCache();
await import(pathToFileURL(entry).href);
