import { closeSync, openSync, rmSync, statSync } from 'node:fs';

// Read-modify-write of the keyring must be one step across windows and processes (Electron, the
// CLI, `jiceng serve` on the same file), or parallel wrong logins each read the old failure
// count and the lockout lets more guesses through. A lock file created exclusively serialises
// them; one left behind by a crashed process is taken over after STALE_MS.

const STALE_MS = 10_000;
const WAIT_MS = 15_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

export function withFileLock<T>(target: string, fn: () => T): T {
  const lock = `${target}.lock`;
  const start = Date.now();
  let fd: number | null = null;
  while (fd === null) {
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS) rmSync(lock, { force: true });
      } catch {
        // Removed by its owner in the meantime: try again.
      }
      if (Date.now() - start > WAIT_MS) throw new Error(`keyring lock ${lock} held too long`);
      Atomics.wait(pause, 0, 0, 5);
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}
