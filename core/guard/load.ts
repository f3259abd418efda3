import { getTableColumns, inArray } from 'drizzle-orm';
import { bundlePeers, orgUnits } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { OpDef } from '../contract/op.ts';
import type { Ctx } from '../context.ts';
import { assertLocallyWritable } from '../bundle/ownership.ts';
import { refPaths, valuesAt } from './paths.ts';
import type { GuardedTable } from './refs.ts';
import { readableOrgIds } from './scope.ts';
import { accountScopeIds } from '../security/scope.ts';
import { GUARD } from './tables.ts';
import { eq } from 'drizzle-orm';

// The by-id half of the guard: every record id an operation's input declares (ref/target in
// its contract) is loaded from the stored row and checked before the handler runs. Scope,
// origin and sealing are read from the row, never from what the input claims.

type Row = Record<string, unknown>;
const CHUNK = 500;

// The columns a check reads; a whole row is loaded only for a seal hook that looks at more.
const GUARD_KEYS = ['id', 'orgId', 'origin', 'orgScopeId'];

function loadRows(ctx: Ctx, table: GuardedTable, ids: string[], whole = false): Map<string, Row> {
  const spec = GUARD[table];
  const columns = getTableColumns(spec.table);
  const picked = Object.fromEntries(GUARD_KEYS.filter((k) => k in columns).map((k) => [k, columns[k]!]));
  const out = new Map<string, Row>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const where = inArray(spec.table.id, ids.slice(i, i + CHUNK));
    const rows = (whole ? ctx.db.select().from(spec.table).where(where).all() : ctx.db.select(picked).from(spec.table).where(where).all()) as Row[];
    for (const r of rows) out.set(String(r.id), r);
  }
  return out;
}

/** Who sent a received row, for the message: the unit's name where this installation knows it. */
export function originName(ctx: Ctx, code: string): string {
  const unit = ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.code, code)).get();
  const peer = unit ? null : ctx.db.select({ name: bundlePeers.orgName }).from(bundlePeers).where(eq(bundlePeers.orgCode, code)).get();
  return unit?.name ?? peer?.name ?? code;
}

export function orgOfRow(table: GuardedTable, row: Row): string {
  const spec = GUARD[table];
  return spec.orgOf ? spec.orgOf(row) : String(row.orgId);
}

/** Refuses a change to a stored row that was received, belongs to a sending unit, or is sealed. */
export function assertRowWritable(ctx: Ctx, table: GuardedTable, row: Row): void {
  const spec = GUARD[table];
  if (!spec.local && typeof row.origin === 'string' && row.origin)
    throw new AppError('forbidden', `该${spec.label}由“${originName(ctx, row.origin)}”报送或下发，在本机只读；如需修改请由该单位修改后重新报送`);
  // Local tables never travel, so no sending unit owns their rows (a conflict record names the
  // sender's unit, a user the unit it is scoped to; both are this installation's own).
  if (!spec.local) assertLocallyWritable(ctx, orgOfRow(table, row));
  const why = spec.sealed?.(ctx, row);
  if (why) throw new AppError('conflict', why);
}

/** Loads and checks one stored row: in scope for reading, and writable when `write`. */
export function loadGuarded(ctx: Ctx, table: GuardedTable, id: string, mode: 'read' | 'write' = 'read'): Row {
  const row = loadRows(ctx, table, [id], true).get(id);
  if (!row) throw new AppError('not_found', `未找到${GUARD[table].label}（${id}），可能已被删除。`);
  checkRows(ctx, table, [row], mode);
  return row;
}

function checkRows(ctx: Ctx, table: GuardedTable, rows: Row[], mode: 'read' | 'write'): void {
  const spec = GUARD[table];
  const readable = spec.accounts ? accountScopeIds(ctx) : readableOrgIds(ctx, { policy: spec.policy === true && mode === 'read' });
  for (const row of rows) {
    if (readable && !readable.has(orgOfRow(table, row)))
      throw new AppError('forbidden', `无权访问该${spec.label}（属于本账号管辖范围以外的单位）`);
    if (mode === 'write') assertRowWritable(ctx, table, row);
  }
}

/** The dispatcher's step: every declared record id of `input`, checked against its stored row. */
export function guardRefs(ctx: Ctx, def: OpDef, input: unknown): void {
  const { refs } = refPaths(def.input);
  if (!refs.length) return;
  const wanted = new Map<string, { table: GuardedTable; mode: 'read' | 'write'; ids: Set<string> }>();
  for (const r of refs) {
    const mode = def.kind === 'mutation' && r.meta.write ? 'write' : 'read';
    const key = `${r.meta.table}|${mode}`;
    const slot = wanted.get(key) ?? { table: r.meta.table, mode, ids: new Set<string>() };
    for (const v of valuesAt(input, r.path)) if (typeof v === 'string') slot.ids.add(v);
    wanted.set(key, slot);
  }
  for (const { table, mode, ids } of wanted.values()) {
    if (!ids.size) continue;
    const rows = loadRows(ctx, table, [...ids], mode === 'write' && GUARD[table].sealed !== undefined);
    for (const id of ids) if (!rows.has(id)) throw new AppError('not_found', `未找到${GUARD[table].label}（${id}），可能已被删除。`);
    checkRows(ctx, table, [...rows.values()], mode);
  }
}
