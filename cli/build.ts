import { fileURLToPath } from 'node:url';

// Bundles the `jiceng` command into dist/cli the way electron/build.ts bundles the main process:
// Node's type stripping plus drizzle-orm as ESM from node_modules cost seconds per call. Each
// command stays a dynamic import, so it becomes its own chunk and loads only what it uses.
// cli/jiceng.js runs this bundle when it is fresh, else the sources. `npm ci` runs this as the
// `prepare` step (`--if-possible`: an install without dev dependencies has no vite, and the
// bin then runs the sources).

export const defaultOutDir = fileURLToPath(new URL('../dist/cli', import.meta.url));

export async function buildCli(outDir = defaultOutDir): Promise<void> {
  // Loaded here, not at the top: `--if-possible` must be able to notice that vite is missing.
  const { build } = await import('vite');
  const { config } = await import('../electron/build.ts');
  // The roster import's parse worker sits next to main.js (core/roster-io/worker.ts looks there).
  const input = { main: 'cli/main.ts', 'roster-parse-worker': 'core/roster-io/parse-worker.ts' };
  await build(config(outDir, { input, format: 'es', ext: 'js', external: ['better-sqlite3'], emptyOutDir: true }));
}

if (import.meta.main) {
  const ifPossible = process.argv.includes('--if-possible');
  let vite = true;
  try {
    import.meta.resolve('vite');
  } catch {
    vite = false;
  }
  if (!vite && ifPossible) console.error('cli/build.ts: vite is not installed; `jiceng` will run from the sources');
  else await buildCli();
}
