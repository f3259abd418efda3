import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { assertLocallyWritable } from '../bundle/ownership.ts';
import { sharedTables } from '../bundle/tables.ts';
import { inScope } from '../security/scope.ts';
import { originName } from './load.ts';

// The guard's last word on a mutation, inside its transaction: every shared-table row written
// under this mutation's change number must lie in the caller's scope, be locally owned, and
// not be a received row. It holds whatever a handler did, so a handler that forgot a check
// (or wrote through a path nobody thought of) rolls back instead of committing.

/**
 * The operations that write received rows: the bundle merge (one bundle or a batch). Taking a
 * received record held as a conflict (bundle.resolveConflict) is not exempt: the record it
 * writes keeps the sender's change number and timestamp, so this check never sees it, while
 * any row the handler wrote under this mutation's own number is still checked here.
 */
const RECEIVES = new Set(['bundle.import', 'bundle.importMany']);

const stmtCache = new WeakMap<object, Map<string, { all(seq: number, at: string): unknown[] }>>();

// Received rows keep the sender's change numbers, so a number alone does not say "written
// now": a row this mutation wrote carries both its change number and its timestamp.
function writtenRows(ctx: Ctx, table: string, seq: number, at: string): { org_id: string; origin: string | null }[] {
  let per = stmtCache.get(ctx.sqlite);
  if (!per) stmtCache.set(ctx.sqlite, (per = new Map()));
  let st = per.get(table);
  if (!st) {
    const prepared = ctx.sqlite.prepare(`SELECT DISTINCT org_id, origin FROM "${table}" WHERE change_seq = ? AND updated_at = ?`);
    st = { all: (s: number, at: string) => prepared.all(s, at) };
    per.set(table, st);
  }
  return st.all(seq, at) as { org_id: string; origin: string | null }[];
}

export function assertWrittenRowsAllowed(ctx: Ctx, operation: string, seq: number | null, at: string): void {
  if (seq === null || RECEIVES.has(operation)) return;
  const orgs = new Set<string>();
  for (const t of sharedTables()) {
    for (const r of writtenRows(ctx, t.name, seq, at)) {
      if (r.origin) throw new AppError('forbidden', `该记录由“${originName(ctx, r.origin)}”报送或下发，在本机只读；操作未执行`);
      orgs.add(r.org_id);
    }
  }
  for (const orgId of orgs) {
    if (!inScope(ctx, orgId)) throw new AppError('forbidden', '操作会改动本账号管辖范围以外单位的记录，已拒绝，未作任何修改');
    assertLocallyWritable(ctx, orgId);
  }
}
