import type { OrgTreeUnit } from '../../../../core/org/contract.ts';
import type { OpInput, OpOutput } from '../../../../core/contract/index.ts';
import { call } from '../../api/client.ts';
import { getSession } from '../../api/transport.ts';
import { loadColumnState } from '../../grid/columnState.ts';
import { ROSTER_COLUMNS } from './columns.tsx';

// Issue 19 (first rows painted): when the user opens 花名册, the org tree and the grid's first
// block are asked for at once, while React renders the page and ag-grid sets itself up, instead
// of one after the other once the grid asks. The page takes each answer at most once, soon after,
// and only when the grid's own first request is the very one made here (same filter, columns,
// sort); any other request goes to the server as before, so nothing the user sees changes.

type PageInput = OpInput<'roster.page'>;
type Column = PageInput['columns'][number];

/** The page's key for its stored column layout (RosterPage.tsx). */
export const ROSTER_PAGE_KEY = 'roster';
/** Rows per request of the roster grid. */
export const BLOCK_ROWS = 100;
/** Always fetched: the toolbar needs the name (dialog titles) and the status (离岗办理) of the selected row. */
export const ALWAYS: Column[] = ['name', 'status'];
// Older than this, an early answer is not used: the page asks afresh.
const FRESH_MS = 5000;

interface Early<T> {
  key: string;
  at: number;
  /** The session that asked: an answer is never handed to another login on a shared PC. */
  session: string | null;
  answer: Promise<T>;
}
let orgTree: Early<OrgTreeUnit[]> | null = null;
let block: Early<OpOutput<'roster.page'>> | null = null;

/** The same request, whatever the order of its columns (the server's rows are the same). */
export const blockKey = (i: PageInput): string =>
  JSON.stringify([i.orgId ?? null, i.status, i.query ?? null, [...new Set(i.columns)].sort(), i.offset ?? 0, i.limit, i.sort ?? [], i.filters ?? []]);

/** The grid's first request on opening, from the stored column layout as the grid restores it. */
export function openingRequest(): PageInput {
  const state = loadColumnState(ROSTER_PAGE_KEY) ?? [];
  const stored = new Map(state.map((s) => [s.colId, s]));
  const shown = ROSTER_COLUMNS.filter((c) => !(stored.get(c.colId!)?.hide ?? c.initialHide ?? false)).map((c) => c.colId as Column);
  const sort = state
    .filter((s) => s.sort && ROSTER_COLUMNS.some((c) => c.colId === s.colId))
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((s) => ({ column: s.colId as Column, dir: s.sort! }));
  return { orgId: null, status: '在岗', columns: [...new Set([...ALWAYS, ...shown])], offset: 0, limit: BLOCK_ROWS, sort, filters: [] };
}

function early<T>(key: string, answer: Promise<T>): Early<T> {
  // Never an unhandled rejection: whoever takes the answer sees its failure.
  answer.catch(() => undefined);
  return { key, at: Date.now(), session: getSession(), answer };
}

/** Called as 花名册 opens (Shell, on the route change), for a role that may read the roster. */
export function askEarly(): void {
  orgTree = early('', call('org.tree', {}));
  const input = openingRequest();
  block = early(blockKey(input), call('roster.page', input));
}

function take<T>(e: Early<T> | null, key: string): Promise<T> | null {
  return e && e.key === key && e.session === getSession() && Date.now() - e.at < FRESH_MS ? e.answer : null;
}

/** The early org tree, once; null when there is none (or it is stale). */
export function takeOrgTree(): Promise<OrgTreeUnit[]> | null {
  const answer = take(orgTree, '');
  orgTree = null;
  return answer;
}

/** The early first block for this request, once; the first request made by the grid uses it up either way. */
export function takeBlock(input: PageInput): Promise<OpOutput<'roster.page'>> | null {
  const answer = take(block, blockKey(input));
  block = null;
  return answer;
}
