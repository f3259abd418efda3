import { useEffect, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi } from 'ag-grid-community';
import type { PersonSummary } from '../../../../core/roster/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { getRowId, GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';

const COLUMNS: ColDef<PersonSummary>[] = [
  { field: 'name', headerName: '姓名', width: 110, colId: 'name' },
  { field: 'orgName', headerName: '所属组织', width: 140 },
  { field: 'posts', headerName: '职务', width: 180, valueFormatter: (p) => (p.value as string[]).join('、') },
  { field: 'postCategory', headerName: '岗位类别', width: 90 },
  { field: 'gender', headerName: '性别', width: 70 },
  { field: 'age', headerName: '年龄', width: 70 },
];

/** Multi-row selection from the roster (在岗 people of the chosen org and below). */
export function RosterPicker({ orgId, onClose, onPick }: { orgId: string; onClose: () => void; onPick: (ids: string[]) => void }) {
  const [rows, setRows] = useState<PersonSummary[]>([]);
  const [count, setCount] = useState(0);
  const [filter, setFilter] = useState('');
  const [api, setApi] = useState<GridApi<PersonSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const words = filter.trim().split(/\s+/).filter(Boolean);
  const shown = words.length ? rows.filter((r) => words.every((w) => `${r.name} ${r.orgName} ${r.posts.join(' ')} ${r.postCategory}`.includes(w))) : rows;
  useEffect(() => {
    call('roster.list', { orgId, status: '在岗' }).then((r) => setRows(r.rows), (e: unknown) => setError(errorText(e)));
  }, [orgId]);

  return (
    <Dialog
      title="选择报名人员"
      wide
      onClose={onClose}
      banner={error ? <div className="form-banner" role="alert">{error}</div> : null}
      footer={
        <>
          <span className="muted">已选 {count} 人（重复报名的人员会自动跳过）</span>
          <button type="button" onClick={onClose}>取消</button>
          <button type="button" className="primary" disabled={!count} onClick={() => api && onPick(api.getSelectedRows().map((r) => r.id))}>
            报名所选（{count} 人）
          </button>
        </>
      }
    >
      <input type="search" className="search" placeholder="按姓名、组织、职务筛选（如：书记）" aria-label="筛选人员" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <div className="grid-host picker-grid">
        <AgGridReact<PersonSummary>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          overlayNoRowsTemplate={emptyGrid('没有可报名的人员')}
          rowData={shown}
          columnDefs={COLUMNS}
          defaultColDef={{ sortable: true, resizable: true, filter: true }}
          getRowId={getRowId}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: true }}
          onGridReady={(e) => setApi(e.api)}
          onSelectionChanged={(e) => setCount(e.api.getSelectedRows().length)}
        />
      </div>
    </Dialog>
  );
}
