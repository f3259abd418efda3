import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ageDecrypt } from '../../core/bundle/crypto.ts';
import { readArchive } from '../../core/bundle/archive.ts';

// Issue 19's ceiling for the county import: each bundle decrypted with the age implementation the
// app uses (`age-encryption`, the same call as core/bundle/crypto.ts) and its rows inserted
// with prepared statements into an encrypted copy of the county database. No checks at all:
// no signatures, no record schemas, no scope, no replay, no audit; rows are JSON-parsed (they
// have to be, to be inserted) and written with INSERT OR REPLACE in one transaction per bundle.

export function bundleFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.age')).sort().map((n) => join(dir, n));
}

/** The raw ceiling over `files`; `perBundle` false: one transaction over all of them. Returns rows written. */
export async function rawImport(sqlite: Database.Database, identity: string, files: string[], perBundle = true): Promise<number> {
  const stmts = new Map<string, { run: (vals: unknown[]) => void; keys: string[] }>();
  const stmt = (table: string, keys: string[]) => {
    let s = stmts.get(table);
    if (!s) {
      const info = sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
      const flat = (x: string) => x.replaceAll('_', '').toLowerCase();
      const byFlat = new Map(info.map((c) => [flat(c.name), c.name]));
      const cols = keys.map((k) => `"${byFlat.get(flat(k))!}"`);
      const p = sqlite.prepare(`INSERT OR REPLACE INTO "${table}" (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      s = { run: (vals) => void p.run(...vals), keys };
      stmts.set(table, s);
    }
    return s;
  };
  let rows = 0;
  const write = (parts: { table: string; columns: string[]; lines: string[] }[]) => {
    for (const p of parts) {
      const s = stmt(p.table, p.columns);
      for (const line of p.lines) {
        const r = JSON.parse(line) as Record<string, unknown>;
        s.run(p.columns.map((k) => {
          const v = r[k];
          return v === undefined || v === null ? null : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'object' ? JSON.stringify(v) : v;
        }));
        rows++;
      }
    }
  };
  const decoded: { table: string; columns: string[]; lines: string[] }[][] = [];
  for (const f of files) {
    const archive = await ageDecrypt([identity], new Uint8Array(readFileSync(f)));
    const entries = new Map(readArchive(archive).entries.map((e) => [e.name, e.data]));
    const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json')!)) as { parts: { table: string; file: string; columns: string[] }[] };
    const parts = manifest.parts.map((p) => ({ table: p.table, columns: p.columns, lines: new TextDecoder().decode(entries.get(p.file)!).split('\n').filter((l) => l) }));
    if (perBundle) sqlite.transaction(() => write(parts))();
    else decoded.push(parts);
  }
  if (!perBundle) sqlite.transaction(() => { for (const parts of decoded) write(parts); })();
  return rows;
}
