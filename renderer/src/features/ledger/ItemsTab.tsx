import { useCallback, useEffect, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ItemRecord } from '../../../../core/ledger/lists/contract.ts';
import { ITEM_KINDS, type ItemKind } from '../../../../core/ledger/codes.ts';
import { call, errorText } from '../../api/client.ts';
import { mayCall } from '../../access.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { ColourChip, type LedgerScope } from './LedgerPage.tsx';
import { ItemFormDialog } from './ItemFormDialog.tsx';
import { Can } from '../../components/RoleGate.tsx';

const COLUMNS: ColDef<ItemRecord>[] = [
  { field: 'colour', headerName: '五色', width: 70, cellRenderer: (p: { value: string }) => <ColourChip colour={p.value} /> },
  { field: 'kind', headerName: '类型', width: 90 },
  { field: 'title', headerName: '标题', width: 220 },
  { field: 'category', headerName: '类别', width: 100 },
  { field: 'sourceUnitName', headerName: '来源', width: 120 },
  { field: 'orgName', headerName: '责任单位', width: 120 },
  { field: 'registeredOn', headerName: '登记日期', width: 110 },
  { field: 'deadline', headerName: '时限', width: 110 },
  { field: 'progress', headerName: '进度%', width: 80 },
  { field: 'overdue', headerName: '逾期', width: 70, cellRenderer: (p: { value: boolean }) => (p.value ? <span className="overdue-flag">逾期</span> : '') },
  { field: 'closedOn', headerName: '销号日期', width: 110 },
  { field: 'closedBy', headerName: '销号人', width: 90 },
  { field: 'received', headerName: '来源', width: 80, valueFormatter: (p) => (p.value ? '报送（只读）' : '本机') },
];

export function ItemsTab({ scope }: { scope: LedgerScope }) {
  const [kind, setKind] = useState<ItemKind | ''>('');
  const [rows, setRows] = useState<ItemRecord[]>([]);
  const [selected, setSelected] = useState<ItemRecord | null>(null);
  const [editing, setEditing] = useState<ItemRecord | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await call('ledger.items.list', { orgId: scope.orgId, year: scope.year, kind: kind || null });
      setRows(r.rows);
      setSelected((cur) => (cur ? (r.rows.find((x) => x.id === cur.id) ?? null) : null));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.orgId, scope.year, kind]);
  useEffect(() => void load(), [load]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const closeItem = () => selected && act(() => call('ledger.items.close', { id: selected.id, note: window.prompt(`为“${selected.title}”销号，销号说明（可空）：`) ?? null }));
  const rectify = () => {
    if (!selected) return;
    const measures = window.prompt('整改措施：');
    const deadline = measures && window.prompt('整改时限（YYYY-MM-DD）：');
    if (measures && deadline) void act(() => call('ledger.items.rectify', { id: selected.id, measures, deadline }));
  };
  const writable = selected && !selected.received && !selected.closedOn;

  return (
    <div className="split">
      <div className="pane">
        <div className="toolbar">
          <span className="pane-title">{scope.year} 年清单（{rows.length}）</span>
          <select aria-label="清单类型" value={kind} onChange={(e) => setKind(e.target.value as ItemKind | '')}>
            <option value="">全部类型</option>
            {ITEM_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          <span className="spacer" />
          {mayCall('ledger.items.create') && <button type="button" className="primary" onClick={() => setEditing('new')}>＋ 新建清单</button>}
          <Can op="ledger.items.update">
            <button type="button" disabled={!writable} onClick={() => selected && setEditing(selected)}>修改</button>
            <button type="button" disabled={!writable || selected?.kind !== '问题'} onClick={rectify}>生成整改项</button>
          </Can>
          <Can op="ledger.items.close">
            <button type="button" disabled={!writable} onClick={() => void closeItem()}>销号</button>
          </Can>
        </div>
        {error && <div className="form-banner" role="alert">{error}</div>}
        <div className="grid-host ledger-grid items-grid">
          <AgGridReact<ItemRecord>
            theme={gridTheme}
            localeText={GRID_LOCALE}
            rowData={rows}
            columnDefs={COLUMNS}
            defaultColDef={{ sortable: true, resizable: true, filter: true }}
            getRowId={getRowId}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            overlayNoRowsTemplate="<span>本年度还没有清单条目</span>"
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          />
        </div>
      </div>
      {editing && (
        <ItemFormDialog
          initial={editing === 'new' ? null : editing}
          orgs={scope.orgs}
          defaultOrgId={scope.orgId}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </div>
  );
}
