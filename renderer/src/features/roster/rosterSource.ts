import type { FilterModel, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import type { PersonListRow } from '../../../../core/roster/contract.ts';
import type { OpInput } from '../../../../core/contract/index.ts';
import { call } from '../../api/client.ts';
import { ALWAYS, BLOCK_ROWS, takeBlock } from './firstBlock.ts';

// The roster grid asks the server for one block of rows at a time (ag-grid's infinite row
// model): only the shown columns, sorted and filtered in SQL. The renderer never holds the
// whole roster, whatever its size.

type PageInput = OpInput<'roster.page'>;
type Filters = NonNullable<PageInput['filters']>;
type Column = PageInput['columns'][number];

/** Rows per request (firstBlock.ts), and how many such blocks the grid keeps before dropping the oldest. */
export { BLOCK_ROWS };
export const KEPT_BLOCKS = 10;

interface SimpleCondition {
  filterType?: string;
  type?: string | null;
  filter?: string | number | null;
  filterTo?: number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
}
type GridFilter = SimpleCondition & { operator?: 'AND' | 'OR'; conditions?: SimpleCondition[] };

function condition(c: SimpleCondition): Filters[number]['conditions'][number] {
  const type = (c.type ?? 'contains') as Filters[number]['conditions'][number]['type'];
  // The date filter sends `YYYY-MM-DD hh:mm:ss`; the roster stores ISO dates.
  if (c.filterType === 'date') return { type, value: c.dateFrom?.slice(0, 10) ?? null, value2: c.dateTo?.slice(0, 10) ?? null };
  return { type, value: c.filter ?? null, value2: c.filterTo ?? null };
}

export function toFilters(model: FilterModel | null): Filters {
  return Object.entries(model ?? {}).map(([column, raw]) => {
    const f = raw as GridFilter;
    return f.conditions
      ? { column: column as Column, join: f.operator ?? 'AND', conditions: f.conditions.map(condition) }
      : { column: column as Column, join: 'AND' as const, conditions: [condition(f)] };
  });
}

export const toSort = (model: SortModelItem[]) => model.map((s) => ({ column: s.colId as Column, dir: s.sort }));

export function shownColumns(api: GridApi | null): Column[] {
  const shown = (api?.getColumns() ?? []).filter((c) => c.isVisible()).map((c) => c.getColId() as Column);
  return [...new Set([...ALWAYS, ...shown])];
}

export interface SourceHandlers {
  api: () => GridApi | null;
  onPage: (page: { total: number; asOf: string }) => void;
  onError: (e: unknown) => void;
}

export function rosterSource(filter: Pick<PageInput, 'orgId' | 'status' | 'query'>, h: SourceHandlers): IDatasource {
  return {
    getRows(p) {
      const input: PageInput = {
        ...filter,
        columns: shownColumns(h.api()),
        offset: p.startRow,
        limit: p.endRow - p.startRow,
        sort: toSort(p.sortModel),
        filters: toFilters(p.filterModel),
      };
      (takeBlock(input) ?? call('roster.page', input)).then(
        (r) => {
          h.onPage(r);
          p.successCallback(r.rows as PersonListRow[], r.total);
        },
        (e: unknown) => {
          h.onError(e);
          p.failCallback();
        },
      );
    },
  };
}
