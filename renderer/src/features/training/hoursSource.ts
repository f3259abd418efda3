import type { FilterModel, IDatasource, SortModelItem } from 'ag-grid-community';
import type { OpInput } from '../../../../core/contract/index.ts';
import type { PersonHours } from '../../../../core/training/contract-views.ts';
import { call } from '../../api/client.ts';

// The hours grid asks the server for one block at a time (ag-grid's infinite row model), as
// the roster does: sorted and filtered on the server (core/paging/computed.ts), so the
// renderer never holds a county's whole list.

type PageInput = OpInput<'training.hoursPage'>;
type Filter = PageInput['filters'][number];
type Column = PageInput['sort'][number]['column'];

export const BLOCK_ROWS = 100;
export const KEPT_BLOCKS = 10;
export const NUMBER_COLUMNS = new Set(['hours', 'days']);
const MET_VALUES = ['达标', '未达标', '无要求'] as const;

interface Condition { filterType?: string; type?: string | null; filter?: string | number | null; filterTo?: number | null }

function toFilter(column: string, c: Condition): Filter | null {
  if (c.filter === null || c.filter === undefined || c.filter === '') return null;
  if (column === 'met') {
    // 达标 is shown as words; the text filter on it is turned into the set of words it matches.
    const q = String(c.filter);
    const values = MET_VALUES.filter((v) => (c.type === 'equals' ? v === q : c.type === 'startsWith' ? v.startsWith(q) : v.includes(q)));
    return { column: 'met', kind: 'set', values };
  }
  if (NUMBER_COLUMNS.has(column)) {
    const type = (c.type ?? 'equals') as Extract<Filter, { kind: 'number' }>['type'];
    return { column: column as 'hours', kind: 'number', type, value: Number(c.filter), ...(c.filterTo != null ? { to: c.filterTo } : {}) };
  }
  const type = (c.type ?? 'contains') as Extract<Filter, { kind: 'text' }>['type'];
  return { column: column as 'name', kind: 'text', type, value: String(c.filter) };
}

export function toFilters(model: FilterModel | null): Filter[] {
  return Object.entries(model ?? {}).flatMap(([column, raw]) => {
    const f = toFilter(column, raw as Condition);
    return f ? [f] : [];
  });
}

export const toSort = (model: SortModelItem[]) => model.map((s) => ({ column: s.colId as Column, dir: s.sort }));

export interface HoursHandlers {
  onPage: (page: { rowCount: number; sample: boolean }) => void;
  onError: (e: unknown) => void;
}

export function hoursSource(scope: { year: number; orgId: string; below: boolean }, h: HoursHandlers): IDatasource {
  return {
    getRows(p) {
      const input: PageInput = {
        ...scope, startRow: p.startRow, endRow: p.endRow, sort: toSort(p.sortModel), filters: toFilters(p.filterModel),
      };
      call('training.hoursPage', input).then(
        (r) => {
          h.onPage(r);
          p.successCallback(r.rows as PersonHours[], r.rowCount);
        },
        (e: unknown) => {
          h.onError(e);
          p.failCallback();
        },
      );
    },
  };
}
