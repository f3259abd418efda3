import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellFocusedEvent, ColDef, ColGroupDef, GridApi, ValueParserParams } from 'ag-grid-community';
import type { SheetRow } from '../../../../core/assessment/contract.ts';
import type { SheetSummary } from '../../../../core/assessment/contract-sheet-page.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';
import { NotesEditor } from './NotesEditor.tsx';
import { useDirty, useSavedNote } from '../../components/useDirty.ts';
import { Can } from '../../components/RoleGate.tsx';
import { mayCall } from '../../access.ts';
import { BLOCK_ROWS, KEPT_BLOCKS, sheetSource } from './sheetSource.ts';

interface Props {
  summary: SheetSummary;
  onSaved: () => Promise<void>;
}

type Row = SheetRow;
type Drafts = Map<string, Record<string, number | null>>;

const countDrafts = (drafts: Drafts) => [...drafts.values()].reduce((n, d) => n + Object.keys(d).length, 0);

// Only what assessment.sheetPage filters on the server; one condition per column.
const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'startsWith'], maxNumConditions: 1 };
const NUMBER_FILTER = { filterOptions: ['equals', 'lessThan', 'greaterThan', 'inRange'], maxNumConditions: 1 };
const numberFilter = { filter: 'agNumberColumnFilter', filterParams: NUMBER_FILTER } as const;

// A spreadsheet: type a number to start editing, Enter commits and moves down, Tab moves
// right. Edits collect locally and go in one batch (保存 or Ctrl+S), checked in core.
// The rows come block by block from the server (sorted and filtered there); typed scores
// live in `drafts`, so a block dropped from the grid's cache or re-read after a sort keeps them.
export function ScoreGrid({ summary: sheet, onSaved }: Props) {
  const locked = sheet.cycle.status === 'locked';
  // Only a role that may save scores may type them: anything else would be unsaved work that
  // the leave question's 保存 could never store.
  const canEdit = !locked && mayCall('assessment.saveScores');
  // Typed scores live here, keyed by entryId, not on the rows: a refreshed sheet (after saving
  // notes, a scheme, a new cycle in the list) brings new rows and must not drop them. Only
  // another cycle starts afresh (leaving this one already asked 保存 / 放弃 / 取消).
  const drafts = useRef<Drafts>(new Map());
  const draftCycle = useRef(sheet.cycle.id);
  if (draftCycle.current !== sheet.cycle.id) {
    draftCycle.current = sheet.cycle.id;
    drafts.current.clear();
  }
  const [dirty, setDirty] = useState(() => countDrafts(drafts.current));
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<SheetRow | null>(null);
  const gridApi = useRef<GridApi<Row> | null>(null);
  const notesLeave = useRef<(() => Promise<boolean>) | null>(null);
  const [saved, markSaved, clearSaved] = useSavedNote();
  const [stale, setStale] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => setDirty(countDrafts(drafts.current)), [sheet]);
  // Answers for a cycle the user has just left must not set this view's error.
  const leafList = sheet.leaves.map((l) => l.key).join(',');
  const leafKeys = useMemo(() => new Set(leafList.split(',')), [leafList]);
  const current = useRef<unknown>(null);
  const datasource = useMemo(() => {
    const ds = sheetSource(sheet.cycle.id, leafKeys, {
      onPage: () => current.current === ds && setLoadError(null),
      onError: (e) => current.current === ds && setLoadError(errorText(e)),
    });
    return ds;
    // A new summary of the same cycle (after a save) re-reads the blocks below, not a new source.
  }, [sheet.cycle.id, leafKeys]);
  useEffect(() => {
    current.current = datasource;
    setLoadError(null);
  }, [datasource]);
  // Every new summary (a save here, notes, a scheme) means the rows may have changed: re-read
  // the blocks the grid holds. The first summary of a cycle is read by the new source itself.
  const shownSummary = useRef(sheet);
  useEffect(() => {
    if (shownSummary.current === sheet) return;
    const sameCycle = shownSummary.current.cycle.id === sheet.cycle.id;
    shownSummary.current = sheet;
    if (sameCycle) gridApi.current?.refreshInfiniteCache();
  }, [sheet]);
  useEffect(() => setSelected(null), [sheet.cycle.id]);
  const draftOf = (d: Row | undefined) => (d ? drafts.current.get(d.entryId) : undefined);

  const columns = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    const comps = sheet.scheme.config.components;
    const cols: (ColDef<Row> | ColGroupDef<Row>)[] = [
      { headerName: '姓名', field: 'name', colId: 'name', pinned: 'left', width: 96, editable: false, filter: 'agTextColumnFilter', filterParams: TEXT_FILTER },
      { headerName: '单位', field: 'orgName', colId: 'orgName', width: 110, editable: false, filter: 'agTextColumnFilter', filterParams: TEXT_FILTER },
      { headerName: '状态', field: 'status', colId: 'status', width: 80, editable: false, filter: 'agTextColumnFilter', filterParams: TEXT_FILTER },
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
            ...numberFilter,
            editable: (p) => canEdit && !!p.data && !p.data.autoKeys.includes(l.key),
            valueGetter: (p) => {
              const d = draftOf(p.data);
              return p.data ? ((d && l.key in d ? d[l.key] : p.data.scores[l.key]) ?? null) : null;
            },
            valueSetter: (p) => {
              const d = drafts.current.get(p.data.entryId) ?? {};
              drafts.current.set(p.data.entryId, d);
              d[l.key] = p.newValue as number | null;
              return true;
            },
            valueParser: (p: ValueParserParams<Row>) => {
              const s = String(p.newValue ?? '').trim();
              return s === '' ? null : Number(s);
            },
            cellClass: (p) => (p.data?.autoKeys.includes(l.key) ? 'auto-cell' : l.key in (draftOf(p.data) ?? {}) ? 'dirty-cell' : openAuto(p.data, p.value) ? 'open-auto-cell' : undefined),
            // A training cell with no applicable hours rule (a new hire, say) is not computed:
            // say in the cell that it waits for a typed score instead of leaving it blank.
            valueFormatter: (p) => (openAuto(p.data, p.value) ? '待录入' : p.value === null || p.value === undefined ? '' : String(p.value)),
            tooltipValueGetter: (p) => (openAuto(p.data, p.value) ? '该人员没有适用的培训学时要求（如新入职），学时无法自动计算：请直接输入得分' : undefined),
            headerTooltip: l.auto ? '由培训模块的年度学时自动计算（达标得满分）' : undefined,
          };
          }),
          { headerName: '得分', colId: `c_${comp.key}`, width: 80, editable: false, ...numberFilter, valueGetter: (p: { data: Row | undefined }) => p.data?.components[comp.key] ?? null },
        ],
      });
    }
    cols.push({ headerName: '总分', field: 'total', colId: 'total', width: 80, editable: false, pinned: 'right', ...numberFilter });
    cols.push({ headerName: '排名', field: 'rank', colId: 'rank', width: 64, editable: false, pinned: 'right', ...numberFilter });
    return cols;
  }, [sheet, canEdit]);

  const onCellValueChanged = () => {
    clearSaved();
    setDirty(countDrafts(drafts.current));
  };

  const save = async (): Promise<boolean> => {
    const changed = [...drafts.current].filter(([, d]) => Object.keys(d).length);
    if (!changed.length) return true;
    // What is sent now; a score typed while the call runs stays as a draft.
    const sent = changed.map(([entryId, d]) => ({ entryId, scores: { ...d } }));
    const count = countDrafts(drafts.current);
    try {
      const r = await call('assessment.saveScores', { cycleId: sheet.cycle.id, rows: sent });
      setError(null);
      setStale(r.clearedGrades.length ? `${r.clearedGrades.join('、')}的拟定等次随分数改变，原定的最终等次已清除，请在“结果与等次”中重新确定。` : null);
      for (const { entryId, scores } of sent) {
        const d = drafts.current.get(entryId);
        if (!d) continue;
        for (const [k, v] of Object.entries(scores)) if (Object.is(d[k], v)) delete d[k];
        if (!Object.keys(d).length) drafts.current.delete(entryId);
      }
      setDirty(countDrafts(drafts.current));
      markSaved(count);
      await onSaved();
      return true;
    } catch (e) {
      setError(e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
      return false;
    }
  };
  const discard = () => {
    drafts.current.clear();
    setDirty(0);
    gridApi.current?.refreshCells({ force: true });
  };
  useDirty(dirty, { label: `打分：${dirty} 处修改`, save, discard });

  // Another person's notes: the notes editor asks first when it holds typed text. The row comes
  // from the grid's display order (rowIndex is the position after sorting, not in sheet.rows).
  const onCellFocused = (e: CellFocusedEvent<Row>) => {
    const row = e.rowIndex === null || e.rowIndex === undefined ? null : (e.api.getDisplayedRowAtIndex(e.rowIndex)?.data ?? null);
    if (!row || row.entryId === selected?.entryId) return;
    void (notesLeave.current?.() ?? Promise.resolve(true)).then((ok) => ok && setSelected(row));
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
          {sheet.trainingSource === 'training' && ' 培训学时指标由培训模块自动计算；标“待录入”的格没有适用的学时要求，可直接输入得分。'}
        </span>
        <span className="spacer" />
        {saved && <span className="saved-note" role="status">{saved}</span>}
        <Can op="assessment.saveScores" note="评分录入">
        <button type="button" className="primary" disabled={!canEdit || dirty === 0} onClick={() => void save()}>
          保存{dirty ? `（${dirty} 处修改）` : ''}
        </button>
        </Can>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {loadError && <div className="form-banner" role="alert">{loadError}</div>}
      {stale && <div className="form-banner tie" role="status">{stale}</div>}
      <div className="grid-host">
        <AgGridReact<Row>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          overlayNoRowsTemplate={emptyGrid('本周期还没有考核对象')}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_ROWS}
          maxBlocksInCache={KEPT_BLOCKS}
          columnDefs={columns}
          defaultColDef={{ sortable: true }}
          getRowId={(p) => p.data.entryId}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          onGridReady={(e) => (gridApi.current = e.api)}
          onCellValueChanged={onCellValueChanged}
          onCellFocused={onCellFocused}
        />
      </div>
      {selected && <NotesEditor key={selected.entryId} row={selected} locked={locked} onSaved={onSaved} leaveRef={notesLeave} />}
    </div>
  );
}
