import { useCallback, useEffect, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { OrderRecord } from '../../../../core/ledger/orders/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { mayCall } from '../../access.ts';
import { leaveAll } from '../../components/useDirty.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import type { LedgerScope } from './LedgerPage.tsx';
import { OrderDetail } from './OrderDetail.tsx';
import { OrderRegisterDialog } from './OrderRegisterDialog.tsx';

const COLUMNS: ColDef<OrderRecord>[] = [
  { field: 'registeredOn', headerName: '登记日期', width: 110 },
  { field: 'title', headerName: '需求', width: 200 },
  { field: 'source', headerName: '来源', width: 80 },
  { field: 'category', headerName: '类别', width: 100 },
  { field: 'status', headerName: '状态', width: 90 },
  { field: 'assigneeName', headerName: '承办方', width: 140 },
  { field: 'dueDate', headerName: '办理时限', width: 110 },
  { field: 'overdue', headerName: '逾期', width: 70, cellRenderer: (p: { value: boolean }) => (p.value ? <span className="overdue-flag">逾期</span> : '') },
  { field: 'rating', headerName: '评价', width: 90 },
  { field: 'orgName', headerName: '社区', width: 110 },
];

export function OrdersTab({ scope }: { scope: LedgerScope }) {
  const [rows, setRows] = useState<OrderRecord[]>([]);
  const [total, setTotal] = useState(0);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await call('ledger.orders.list', { orgId: scope.orgId, year: scope.year, overdueOnly });
      setRows(r.rows);
      setTotal(r.total);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.orgId, scope.year, overdueOnly]);
  useEffect(() => void load(), [load]);

  return (
    <div className="split">
      <div className="pane">
        <div className="toolbar">
          <span className="pane-title">{scope.year} 年工单（{total}）</span>
          <label className="inline-label">
            <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
            只看逾期
          </label>
          <span className="spacer" />
          {mayCall('ledger.orders.register') && <button type="button" className="primary" onClick={() => setRegistering(true)}>＋ 点单登记</button>}
        </div>
        {error && <div className="form-banner" role="alert">{error}</div>}
        <div className="grid-host ledger-grid orders-grid">
          <AgGridReact<OrderRecord>
            theme={gridTheme}
            localeText={GRID_LOCALE}
            rowData={rows}
            columnDefs={COLUMNS}
            defaultColDef={{ sortable: true, resizable: true, filter: true }}
            getRowId={getRowId}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            overlayNoRowsTemplate="<span>还没有工单</span>"
            onSelectionChanged={(e) => {
              const id = e.api.getSelectedRows()[0]?.id ?? null;
              if (id === selectedId) return;
              // Another order replaces the detail and its step form: ask about typed text first,
              // and put the selection back on 取消.
              void leaveAll().then((ok) => (ok ? setSelectedId(id) : selectedId && e.api.getRowNode(selectedId)?.setSelected(true)));
            }}
          />
        </div>
      </div>
      {selectedId && (
        <div className="pane">
          <OrderDetail key={selectedId} id={selectedId} orgs={scope.orgs} onChanged={() => void load()} />
        </div>
      )}
      {registering && (
        <OrderRegisterDialog
          orgs={scope.orgs}
          defaultOrgId={scope.orgId}
          onClose={() => setRegistering(false)}
          onSaved={(o) => {
            setRegistering(false);
            setSelectedId(o.id);
            void load();
          }}
        />
      )}
    </div>
  );
}
