import { build, type InlineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Bundles the main process (main.js + core.js) as ESM and the preload as CommonJS into
// dist/electron. Everything but the native SQLite driver and electron itself is inlined:
// an ESM import of drizzle-orm from node_modules costs about a second at start-up.

const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultOutDir = fileURLToPath(new URL('../dist/electron', import.meta.url));

export type Part = { input: Record<string, string>; format: 'es' | 'cjs'; ext: string; external: string[]; emptyOutDir: boolean };

export function config(outDir: string, part: Part): InlineConfig {
  return {
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true, external: part.external, target: 'node' },
    build: {
      outDir,
      ssr: true,
      target: 'node24',
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      emptyOutDir: part.emptyOutDir,
      rolldownOptions: {
        input: part.input,
        external: part.external,
        output: { format: part.format, entryFileNames: `[name].${part.ext}`, chunkFileNames: `chunks/[name]-[hash].${part.ext}` },
      },
    },
  };
}

/** `outDir` must sit two levels below the repository, as dist/electron does: main.js finds ../renderer and ../../db from there. */
export async function buildElectron(outDir = defaultOutDir): Promise<void> {
  // The roster import parses spreadsheets in a worker thread (core/roster-io/worker.ts finds it here).
  const main = { main: 'electron/main.ts', core: 'electron/core.ts', 'roster-parse-worker': 'core/roster-io/parse-worker.ts' };
  await build(config(outDir, { input: main, format: 'es', ext: 'js', external: ['electron', 'better-sqlite3'], emptyOutDir: true }));
  await build(config(outDir, { input: { preload: 'electron/preload.ts' }, format: 'cjs', ext: 'cjs', external: ['electron'], emptyOutDir: false }));
}

if (import.meta.main) await buildElectron();
