import { fileURLToPath } from 'node:url';

/** The migrations folder next to this file, as in the source tree (a packaged app passes its own). */
export const sourceMigrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
