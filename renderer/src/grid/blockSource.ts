import type { IDatasource, SortModelItem } from 'ag-grid-community';

// A sort-only infinite-row-model datasource over a paged operation (salary.paySheetPage,
// salary.settlementPage): the grid asks for one block at a time, sorted on the server, so the
// renderer never holds a county's ~15,000 lines. The column ids are the server's column names.

export const BLOCK_ROWS = 100;
export const KEPT_BLOCKS = 10;

export interface BlockRequest<C extends string> { startRow: number; endRow: number; sort: { column: C; dir: 'asc' | 'desc' }[] }

export const toServerSort = <C extends string>(model: SortModelItem[]) => model.map((s) => ({ column: s.colId as C, dir: s.sort }));

export function blockSource<C extends string, R>(
  fetch: (req: BlockRequest<C>) => Promise<{ rows: R[]; rowCount: number }>,
  onError: (e: unknown) => void,
): IDatasource {
  return {
    getRows(p) {
      fetch({ startRow: p.startRow, endRow: p.endRow, sort: toServerSort<C>(p.sortModel) }).then(
        (r) => p.successCallback(r.rows, r.rowCount),
        (e: unknown) => {
          onError(e);
          p.failCallback();
        },
      );
    },
  };
}
