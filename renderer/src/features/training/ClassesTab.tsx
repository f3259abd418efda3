import { useCallback, useEffect, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { ClassRecord } from '../../../../core/training/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { AttendeesPanel } from './AttendeesPanel.tsx';
import { ClassFormDialog } from './ClassFormDialog.tsx';
import type { Scope } from './TrainingPage.tsx';
import { Can } from '../../components/RoleGate.tsx';
import { mayCall } from '../../access.ts';

const COLUMNS: ColDef<ClassRecord>[] = [
  { field: 'name', headerName: '班次名称', width: 240, colId: 'name' },
  { field: 'category', headerName: '类别', width: 100 },
  { field: 'level', headerName: '层级', width: 70 },
  { field: 'form', headerName: '形式', width: 70 },
  { field: 'host', headerName: '主办单位', width: 130 },
  { field: 'organizer', headerName: '承办单位', width: 130 },
  { field: 'location', headerName: '地点', width: 110 },
  { field: 'startDate', headerName: '开始日期', width: 110 },
  { field: 'endDate', headerName: '结束日期', width: 110 },
  { field: 'days', headerName: '天数', width: 70 },
  { field: 'hours', headerName: '学时', width: 70 },
  { field: 'compulsory', headerName: '必修/选修', width: 90 },
  { field: 'enrolled', headerName: '报名', width: 70, colId: 'enrolled' },
  { field: 'present', headerName: '出席', width: 70, colId: 'present' },
  { field: 'orgName', headerName: '登记单位', width: 120 },
];

export function ClassesTab({ scope }: { scope: Scope }) {
  const [rows, setRows] = useState<ClassRecord[]>([]);
  const [selected, setSelected] = useState<ClassRecord | null>(null);
  const [editing, setEditing] = useState<ClassRecord | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const r = await call('training.classes.list', { year: scope.year, orgId: scope.orgId });
      setRows(r.rows);
      setSelected((cur) => (cur ? (r.rows.find((x) => x.id === cur.id) ?? null) : null));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [scope.year, scope.orgId]);
  useEffect(() => void load(), [load]);

  const remove = async () => {
    if (!selected) return;
    const reason = window.prompt(`删除班次“${selected.name}”及其报名记录，请填写删除原因：`);
    if (!reason) return;
    try {
      await call('training.classes.remove', { id: selected.id, reason });
      setSelected(null);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="split">
      <div className="pane">
        <div className="toolbar">
          <span className="pane-title">{scope.year} 年培训班次（{rows.length}）</span>
          <span className="spacer" />
          <Can op="training.classes.create" note="班次登记">
            <button type="button" className="primary" onClick={() => setEditing('new')}>＋ 新建班次</button>
            <button type="button" disabled={!selected} onClick={() => selected && setEditing(selected)}>修改</button>
            <button type="button" disabled={!selected} onClick={() => void remove()}>删除</button>
          </Can>
        </div>
        {error && <div className="form-banner" role="alert">{error}</div>}
        <div className="grid-host classes-grid">
          <AgGridReact<ClassRecord>
            theme={gridTheme}
            localeText={GRID_LOCALE}
            rowData={rows}
            columnDefs={COLUMNS}
            defaultColDef={{ sortable: true, resizable: true, filter: true }}
            getRowId={getRowId}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            overlayNoRowsTemplate="<span>本年度还没有培训班次</span>"
            onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0] ?? null)}
            onRowDoubleClicked={(e) => e.data && mayCall('training.classes.update') && setEditing(e.data)}
          />
        </div>
      </div>
      {selected && (
        <div className="pane">
          <AttendeesPanel
            key={selected.id}
            target={{ classId: selected.id }}
            title={`${selected.name}（${selected.startDate} 至 ${selected.endDate}，${selected.hours} 学时）`}
            scope={scope}
            onChanged={() => void load()}
          />
        </div>
      )}
      {editing && (
        <ClassFormDialog
          initial={editing === 'new' ? null : editing}
          orgs={scope.orgs}
          defaultOrgId={scope.orgId}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            setSelected(c);
            void load();
          }}
        />
      )}
    </div>
  );
}
