import type { FilterModel, IDatasource, SortModelItem } from 'ag-grid-community';
import type { OpInput } from '../../../../core/contract/index.ts';
import type { SheetRow } from '../../../../core/assessment/contract.ts';
import { call } from '../../api/client.ts';

// The score grid asks for one block of the cycle's sheet at a time (ag-grid's infinite row
// model), sorted and filtered on the server (assessment.sheetPage), as the hours grid does.

type PageInput = OpInput<'assessment.sheetPage'>;
type Filter = PageInput['filters'][number];
type Column = PageInput['sort'][number]['column'];

export const BLOCK_ROWS = 100;
export const KEPT_BLOCKS = 10;
const NUMBER_COLUMNS = new Set(['total', 'rank']);

/**
 * The grid's column ids: an indicator's own key (kept from before paging, the e2e tests and
 * saved column state use it), `c_<component>` for a component's points, else the field name.
 */
export function serverColumn(colId: string, leafKeys: ReadonlySet<string>): string {
  if (leafKeys.has(colId)) return `score:${colId}`;
  if (colId.startsWith('c_')) return `component:${colId.slice(2)}`;
  return colId;
}

interface Condition { type?: string | null; filter?: string | number | null; filterTo?: number | null }

function toFilter(column: string, c: Condition): Filter | null {
  if (c.filter === null || c.filter === undefined || c.filter === '') return null;
  if (NUMBER_COLUMNS.has(column) || column.includes(':')) {
    const type = (c.type ?? 'equals') as Extract<Filter, { kind: 'number' }>['type'];
    return { column: column as 'total', kind: 'number', type, value: Number(c.filter), ...(c.filterTo != null ? { to: c.filterTo } : {}) };
  }
  const type = (c.type ?? 'contains') as Extract<Filter, { kind: 'text' }>['type'];
  return { column: column as 'name', kind: 'text', type, value: String(c.filter) };
}

export function toFilters(model: FilterModel | null, leafKeys: ReadonlySet<string>): Filter[] {
  return Object.entries(model ?? {}).flatMap(([colId, raw]) => {
    const f = toFilter(serverColumn(colId, leafKeys), raw as Condition);
    return f ? [f] : [];
  });
}

export const toSort = (model: SortModelItem[], leafKeys: ReadonlySet<string>) =>
  model.map((s) => ({ column: serverColumn(s.colId, leafKeys) as Column, dir: s.sort }));

export interface SheetHandlers {
  onPage: (page: { rowCount: number }) => void;
  onError: (e: unknown) => void;
}

export function sheetSource(cycleId: string, leafKeys: ReadonlySet<string>, h: SheetHandlers): IDatasource {
  return {
    getRows(p) {
      const input: PageInput = { cycleId, startRow: p.startRow, endRow: p.endRow, sort: toSort(p.sortModel, leafKeys), filters: toFilters(p.filterModel, leafKeys) };
      call('assessment.sheetPage', input).then(
        (r) => {
          h.onPage(r);
          p.successCallback(r.rows as SheetRow[], r.rowCount);
        },
        (e: unknown) => {
          h.onError(e);
          p.failCallback();
        },
      );
    },
  };
}
