import type { Ctx } from '../context.ts';
import { subtreeIds } from '../org/handlers.ts';
import { readableOrgIds } from '../guard/scope.ts';
import { canSeeFull } from '../security/masking.ts';
import { COLUMN_SQL, FIELD_SQL, LIST_FIELDS, type ListColumn, type ListField } from './list-sql.ts';
import type { PersonSummary } from './contract.ts';

// One query builder for every roster list: the grid's pages (projection, sort, filter, paging)
// and the full list the pickers and the export read. Raw prepared SQL, not drizzle's row
// mapping: the list is the hottest read in the app and is measured against a raw SELECT.

export type FilterCondition = { type: string; value?: string | number | null; value2?: string | number | null };
export type ColumnFilter = { column: ListColumn; join: 'AND' | 'OR'; conditions: FilterCondition[] };

export interface ListSpec {
  orgId?: string | null;
  status: string;
  asOf: string;
  /** Extra WHERE text over `p` (people) and `o` (org_units) with its own named parameters (the quick search). */
  search?: { sql: string; params: Record<string, string> } | null;
  columns?: ListColumn[];
  sort?: { column: ListColumn; dir: 'asc' | 'desc' }[];
  filters?: ColumnFilter[];
  offset?: number;
  limit?: number;
}

type Params = Record<string, string | number>;

function conditionSql(expr: string, kind: 'text' | 'number' | 'date', c: FilterCondition, bind: (v: unknown) => string): string {
  const blank = `(${expr} IS NULL OR ${expr} = '')`;
  if (c.type === 'blank') return blank;
  if (c.type === 'notBlank') return `NOT ${blank}`;
  if (kind === 'text') {
    const v = String(c.value ?? '');
    const esc = v.replace(/[%_\\]/g, '\\$&');
    // ag-grid's text filter ignores case; LIKE does for ASCII, and Chinese has none.
    const like = (pattern: string) => `${expr} LIKE ${bind(pattern)} ESCAPE '\\'`;
    switch (c.type) {
      case 'contains': return like(`%${esc}%`);
      case 'notContains': return `(${expr} IS NULL OR NOT ${like(`%${esc}%`)})`;
      case 'startsWith': return like(`${esc}%`);
      case 'endsWith': return like(`%${esc}`);
      case 'equals': return `lower(${expr}) = lower(${bind(v)})`;
      case 'notEqual': return `(${expr} IS NULL OR lower(${expr}) <> lower(${bind(v)}))`;
    }
  } else {
    const a = bind(c.value ?? null);
    switch (c.type) {
      case 'equals': return `${expr} = ${a}`;
      case 'notEqual': return `(${expr} IS NULL OR ${expr} <> ${a})`;
      case 'lessThan': return `${expr} < ${a}`;
      case 'lessThanOrEqual': return `${expr} <= ${a}`;
      case 'greaterThan': return `${expr} > ${a}`;
      case 'greaterThanOrEqual': return `${expr} >= ${a}`;
      // ag-grid's default range excludes both ends.
      case 'inRange': return `(${expr} > ${a} AND ${expr} < ${bind(c.value2 ?? null)})`;
    }
  }
  // The contract admits only the types above for each kind; anything else matches nothing.
  return '0';
}

// 职务 is filtered on the posts joined with 、, which a correlated json_each builds for every
// row: over 100,000 people that made a filter on it cost about a second per block (issue 19,
// roster.bench.ts). A value the joined text contains, starts or ends with or equals also
// occurs in the stored JSON text as it is, when it has no 、 (which could span two posts) and
// nothing JSON escapes (quotes, backslashes, control characters): so a plain LIKE on the
// stored text first drops rows that cannot match, and the exact condition decides the rest.
const POSITIVE = new Set(['contains', 'startsWith', 'endsWith', 'equals']);
function postsPrefilter(c: FilterCondition, bind: (v: unknown) => string): string | null {
  const v = String(c.value ?? '');
  if (!POSITIVE.has(c.type) || !v || /[、"\\\u0000-\u001f]/.test(v)) return null;
  // Text stored with \u escapes (not what JSON.stringify or SQLite's json functions write) is left to the exact test.
  return `(p.posts LIKE ${bind(`%${v.replace(/[%_\\]/g, '\\$&')}%`)} ESCAPE '\\' OR instr(p.posts, '\\u') > 0)`;
}

function whereOf(ctx: Ctx, spec: ListSpec, params: Params, scan: boolean): string {
  const fullPhone = canSeeFull(ctx, 'phone');
  let n = 0;
  const bind = (v: unknown) => {
    const key = `v${n++}`;
    params[key] = v as string | number;
    return `:${key}`;
  };
  // A block (LIMIT) and its count read the partial index people_list_idx (status, org, name,
  // id; the count from the index alone). The whole list reads nearly every row, which a table
  // scan does faster than look-ups through that index: its unary + keeps the partial index out
  // (SQLite then does not see the index's condition implied), so it is planned as before.
  const where = [scan ? '+p.deleted_at IS NULL' : 'p.deleted_at IS NULL'];
  // The record guard's list condition (scopeCondition), as a JSON parameter in raw SQL.
  const scope = readableOrgIds(ctx);
  if (scope) where.push(`p.org_id IN (SELECT value FROM json_each(${bind(JSON.stringify([...scope]))}))`);
  if (spec.orgId) where.push(`p.org_id IN (SELECT value FROM json_each(${bind(JSON.stringify(subtreeIds(ctx, spec.orgId)))}))`);
  if (spec.status !== 'all') where.push(`p.status = ${bind(spec.status)}`);
  if (spec.search) {
    where.push(`(${spec.search.sql})`);
    Object.assign(params, spec.search.params);
  }
  for (const f of spec.filters ?? []) {
    const column = COLUMN_SQL[f.column];
    const expr = column.value(fullPhone);
    const parts = f.conditions.map((c) => {
      const exact = conditionSql(expr, column.filter, c, bind);
      const pre = f.column === 'posts' ? postsPrefilter(c, bind) : null;
      return pre ? `(${pre} AND ${exact})` : exact;
    });
    where.push(`(${parts.join(f.join === 'OR' ? ' OR ' : ' AND ')})`);
  }
  return where.join(' AND ');
}

const FROM = 'FROM people p JOIN org_units o ON o.id = p.org_id';
const BLOCK_FROM = 'FROM org_units o CROSS JOIN people p ON o.id = p.org_id';

export function fieldsOf(columns: ListColumn[] | undefined): ListField[] {
  if (!columns) return LIST_FIELDS;
  const out = new Set<ListField>();
  for (const c of columns) for (const f of COLUMN_SQL[c].fields) out.add(f);
  return [...out];
}

/** The rows of one page (or of the whole list when no limit is given), and how many match. */
export function listPeople(ctx: Ctx, spec: ListSpec): { rows: PersonSummary[]; total: number } {
  const fullPhone = canSeeFull(ctx, 'phone');
  const params: Params = { asOf: spec.asOf };
  const where = whereOf(ctx, spec, params, spec.limit === undefined);
  // Counting through people_list_idx reads the index alone, unless a filter or the quick search
  // tests a column it does not hold: then every matching index entry costs a lookup of its row
  // in index order, and a scan of the table is several times faster (0.83 s against 0.11 s for
  // a filter on 职务 over 100,000 people, roster.bench.ts). Binding again gives the same names.
  const counting = spec.filters?.length || spec.search ? whereOf(ctx, spec, params, true) : where;
  const fields = fieldsOf(spec.columns);
  const select = ['p.id AS id', ...fields.map((f) => `${FIELD_SQL[f].sql(fullPhone)} AS "${f}"`)].join(', ');
  const order = (spec.sort ?? []).map((s) => `${COLUMN_SQL[s.column].value(fullPhone)} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`);
  // The default order, then the id: pages must not shuffle rows that sort equal.
  order.push('o.code', 'p.name', 'p.id');
  const paged = spec.limit !== undefined;
  // A block walks the units in code order (org_units_code_idx) and each unit's people by index,
  // so the default order needs no sort of every matching row and stops after one block; CROSS
  // JOIN is SQLite's way to fix that loop order (the rows are those of the inner join).
  const from = paged ? BLOCK_FROM : FROM;
  let offset = spec.offset ?? 0;
  let where2 = where;
  let counted: number | null = null;
  if (paged && !spec.sort?.length && offset >= SKIP_FROM) {
    const skip = skipUnits(ctx, counting === where ? { from: BLOCK_FROM, where } : { from: FROM, where: counting }, params, offset);
    counted = skip.total;
    if (skip.code === undefined) return { rows: [], total: skip.total };
    params.skipCode = skip.code;
    where2 = `${where} AND o.code >= :skipCode`;
    offset -= skip.before;
  }
  const sqlText = `SELECT ${select} ${from} WHERE ${where2} ORDER BY ${order.join(', ')}${paged ? ` LIMIT ${spec.limit} OFFSET ${offset}` : ''}`;
  const raw = ctx.sqlite.prepare(sqlText).all(usedParams(sqlText, params)) as Record<string, unknown>[];
  const json = fields.filter((f) => FIELD_SQL[f].kind === 'json');
  const bools = fields.filter((f) => FIELD_SQL[f].kind === 'bool');
  for (const r of raw) {
    for (const f of json) r[f] = JSON.parse(r[f] as string);
    for (const f of bools) r[f] = r[f] === 1;
  }
  let total = counted ?? raw.length;
  if (paged && counted === null && !(spec.offset === 0 && raw.length < spec.limit!)) {
    const countSql = `SELECT count(*) AS n ${FROM} WHERE ${counting}`;
    total = (ctx.sqlite.prepare(countSql).get(usedParams(countSql, params)) as { n: number }).n;
  }
  return { rows: raw as unknown as PersonSummary[], total };
}

// A deep block in the default order (a drag of the scroll bar to row 90,000) made SQLite walk
// and skip every row before it: ~4 µs a row, 360 ms at row 90,000 of 100,000 (issue 19,
// scroll.bench.ts). The default order is unit code first, so whole units can be skipped by
// their counts: one grouped count over the same rows (walking the units in code order, no sort)
// finds the unit code the block starts in and how many rows come before it; the block then
// starts at that code and skips only within it. Grouped by code, not by unit, so units that
// share a code (a deleted one and its successor) stay one group, as ORDER BY o.code keeps
// them. The groups' sum is the total, so the block needs no separate count.
const SKIP_FROM = 1000;

// With a filter, the rows are counted by a scan (see `counting`) and grouped through a sort.
function skipUnits(ctx: Ctx, q: { from: string; where: string }, params: Params, offset: number): { code?: string; before: number; total: number } {
  const sqlText = `SELECT o.code AS code, count(*) AS n ${q.from} WHERE ${q.where} GROUP BY o.code ORDER BY o.code`;
  const groups = ctx.sqlite.prepare(sqlText).all(usedParams(sqlText, params)) as { code: string; n: number }[];
  let before = 0;
  let found: { code: string; before: number } | null = null;
  for (const g of groups) {
    if (!found && before + g.n > offset) found = { code: g.code, before };
    before += g.n;
  }
  return found ? { ...found, total: before } : { before, total: before };
}

// better-sqlite3 refuses named parameters the statement does not use (the count has no :asOf).
function usedParams(sqlText: string, params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) if (new RegExp(`:${k}\\b`).test(sqlText)) out[k] = v;
  return out;
}
