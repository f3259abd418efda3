import type Database from 'better-sqlite3';
import type { SharedTable } from './tables.ts';

// Prepared statements per shared table for the merge: building a drizzle query per row costs
// more than the write itself at county scale. Values go through drizzle's own column mappers,
// so booleans and JSON columns are stored exactly as the query builder would store them.

export interface RowStatements {
  get(id: string): Record<string, unknown> | undefined;
  /** Writes a received row; `origin` is the sender's org code, stored beside the row (see db/schema/common.ts). */
  insert(row: Record<string, unknown>, origin: string): void;
  update(row: Record<string, unknown>, origin: string): void;
}

const cache = new WeakMap<Database.Database, Map<string, RowStatements>>();

export function rowStatements(sqlite: Database.Database, t: SharedTable): RowStatements {
  let perDb = cache.get(sqlite);
  if (!perDb) cache.set(sqlite, (perDb = new Map()));
  const hit = perDb.get(t.name);
  if (hit) return hit;
  const info = sqlite.prepare(`PRAGMA table_info("${t.name}")`).all() as { name: string }[];
  // Pair each wire key with its stored column by name (columns added by later migrations sit
  // at the end of the table, not where the schema declares them).
  const flat = (s: string) => s.replaceAll('_', '').toLowerCase();
  const byFlat = new Map(info.map((c) => [flat(c.name), c.name]));
  const stored = t.keys.map((k) => byFlat.get(flat(k)));
  if (stored.some((n) => !n) || info.length !== t.keys.length + 1 || !byFlat.has('origin'))
    throw new Error(`table ${t.name}: columns do not match the schema`);
  const names = stored.map((n) => `"${n}"`);
  const cols = t.keys.map((k) => t.columns[k]!);
  const toDriver = (row: Record<string, unknown>) => cols.map((c, i) => {
    const v = row[t.keys[i]!];
    return v === null || v === undefined ? null : c.mapToDriverValue(v);
  });
  const select = sqlite.prepare(`SELECT ${names.join(', ')} FROM "${t.name}" WHERE "id" = ?`).raw();
  const insert = sqlite.prepare(`INSERT INTO "${t.name}" (${names.join(', ')}, "origin") VALUES (${names.map(() => '?').join(', ')}, ?)`);
  const update = sqlite.prepare(`UPDATE "${t.name}" SET ${names.map((n) => `${n} = ?`).join(', ')}, "origin" = ? WHERE "id" = ?`);
  const made: RowStatements = {
    get(id) {
      const raw = select.get(id) as unknown[] | undefined;
      if (!raw) return undefined;
      const out: Record<string, unknown> = {};
      cols.forEach((c, i) => (out[t.keys[i]!] = raw[i] === null ? null : c.mapFromDriverValue(raw[i])));
      return out;
    },
    insert: (row, origin) => void insert.run(...toDriver(row), origin),
    update: (row, origin) => void update.run(...toDriver(row), origin, row.id),
  };
  perDb.set(t.name, made);
  return made;
}
