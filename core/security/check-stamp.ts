import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

// When a `quick_check` is worth its cost (issue 19 §5). It runs at the first open of a day, and
// again whenever the file changed since this program last closed it cleanly (a copy, a restore,
// a tool, a crash), so a file damaged outside the program is still refused at login. The stamp
// beside the database records the day of the last passing check and the file's size and mtime
// at the last clean close; a read-only CLI call never checks.

export interface CheckStamp {
  /** UTC date (YYYY-MM-DD) of the last passing quick check. */
  checkedOn: string;
  size: number;
  mtimeMs: number;
}

export const stampPath = (dbFile: string) => `${dbFile}.checked`;

export function readStamp(dbFile: string): CheckStamp | null {
  try {
    const v = JSON.parse(readFileSync(stampPath(dbFile), 'utf8')) as CheckStamp;
    return typeof v.checkedOn === 'string' && typeof v.size === 'number' && typeof v.mtimeMs === 'number' ? v : null;
  } catch {
    return null;
  }
}

/** The day of today's passing check if the file is exactly as this program left it; else null. */
export function checkedTodayAndUntouched(dbFile: string, now: Date): string | null {
  const s = readStamp(dbFile);
  if (!s || s.checkedOn !== now.toISOString().slice(0, 10) || !existsSync(dbFile) || existsSync(`${dbFile}-wal`)) return null;
  const st = statSync(dbFile);
  return st.size === s.size && st.mtimeMs === s.mtimeMs ? s.checkedOn : null;
}

/** After a clean close (WAL checkpointed away): the file as it is now was last checked on `checkedOn`. */
export function writeStamp(dbFile: string, checkedOn: string): void {
  const st = statSync(dbFile);
  writeFileSync(stampPath(dbFile), JSON.stringify({ checkedOn, size: st.size, mtimeMs: st.mtimeMs }), { mode: 0o600 });
}
