import type { TxCtx } from '../context.ts';

// A community set up on its own has org units with its own ids. When it adopts the county's
// tree (profile import) each such unit takes the county's id, so that every record it sends
// names a unit the county knows. Ids are random UUIDs, so any text value containing the old
// id refers to that unit: it is replaced in every table except the hash-chained audit log,
// whose history keeps the old id (the profile import's audit row records the mapping).

const SKIP = new Set(['audit_log', '__drizzle_migrations']);

export function rekeyOrgUnit(tx: TxCtx, oldId: string, newId: string): number {
  let changed = 0;
  const tables = tx.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  for (const { name } of tables) {
    if (SKIP.has(name)) continue;
    const cols = tx.sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
    for (const c of cols) {
      if (!/text/i.test(c.type)) continue;
      const r = tx.sqlite
        .prepare(`UPDATE "${name}" SET "${c.name}" = replace("${c.name}", @old, @new) WHERE instr("${c.name}", @old) > 0`)
        .run({ old: oldId, new: newId });
      changed += r.changes;
    }
  }
  return changed;
}
