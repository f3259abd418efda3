import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { call, errorText } from '../../api/client.ts';
import { downloadBase64 } from '../../api/files.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { RecordForm } from './RecordForm.tsx';
import { callAny, type Lookups, type TabSpec } from './specs.ts';
import { Can } from '../../components/RoleGate.tsx';

type Row = Record<string, unknown> & { id: string };

/** One ledger: the list under the chosen org, with new / edit / delete, print and .xlsx export. */
export function LedgerTab({ spec, orgId, orgName }: { spec: TabSpec; orgId: string; orgName: string }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [selected, setSelected] = useState<Row | null>(null);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [lookups, setLookups] = useState<Lookups>({ units: [], grids: [], meetings: [], people: [] });
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = (await callAny(spec.list, { orgId })) as { rows: Row[] };
      setRows(r.rows);
      setSelected(null);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [spec.list, orgId]);
  useEffect(() => void load(), [load]);

  // The choices a form offers: this org's own units, grids, meetings and roster.
  const openForm = async (target: Row | 'new') => {
    try {
      const own = <T extends { orgId: string }>(xs: T[]) => xs.filter((x) => x.orgId === orgId);
      const [units, grids, meetings, people] = await Promise.all([
        call('ledger.coop.units.list', { orgId }), call('ledger.grid.areas.list', { orgId }), call('ledger.coop.meetings.list', { orgId }), call('roster.list', { orgId }),
      ]);
      setLookups({
        units: own(units.rows).map((u) => ({ value: u.id, label: u.name })),
        grids: own(grids.rows).map((g) => ({ value: g.id, label: g.name })),
        meetings: own(meetings.rows).map((m) => ({ value: m.id, label: `${m.date} ${m.hostUnitName ?? ''}` })),
        people: (people as { rows: { id: string; name: string; orgId: string }[] }).rows.filter((p) => p.orgId === orgId).map((p) => ({ value: p.id, label: p.name })),
      });
      setEditing(target);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const remove = async () => {
    if (!selected) return;
    const reason = window.prompt('请填写删除原因：');
    if (!reason) return;
    try {
      await callAny(spec.remove, { id: selected.id, reason });
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const exportXlsx = async () => {
    try {
      const f = (await callAny('ledger.coop.export', { table: spec.exportTable, orgId })) as { fileName: string; base64: string };
      downloadBase64(f.fileName, f.base64);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const form = useMemo(() => spec.form(lookups), [spec, lookups]);
  return (
    <div className="pane">
      <div className="toolbar no-print">
        <span className="pane-title">{spec.tab}（{rows.length}）</span>
        <span className="spacer" />
        <Can op={form.create} note="登记">
          <button type="button" className="primary" onClick={() => void openForm('new')}>＋ 新建{form.title}</button>
        </Can>
        <Can op={form.update}>
          <button type="button" disabled={!selected} onClick={() => selected && void openForm(selected)}>修改</button>
        </Can>
        <Can op={spec.remove}>
          <button type="button" disabled={!selected} onClick={() => void remove()}>删除</button>
        </Can>
        <button type="button" onClick={() => window.print()}>打印</button>
        <button type="button" onClick={() => void exportXlsx()}>导出 .xlsx</button>
      </div>
      <h2 className="print-only">{orgName}{spec.title}</h2>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="grid-host coop-grid">
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          rowData={rows}
          columnDefs={spec.columns}
          defaultColDef={{ sortable: true, resizable: true, filter: true }}
          getRowId={getRowId}
          domLayout="normal"
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          overlayNoRowsTemplate="<span>还没有记录</span>"
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
          onRowDoubleClicked={(e) => e.data && void openForm(e.data)}
        />
      </div>
      {editing && (
        <RecordForm
          spec={form}
          initial={editing === 'new' ? null : editing}
          orgId={orgId}
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
