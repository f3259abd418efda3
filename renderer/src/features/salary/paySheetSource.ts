import type { IDatasource } from 'ag-grid-community';
import type { OpInput } from '../../../../core/contract/index.ts';
import type { PayLine } from '../../../../core/salary/contract.ts';
import { call } from '../../api/client.ts';
import { BLOCK_ROWS, KEPT_BLOCKS, blockSource, toServerSort } from '../../grid/blockSource.ts';

// The pay sheet grid asks the server for one block at a time (ag-grid's infinite row model), as
// the hours grid does: sorted on the server (core/salary/paysheet-page.ts). The grid offers
// sorting only, as it did before paging (no column filters); salary.paySheetPage can filter
// too, so a filter UI would only need its filter model translated here.

type PageInput = OpInput<'salary.paySheetPage'>;
type Column = PageInput['sort'][number]['column'];

export const PAY_BLOCK_ROWS = BLOCK_ROWS;
export const PAY_KEPT_BLOCKS = KEPT_BLOCKS;

export const toPaySort = toServerSort<Column>;

export function paySheetSource(scope: { orgId: string; month: string }, onError: (e: unknown) => void): IDatasource {
  return blockSource<Column, PayLine>((req) => call('salary.paySheetPage', { ...scope, ...req, filters: [] }) as Promise<{ rows: PayLine[]; rowCount: number }>, onError);
}
