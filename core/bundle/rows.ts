import type Database from 'better-sqlite3';
import type { SharedTable } from './tables.ts';

// Prepared statements per shared table for the merge: building a drizzle query per row costs
// more than the write itself at county scale. Values go through drizzle's own column mappers,
// so booleans and JSON columns are stored exactly as the query builder would store them.

export interface RowStatements {
  get(id: string): Record<string, unknown> | undefined;
  insert(row: Record<string, unknown>): void;
  update(row: Record<string, unknown>): void;
}

const cache = new WeakMap<Database.Database, Map<string, RowStatements>>();

export function rowStatements(sqlite: Database.Database, t: SharedTable): RowStatements {
  let perDb = cache.get(sqlite);
  if (!perDb) cache.set(sqlite, (perDb = new Map()));
  const hit = perDb.get(t.name);
  if (hit) return hit;
  const info = sqlite.prepare(`PRAGMA table_info("${t.name}")`).all() as { name: string }[];
  // drizzle-kit creates the columns in declaration order; check the pairing before trusting it.
  const flat = (s: string) => s.replaceAll('_', '').toLowerCase();
  if (info.length !== t.keys.length || info.some((c, i) => flat(c.name) !== flat(t.keys[i]!)))
    throw new Error(`table ${t.name}: columns do not match the schema`);
  const names = info.map((c) => `"${c.name}"`);
  const cols = t.keys.map((k) => t.columns[k]!);
  const toDriver = (row: Record<string, unknown>) => cols.map((c, i) => {
    const v = row[t.keys[i]!];
    return v === null || v === undefined ? null : c.mapToDriverValue(v);
  });
  const select = sqlite.prepare(`SELECT ${names.join(', ')} FROM "${t.name}" WHERE "id" = ?`).raw();
  const insert = sqlite.prepare(`INSERT INTO "${t.name}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
  const update = sqlite.prepare(`UPDATE "${t.name}" SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE "id" = ?`);
  const made: RowStatements = {
    get(id) {
      const raw = select.get(id) as unknown[] | undefined;
      if (!raw) return undefined;
      const out: Record<string, unknown> = {};
      cols.forEach((c, i) => (out[t.keys[i]!] = raw[i] === null ? null : c.mapFromDriverValue(raw[i])));
      return out;
    },
    insert: (row) => void insert.run(...toDriver(row)),
    update: (row) => void update.run(...toDriver(row), row.id),
  };
  perDb.set(t.name, made);
  return made;
}
