import type { FilterModel, IDatasource } from 'ag-grid-community';
import type { OpInput } from '../../../../core/contract/index.ts';
import type { SessionRow } from '../../../../core/assessment/contract-sheet-page.ts';
import { call } from '../../api/client.ts';
import type { SheetHandlers } from './sheetSource.ts';

// The 民主测评 tally table asks for one block of a session's tallies at a time
// (assessment.sessionPage), sorted and filtered on the server like the score grid. The grid's
// column ids are the server's column names: name, orgName, sum, count:<选项>, rate:<选项>.

type PageInput = OpInput<'assessment.sessionPage'>;
type Filter = PageInput['filters'][number];
type Column = PageInput['sort'][number]['column'];

interface Condition { type?: string | null; filter?: string | number | null; filterTo?: number | null }

function toFilter(column: string, c: Condition): Filter | null {
  if (c.filter === null || c.filter === undefined || c.filter === '') return null;
  if (column === 'name' || column === 'orgName') {
    const type = (c.type ?? 'contains') as Extract<Filter, { kind: 'text' }>['type'];
    return { column, kind: 'text', type, value: String(c.filter) };
  }
  const type = (c.type ?? 'equals') as Extract<Filter, { kind: 'number' }>['type'];
  return { column: column as 'sum', kind: 'number', type, value: Number(c.filter), ...(c.filterTo != null ? { to: c.filterTo } : {}) };
}

const toFilters = (model: FilterModel | null): Filter[] =>
  Object.entries(model ?? {}).flatMap(([colId, raw]) => {
    const f = toFilter(colId, raw as Condition);
    return f ? [f] : [];
  });

export function sessionSource(cycleId: string, sessionId: string | null, h: SheetHandlers): IDatasource {
  return {
    getRows(p) {
      const input: PageInput = {
        cycleId, sessionId, startRow: p.startRow, endRow: p.endRow,
        sort: p.sortModel.map((s) => ({ column: s.colId as Column, dir: s.sort })), filters: toFilters(p.filterModel),
      };
      call('assessment.sessionPage', input).then(
        (r) => {
          h.onPage(r);
          p.successCallback(r.rows as SessionRow[], r.rowCount);
        },
        (e: unknown) => {
          h.onError(e);
          p.failCallback();
        },
      );
    },
  };
}
