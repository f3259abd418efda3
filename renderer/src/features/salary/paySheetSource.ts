import type { IDatasource, SortModelItem } from 'ag-grid-community';
import type { OpInput } from '../../../../core/contract/index.ts';
import type { PayLine } from '../../../../core/salary/contract.ts';
import { call } from '../../api/client.ts';

// The pay sheet grid asks the server for one block at a time (ag-grid's infinite row model), as
// the hours grid does: sorted on the server (core/salary/paysheet-page.ts), so the renderer
// never holds a county's ~15,000 lines. The column ids are the server's column names. The grid
// offers sorting only, as it did before paging (no column filters); salary.paySheetPage can
// filter too, so a filter UI would only need its filter model translated here.

type PageInput = OpInput<'salary.paySheetPage'>;
type Column = PageInput['sort'][number]['column'];

export const PAY_BLOCK_ROWS = 100;
export const PAY_KEPT_BLOCKS = 10;

export const toPaySort = (model: SortModelItem[]) => model.map((s) => ({ column: s.colId as Column, dir: s.sort }));

export function paySheetSource(scope: { orgId: string; month: string }, onError: (e: unknown) => void): IDatasource {
  return {
    getRows(p) {
      const input: PageInput = { ...scope, startRow: p.startRow, endRow: p.endRow, sort: toPaySort(p.sortModel), filters: [] };
      call('salary.paySheetPage', input).then(
        (r) => p.successCallback(r.rows as PayLine[], r.rowCount),
        (e: unknown) => {
          onError(e);
          p.failCallback();
        },
      );
    },
  };
}
