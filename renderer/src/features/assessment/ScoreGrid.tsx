import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellValueChangedEvent, ColDef, ColGroupDef, ValueParserParams } from 'ag-grid-community';
import type { Sheet, SheetRow } from '../../../../core/assessment/contract.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';
import { NotesEditor } from './NotesEditor.tsx';
import { useDirty, useSavedNote } from '../../components/useDirty.ts';
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
  const [saved, markSaved, clearSaved] = useSavedNote();
  const [stale, setStale] = useState<string | null>(null);
  // A new sheet (another cycle, or the one just saved) brings fresh rows without drafts.
  useEffect(() => setDirty(0), [rows]);

  const columns = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    const comps = sheet.scheme.config.components;
    const cols: (ColDef<Row> | ColGroupDef<Row>)[] = [
      { headerName: '姓名', field: 'name', pinned: 'left', width: 96, editable: false },
      { headerName: '单位', field: 'orgName', width: 110, editable: false },
      { headerName: '状态', field: 'status', width: 80, editable: false },
    ];
    const autoLeaves = new Set(sheet.leaves.filter((l) => l.auto).map((l) => l.key));
    for (const comp of comps) {
      const leaves = sheet.leaves.filter((l) => l.componentKey === comp.key);
      cols.push({
        headerName: `${comp.name}（${comp.weight}%）`,
        children: [
          ...leaves.map((l): ColDef<Row> => {
            const openAuto = (d: Row | undefined, v: unknown) => !locked && autoLeaves.has(l.key) && !!d && !d.autoKeys.includes(l.key) && (v === null || v === undefined);
            return {
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
            cellClass: (p) => (p.data?.autoKeys.includes(l.key) ? 'auto-cell' : p.data && l.key in p.data.draft ? 'dirty-cell' : openAuto(p.data, p.value) ? 'open-auto-cell' : undefined),
            // A training cell with no applicable hours rule (a new hire, say) is not computed:
            // say in the cell that it waits for a typed score instead of leaving it blank.
            valueFormatter: (p) => (openAuto(p.data, p.value) ? '待录入' : p.value === null || p.value === undefined ? '' : String(p.value)),
            tooltipValueGetter: (p) => (openAuto(p.data, p.value) ? '该人员没有适用的培训学时要求（如新入职），学时无法自动计算：请直接输入得分' : undefined),
            headerTooltip: l.auto ? '由培训模块的年度学时自动计算（达标得满分）' : undefined,
          };
          }),
          { headerName: '得分', colId: `c_${comp.key}`, width: 80, editable: false, valueGetter: (p: { data: Row | undefined }) => p.data?.components[comp.key] ?? null },
        ],
      });
    }
    cols.push({ headerName: '总分', field: 'total', width: 80, editable: false, pinned: 'right' });
    cols.push({ headerName: '排名', field: 'rank', width: 64, editable: false, pinned: 'right' });
    return cols;
  }, [sheet, locked]);

  const onCellValueChanged = (_e: CellValueChangedEvent<Row>) => {
    clearSaved();
    setDirty(rowsRef.current.reduce((n, r) => n + Object.keys(r.draft).length, 0));
  };

  const save = async (): Promise<boolean> => {
    const changed = rowsRef.current.filter((r) => Object.keys(r.draft).length);
    if (!changed.length) return true;
    const count = changed.reduce((n, r) => n + Object.keys(r.draft).length, 0);
    try {
      const r = await call('assessment.saveScores', { cycleId: sheet.cycle.id, rows: changed.map((r) => ({ entryId: r.entryId, scores: r.draft })) });
      setError(null);
      setStale(r.clearedGrades.length ? `${r.clearedGrades.join('、')}的拟定等次随分数改变，原定的最终等次已清除，请在“结果与等次”中重新确定。` : null);
      setDirty(0);
      for (const r of changed) r.draft = {};
      markSaved(count);
      await onSaved();
      return true;
    } catch (e) {
      setError(e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
      return false;
    }
  };
  useDirty(dirty, { label: `打分：${dirty} 处修改`, save, discard: () => setDirty(0) });

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
          {sheet.trainingSource === 'training' && ' 培训学时指标由培训模块自动计算；标“待录入”的格没有适用的学时要求，可直接输入得分。'}
        </span>
        <span className="spacer" />
        {saved && <span className="saved-note" role="status">{saved}</span>}
        <Can op="assessment.saveScores" note="评分录入">
        <button type="button" className="primary" disabled={locked || dirty === 0} onClick={() => void save()}>
          保存{dirty ? `（${dirty} 处修改）` : ''}
        </button>
        </Can>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {stale && <div className="form-banner tie" role="status">{stale}</div>}
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
