import type Database from 'better-sqlite3';

/** Allocates the next value of the installation-wide change sequence (inside a transaction). */
export function nextChangeSeq(sqlite: Database.Database): number {
  const row = sqlite
    .prepare("INSERT INTO counters(name, value) VALUES ('change', 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value")
    .get() as { value: number };
  return row.value;
}
