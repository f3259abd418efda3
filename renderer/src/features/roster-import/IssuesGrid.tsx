import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { RowIssueOut } from '../../../../core/roster-io/contract.ts';
import { GRID_LOCALE, gridTheme } from '../../grid/setup.ts';

const COLUMNS: ColDef<RowIssueOut>[] = [
  { field: 'severity', headerName: '类别', width: 80, valueFormatter: (p) => (p.value === 'error' ? '错误' : '提示'), cellClass: (p) => (p.value === 'error' ? 'rio-error' : 'rio-warning') },
  { field: 'row', headerName: '行号', width: 80, type: 'numericColumn' },
  { headerName: '列', width: 130, valueGetter: (p) => (p.data ? `${p.data.letter ? `${p.data.letter} ` : ''}${p.data.column}` : '') },
  { field: 'value', headerName: '值', width: 170 },
  { field: 'message', headerName: '原因', flex: 1, minWidth: 260, tooltipField: 'message' },
];

/** Every problem of the preview: 行号 as shown in the sheet, 列, 值 and the Chinese reason. */
export function IssuesGrid({ issues }: { issues: RowIssueOut[] }) {
  return (
    <div className="rio-issues">
      <AgGridReact<RowIssueOut>
        theme={gridTheme}
        localeText={GRID_LOCALE}
        rowData={issues}
        columnDefs={COLUMNS}
        defaultColDef={{ sortable: true, resizable: true, filter: true }}
        tooltipShowDelay={300}
        overlayNoRowsTemplate="<span>没有发现问题</span>"
      />
    </div>
  );
}
