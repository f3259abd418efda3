import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CLI runs from the sources (cli/*.ts) or from its bundle (dist/cli/main.js and
// dist/cli/chunks/*.js), so a path relative to import.meta.url depends on which file a module
// ended up in. The project root is the nearest folder above that holds the migrations.
let root: string | null = null;
export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'db', 'migrations', 'meta', '_journal.json'))) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('jiceng: project folder (db/migrations) not found above the CLI');
    dir = up;
  }
}

export const migrationsFolder = (): string => join(projectRoot(), 'db', 'migrations');
export const rendererDist = (): string => join(projectRoot(), 'dist', 'renderer');
