import { useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellValueChangedEvent, ColDef, ColGroupDef, ValueParserParams } from 'ag-grid-community';
import type { Sheet, SheetRow } from '../../../../core/assessment/contract.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';
import { NotesEditor } from './NotesEditor.tsx';
import { Can } from '../../components/RoleGate.tsx';

interface Props {
  sheet: Sheet;
  onSaved: () => Promise<void>;
}

type Row = SheetRow & { draft: Record<string, number | null> };

// A spreadsheet: type a number to start editing, Enter commits and moves down, Tab moves
// right. Edits collect locally and go in one batch (保存 or Ctrl+S), checked in core.
export function ScoreGrid({ sheet, onSaved }: Props) {
  const locked = sheet.cycle.status === 'locked';
  const rows = useMemo<Row[]>(() => sheet.rows.map((r) => ({ ...r, draft: {} })), [sheet]);
  const [dirty, setDirty] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<SheetRow | null>(null);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const columns = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    const comps = sheet.scheme.config.components;
    const cols: (ColDef<Row> | ColGroupDef<Row>)[] = [
      { headerName: '姓名', field: 'name', pinned: 'left', width: 96, editable: false },
      { headerName: '单位', field: 'orgName', width: 110, editable: false },
      { headerName: '状态', field: 'status', width: 80, editable: false },
    ];
    for (const comp of comps) {
      const leaves = sheet.leaves.filter((l) => l.componentKey === comp.key);
      cols.push({
        headerName: `${comp.name}（${comp.weight}%）`,
        children: [
          ...leaves.map((l): ColDef<Row> => ({
            headerName: `${l.name}（${l.maxPoints}）`,
            colId: l.key,
            width: 92,
            type: 'numericColumn',
            editable: (p) => !locked && !!p.data && !p.data.autoKeys.includes(l.key),
            valueGetter: (p) => (p.data ? (l.key in p.data.draft ? p.data.draft[l.key] : p.data.scores[l.key]) ?? null : null),
            valueSetter: (p) => {
              p.data.draft[l.key] = p.newValue as number | null;
              return true;
            },
            valueParser: (p: ValueParserParams<Row>) => {
              const s = String(p.newValue ?? '').trim();
              return s === '' ? null : Number(s);
            },
            cellClass: (p) => (p.data?.autoKeys.includes(l.key) ? 'auto-cell' : p.data && l.key in p.data.draft ? 'dirty-cell' : undefined),
            headerTooltip: l.auto ? '由培训模块的年度学时自动计算（达标得满分）' : undefined,
          })),
          { headerName: '得分', colId: `c_${comp.key}`, width: 80, editable: false, valueGetter: (p: { data: Row | undefined }) => p.data?.components[comp.key] ?? null },
        ],
      });
    }
    cols.push({ headerName: '总分', field: 'total', width: 80, editable: false, pinned: 'right' });
    cols.push({ headerName: '排名', field: 'rank', width: 64, editable: false, pinned: 'right' });
    return cols;
  }, [sheet, locked]);

  const onCellValueChanged = (_e: CellValueChangedEvent<Row>) => setDirty(rowsRef.current.reduce((n, r) => n + Object.keys(r.draft).length, 0));

  const save = async () => {
    const changed = rowsRef.current.filter((r) => Object.keys(r.draft).length);
    if (!changed.length) return;
    try {
      await call('assessment.saveScores', { cycleId: sheet.cycle.id, rows: changed.map((r) => ({ entryId: r.entryId, scores: r.draft })) });
      setError(null);
      setDirty(0);
      await onSaved();
    } catch (e) {
      setError(e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
    }
  };

  return (
    <div
      className="score-grid"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key === 's') {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div className="toolbar">
        <span className="muted small-text">
          {locked ? '周期已锁定，只读。' : '输入数字开始编辑，Enter 确认并下移，Tab 右移，Delete 清空；Ctrl+S 保存。'}
          {sheet.trainingSource === 'training' && ' 培训学时指标由培训模块自动计算。'}
        </span>
        <span className="spacer" />
        <Can op="assessment.saveScores" note="评分录入">
        <button type="button" className="primary" disabled={locked || dirty === 0} onClick={() => void save()}>
          保存{dirty ? `（${dirty} 处修改）` : ''}
        </button>
        </Can>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="grid-host">
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          overlayNoRowsTemplate={emptyGrid('本周期还没有考核对象')}
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => p.data.entryId}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          onCellValueChanged={onCellValueChanged}
          onCellFocused={(e) => setSelected(e.rowIndex === null || e.rowIndex === undefined ? null : (rows[e.rowIndex] ?? null))}
        />
      </div>
      {selected && <NotesEditor key={selected.entryId} row={selected} locked={locked} onSaved={onSaved} />}
    </div>
  );
}
