import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellValueChangedEvent, ColDef, GridApi, ValueParserParams } from 'ag-grid-community';
import type { AttendanceRecord } from '../../../../core/training/contract-attendance.ts';
import { ATTENDANCE_STATUSES } from '../../../../core/training/codes.ts';
import { call, errorText } from '../../api/client.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { RosterPicker } from './RosterPicker.tsx';
import type { Scope } from './TrainingPage.tsx';
import { Can } from '../../components/RoleGate.tsx';
import { FilePicker } from '../../components/FilePicker.tsx';
import { mayCall } from '../../access.ts';

type Target = { classId: string } | { sessionId: string };
// Text typed into a number cell becomes NaN, which call() refuses naming the field; the
// reload after the refusal puts the stored value back.
const numberCell = (p: ValueParserParams<AttendanceRecord>) => {
  const v = String(p.newValue ?? '').trim();
  return v === '' ? null : Number(v);
};

const COLUMNS: ColDef<AttendanceRecord>[] = [
  { field: 'personName', headerName: '姓名', width: 100, colId: 'personName' },
  { field: 'orgName', headerName: '所属组织', width: 120 },
  { field: 'posts', headerName: '职务', width: 150, valueFormatter: (p) => (p.value as string[]).join('、') },
  { field: 'status', headerName: '出勤', width: 80, colId: 'status', editable: true, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: [...ATTENDANCE_STATUSES] } },
  { field: 'creditedHours', headerName: '认定学时', width: 95, colId: 'creditedHours', editable: true, valueParser: numberCell },
  { field: 'creditedDays', headerName: '认定天数', width: 95, colId: 'creditedDays', editable: true, valueParser: numberCell },
  { field: 'result', headerName: '考核结果', width: 95, editable: true },
  { field: 'score', headerName: '成绩', width: 75, editable: true, valueParser: numberCell },
  { field: 'certificateNo', headerName: '证书编号', width: 130, editable: true },
  { field: 'remarks', headerName: '备注', width: 140, editable: true },
];

interface Props {
  target: Target;
  title: string;
  scope: Scope;
  onChanged: () => void;
}

export function AttendeesPanel({ target, title, scope, onChanged }: Props) {
  const [rows, setRows] = useState<AttendanceRecord[]>([]);
  // A role that cannot update attendance sees the cells read-only rather than meeting 无权执行 per edit.
  const columns = useMemo(() => (mayCall('training.attendance.update') ? COLUMNS : COLUMNS.map((c) => ({ ...c, editable: false }))), []);
  const [total, setTotal] = useState(0);
  const [selected, setSelected] = useState<AttendanceRecord[]>([]);
  const [picking, setPicking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useRef<GridApi<AttendanceRecord> | null>(null);

  // The target object is rebuilt on every render; its id is what identifies it.
  const targetKey = 'classId' in target ? target.classId : target.sessionId;
  const load = useCallback(async () => {
    try {
      const r = await call('training.attendance.list', target);
      setRows(r.rows);
      setTotal(r.totalHours);
    } catch (e) {
      setError(errorText(e));
    }
  }, [targetKey]);
  useEffect(() => void load(), [load]);

  const act = async (work: () => Promise<string | null>) => {
    try {
      setError(null);
      setMessage(await work());
      await load();
      onChanged();
    } catch (e) {
      setError(errorText(e));
      await load();
    }
  };

  const enrol = (personIds: string[]) =>
    act(async () => {
      setPicking(false);
      const r = await call('training.enroll', { ...target, personIds });
      return `已报名 ${r.added} 人${r.alreadyEnrolled ? `，${r.alreadyEnrolled} 人此前已报名` : ''}（培训开始后再标记出席、缺席）`;
    });

  const setStatus = (status: (typeof ATTENDANCE_STATUSES)[number]) =>
    act(async () => {
      const r = await call('training.attendance.setStatus', { ids: selected.map((s) => s.id), status });
      return `已将 ${r.updated} 人标记为${status}`;
    });

  const unenrol = () =>
    act(async () => {
      const reason = window.prompt(`取消所选 ${selected.length} 人的报名，请填写原因：`);
      if (!reason) return null;
      const r = await call('training.attendance.remove', { ids: selected.map((s) => s.id), reason });
      return `已取消 ${r.removed} 人的报名`;
    });

  const importSheet = (file: File) =>
    act(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      const input = { ...target, orgId: scope.orgId, fileBase64: btoa(bin) };
      let r = await call('training.signin.import', input);
      if (!r.written && r.errors.length && r.matched > 0) {
        const list = r.errors.slice(0, 10).map((e) => `第 ${e.row} 行：${e.message}`).join('\n');
        if (!window.confirm(`签到表有 ${r.errors.length} 行无法匹配：\n${list}\n\n是否只导入能匹配的 ${r.matched} 人？`)) return '未导入：签到表有无法匹配的行';
        r = await call('training.signin.import', { ...input, skipErrorRows: true });
      }
      const errs = r.errors.length ? `；${r.errors.length} 行未匹配（${r.errors.slice(0, 3).map((e) => `第 ${e.row} 行${e.message}`).join('；')}）` : '';
      return r.written ? `签到表导入：新报名 ${r.added} 人，已报名 ${r.alreadyEnrolled} 人${errs}` : `未导入${errs}`;
    });

  const onCellValueChanged = (e: CellValueChangedEvent<AttendanceRecord>) => {
    const field = e.colDef.field as keyof AttendanceRecord;
    if (!e.data || e.oldValue === e.newValue) return;
    void act(async () => {
      await call('training.attendance.update', { id: e.data!.id, [field]: e.newValue === '' ? null : e.newValue });
      return null;
    });
  };

  return (
    <>
      <div className="toolbar">
        <span className="pane-title">参训人员：{title}</span>
        <span className="muted small-text" data-testid="attendance-summary">共 {rows.length} 人，合计 {total} 学时</span>
        <span className="spacer" />
        <Can op="training.enroll" note="报名和出勤登记">
        <button type="button" className="primary" onClick={() => setPicking(true)}>选择人员报名</button>
        <FilePicker label="导入签到表" name="签到表文件" accept=".xlsx,.csv" onFiles={(f) => f[0] && void importSheet(f[0])} />
        {ATTENDANCE_STATUSES.map((s) => (
          <button key={s} type="button" disabled={!selected.length} onClick={() => void setStatus(s)}>标记{s}</button>
        ))}
        <button type="button" disabled={!selected.length} onClick={() => void unenrol()}>取消报名</button>
        </Can>
      </div>
      {message && <div className="statusbar" role="status">{message}</div>}
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="grid-host attendees-grid">
        <AgGridReact<AttendanceRecord>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          rowData={rows}
          columnDefs={columns}
          defaultColDef={{ sortable: true, resizable: true, filter: true }}
          getRowId={getRowId}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, selectAll: 'filtered', enableClickSelection: false }}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          overlayNoRowsTemplate="<span>还没有报名人员：点击“选择人员报名”或导入签到表</span>"
          onGridReady={(e) => (api.current = e.api)}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
          onCellValueChanged={onCellValueChanged}
        />
      </div>
      {picking && <RosterPicker orgId={scope.orgId} onClose={() => setPicking(false)} onPick={(ids) => void enrol(ids)} />}
    </>
  );
}
