import type { Ctx } from '../context.ts';
import { writtenSince } from '../db-version.ts';

// Paging a list that is computed in JS (e.g. training hours: requirement evaluation per
// person). The grid asks block by block; computing the whole list per block would cost
// seconds each, so the last few computed lists are kept, keyed by operation, actor and
// input, and dropped when anything is written (writtenSince) or after KEEP_MS.

export type SortDir = 'asc' | 'desc';
export interface SortSpec<C extends string> { column: C; dir: SortDir }
export type Filter<C extends string> =
  | { column: C; kind: 'text'; type: 'contains' | 'equals' | 'startsWith'; value: string }
  | { column: C; kind: 'number'; type: 'equals' | 'lessThan' | 'greaterThan' | 'inRange'; value: number; to?: number | undefined }
  | { column: C; kind: 'set'; values: (string | null)[] };

export interface PageRequest<C extends string> {
  startRow: number;
  endRow: number;
  sort: SortSpec<C>[];
  filters: Filter<C>[];
}

type Cell = string | number | boolean | null;
/** How a column's value is read for sort and filter (set filters compare String(value)). */
export type Columns<T, C extends string> = Record<C, (row: T) => Cell>;

const KEEP_MS = 5 * 60 * 1000;
const KEEP_LISTS = 4;
interface Entry { key: string; written: string; at: number; value: unknown }
let lists: Entry[] = [];
const stats = { hits: 0, computed: 0 };
/** How often a block was served from a kept list / computed afresh; read by tests. */
export const pagingStats = () => ({ ...stats });

/** The actor is part of the key: one actor's list is never handed to another (scope). */
function keyOf(ctx: Ctx, op: string, input: unknown): string {
  const a = ctx.actor;
  return JSON.stringify([op, a.kind, a.id, a.role ?? null, a.orgScopeId ?? null, input]);
}

/** The whole computed list for (op, actor, input), from the cache when nothing was written since. */
export function computedList<T>(ctx: Ctx, op: string, input: unknown, compute: () => T[]): T[] {
  return computedValue(ctx, op, input, compute);
}

/** Any computed answer (e.g. a pay sheet with its sums), kept like a list: the blocks of one view share it. */
export function computedValue<T>(ctx: Ctx, op: string, input: unknown, compute: () => T): T {
  const key = keyOf(ctx, op, input);
  const written = writtenSince(ctx);
  const now = Date.now();
  lists = lists.filter((e) => now - e.at <= KEEP_MS);
  const hit = lists.find((e) => e.key === key && e.written === written);
  if (hit) {
    stats.hits++;
    hit.at = now;
    return hit.value as T;
  }
  stats.computed++;
  const value = compute();
  lists = [{ key, written, at: now, value }, ...lists.filter((e) => e.key !== key)].slice(0, KEEP_LISTS);
  return value;
}

// Same order as ag-grid's default comparator (the grid sorted client-side before): nulls
// first, then plain < / > on the values, i.e. UTF-16 code-unit order for Chinese names.
// Ties keep the list's own order (stable sort), so paging is deterministic.
function compare(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function matches<T, C extends string>(cols: Columns<T, C>, row: T, f: Filter<C>): boolean {
  const v = cols[f.column](row);
  if (f.kind === 'set') return f.values.some((x) => (x === null ? v === null : v !== null && String(v) === x));
  if (f.kind === 'text') {
    const s = (v === null ? '' : String(v)).toLowerCase();
    const q = f.value.toLowerCase();
    return f.type === 'contains' ? s.includes(q) : f.type === 'equals' ? s === q : s.startsWith(q);
  }
  if (typeof v !== 'number') return false;
  if (f.type === 'equals') return v === f.value;
  if (f.type === 'lessThan') return v < f.value;
  if (f.type === 'greaterThan') return v > f.value;
  return v >= f.value && v <= (f.to ?? f.value);
}

/** Filter, sort and slice [startRow, endRow) of a computed list. */
export function pageOf<T, C extends string>(all: readonly T[], cols: Columns<T, C>, req: PageRequest<C>): { rows: T[]; rowCount: number } {
  let rows = req.filters.length ? all.filter((r) => req.filters.every((f) => matches(cols, r, f))) : [...all];
  if (req.sort.length) {
    const keyed = rows.map((r, i) => ({ r, i }));
    keyed.sort((x, y) => {
      for (const s of req.sort) {
        const c = compare(cols[s.column](x.r), cols[s.column](y.r));
        if (c) return s.dir === 'asc' ? c : -c;
      }
      return x.i - y.i;
    });
    rows = keyed.map((k) => k.r);
  }
  return { rows: rows.slice(req.startRow, req.endRow), rowCount: rows.length };
}
