import type { Ctx } from './context.ts';

// A fingerprint of the database that changes with every write through the dispatcher. Caches of
// computed answers (the import's preview, core/roster-io/preview-cache.ts; paged computed lists,
// core/paging/computed.ts) compare it to know their answer is still the database's.

/**
 * Changes with every write through the dispatcher: each mutation writes exactly one audit row
 * and shared rows take a new change_seq; the settings (remembered mappings and value choices)
 * are compared whole.
 */
export function writtenSince(ctx: Ctx): string {
  const r = ctx.sqlite
    .prepare(
      `SELECT (SELECT coalesce(max(id), 0) FROM audit_log) AS a, (SELECT coalesce(max(value), 0) FROM counters) AS c,
              (SELECT count(*) || ':' || coalesce(sum(length(key) + length(value)), 0) FROM settings) AS s`,
    )
    .get() as { a: number; c: number; s: string };
  return `${r.a}/${r.c}/${r.s}`;
}
