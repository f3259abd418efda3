import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { people } from '../../db/schema/index.ts';
import type { TxCtx } from '../context.ts';
import type { PersonFields } from '../roster/person-schema.ts';
import { FIELD_KEYS, type AsWritten } from './plan.ts';

// Bulk writes for an import: one prepared statement per shape, reused for every row, inside
// the dispatcher's transaction. Column names and value encodings (JSON lists, 0/1 booleans)
// come from the drizzle table, so they cannot drift from the schema.

const cols = getTableColumns(people);
type ColKey = keyof typeof cols;

// db/open.ts opens drizzle with `casing: 'snake_case'`: unnamed columns are their key in snake case.
function sqlName(k: ColKey): string {
  const c = cols[k];
  return `"${c.keyAsName ? toSnakeCase(c.name) : c.name}"`;
}

// Encoders chosen once per column: JSON lists and 0/1 booleans via drizzle, text as is.
function encoder(k: ColKey): (v: unknown) => unknown {
  const c = cols[k];
  if (c.dataType === 'string') return (v) => v ?? null;
  return (v) => (v === null || v === undefined ? null : c.mapToDriverValue(v));
}

const AS_WRITTEN_KEYS = ['postsAsWritten', 'ftEducationAsWritten', 'ptEducationAsWritten'] as const satisfies readonly (keyof AsWritten & ColKey)[];
const INSERT_KEYS: ColKey[] = ['id', 'orgId', 'createdAt', 'updatedAt', 'changeSeq', 'status', ...FIELD_KEYS, ...AS_WRITTEN_KEYS];
const UPDATE_KEYS: ColKey[] = [...FIELD_KEYS, ...AS_WRITTEN_KEYS, 'updatedAt', 'changeSeq'];
const asWrittenValues = (w: AsWritten) => AS_WRITTEN_KEYS.map((k) => w[k]);
const FIELD_ENCODERS = FIELD_KEYS.map(encoder);

function fieldValues(data: PersonFields): unknown[] {
  const out = new Array<unknown>(FIELD_KEYS.length);
  for (let i = 0; i < FIELD_KEYS.length; i++) out[i] = FIELD_ENCODERS[i]!(data[FIELD_KEYS[i]!]);
  return out;
}

export interface ImportWriter {
  insert(data: PersonFields, asWritten: AsWritten): string;
  update(id: string, data: PersonFields, asWritten: AsWritten): void;
}

export function importWriter(tx: TxCtx): ImportWriter {
  const sqlite: Database.Database = tx.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO people (${INSERT_KEYS.map(sqlName).join(', ')}) VALUES (${INSERT_KEYS.map(() => '?').join(', ')})`,
  );
  const update = sqlite.prepare(`UPDATE people SET ${UPDATE_KEYS.map((k) => `${sqlName(k)} = ?`).join(', ')} WHERE "id" = ?`);
  const seq = tx.seq();
  return {
    insert(data, asWritten) {
      const id = randomUUID();
      insert.run([id, data.orgId, tx.nowIso, tx.nowIso, seq, '在岗', ...fieldValues(data), ...asWrittenValues(asWritten)]);
      return id;
    },
    update(id, data, asWritten) {
      update.run([...fieldValues(data), ...asWrittenValues(asWritten), tx.nowIso, seq, id]);
    },
  };
}
