import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, GridApi, ModelUpdatedEvent, SelectionChangedEvent } from 'ag-grid-community';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { PersonListRow, PersonRecord } from '../../../../core/roster/contract.ts';
import { PERSON_STATUSES } from '../../../../core/codes/tables.ts';
import { call, errorText } from '../../api/client.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { clearColumnState, restoreColumnState, saveColumnState } from '../../grid/columnState.ts';
import { ColumnMenu } from '../../grid/ColumnMenu.tsx';
import { useDebounced } from '../../useDebounced.ts';
import { COLUMN_LABELS, ROSTER_COLUMNS } from './columns.tsx';
import { OrgTreePanel } from './OrgTreePanel.tsx';
import { OrgUnitDialog } from './OrgUnitDialog.tsx';
import { PersonFormDialog } from './PersonFormDialog.tsx';
import { RetireDialog } from './RetireDialog.tsx';
import { Toast } from '../../components/Toast.tsx';
import { emptyForm, formFromRecord, type PersonForm } from './personFormModel.ts';
import { defaultOrgFor } from './orgTree.ts';
import { RosterIoButtons } from '../roster-import/RosterIoButtons.tsx';
import { BLOCK_ROWS, KEPT_BLOCKS, rosterSource } from './rosterSource.ts';
import { ROSTER_PAGE_KEY, takeOrgTree } from './firstBlock.ts';
import { mayCall, unitsInScope } from '../../access.ts';
import { Can } from '../../components/RoleGate.tsx';
import { Toolbar } from '../../components/Toolbar.tsx';

const PAGE_KEY = ROSTER_PAGE_KEY;
const STATUS_OPTIONS = [...PERSON_STATUSES, 'all'] as const;
type StatusFilter = (typeof STATUS_OPTIONS)[number];

// Stable objects: a new defaultColDef on each render would make the grid rebuild its columns.
const DEFAULT_COL: ColDef<PersonListRow> = { sortable: true, resizable: true, filter: true, minWidth: 50 };
const ROW_SELECTION = { mode: 'singleRow', checkboxes: false, enableClickSelection: true } as const;

type Editing = { personId: string | null; initial: PersonForm } | null;

export { askEarly } from './firstBlock.ts';

export function RosterPage() {
  const [orgs, setOrgs] = useState<OrgUnit[] | null>(null);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('在岗');
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 300);
  const [total, setTotal] = useState<number | null>(null);
  const [asOf, setAsOf] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<PersonListRow | null>(null);
  const selectedRef = useRef<string | null>(null);
  const [gridApi, setGridApi] = useState<GridApi<PersonListRow> | null>(null);
  const apiRef = useRef<GridApi<PersonListRow> | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [retiring, setRetiring] = useState<PersonListRow | null>(null);
  const [newUnitParent, setNewUnitParent] = useState<OrgUnit | null | undefined>(undefined);
  const [editUnit, setEditUnit] = useState<OrgUnit | null>(null);
  const [opening, setOpening] = useState(false);
  const [retired, setRetired] = useState<PersonRecord | null>(null);

  const loadOrgs = useCallback(async (first = false) => {
    try {
      // On opening, the tree asked for as the page was entered (firstBlock.ts), if there is one.
      setOrgs(await ((first && takeOrgTree()) || call('org.tree', {})));
    } catch (e) {
      setError(errorText(e));
      setOrgs([]);
    }
  }, []);
  useEffect(() => void loadOrgs(true), [loadOrgs]);

  // A new source whenever the toolbar's filter changes or after a save; the grid then starts
  // again from the first block. Sort and column filters are the grid's own and reach getRows.
  const datasource = useMemo(
    () =>
      rosterSource(
        { orgId, status, ...(query ? { query } : {}) },
        {
          api: () => apiRef.current,
          onPage: (r) => {
            setTotal(r.total);
            setAsOf(r.asOf);
            setError(null);
          },
          onError: (e) => setError(errorText(e)),
        },
    ),
    [orgId, status, query, reload],
  );
  useEffect(() => setTotal(null), [datasource]);

  const select = (row: PersonListRow | null) => {
    selectedRef.current = row?.id ?? null;
    setSelected(row);
  };

  const onSelectionChanged = (e: SelectionChangedEvent<PersonListRow>) => {
    // Our own re-selection after a reload is not the user's choice.
    if (e.source === 'api') return;
    select(e.api.getSelectedRows()[0] ?? null);
  };
  const onModelUpdated = (e: ModelUpdatedEvent<PersonListRow>) => {
    const id = selectedRef.current;
    if (!id) return;
    // Rows arrive block by block: re-select the chosen person once their row is loaded again.
    const node = e.api.getRowNode(id);
    if (node?.data) {
      if (!node.isSelected()) node.setSelected(true, true, 'api');
      setSelected(node.data);
    }
  };
  const onCellKeyDown = (e: CellKeyDownEvent<PersonListRow>) => {
    // Enter on a row opens it, as a double click does.
    if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && mayCall('roster.update')) void openEdit(e.data);
  };

  async function openEdit(p: PersonListRow) {
    setOpening(true);
    try {
      const full = await call('roster.get', { id: p.id });
      setEditing({ personId: p.id, initial: formFromRecord(full) });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setOpening(false);
    }
  }

  const afterSave = (p: PersonRecord) => {
    setEditing(null);
    setRetiring(null);
    select({ ...p, idNumberMasked: null });
    setReload((n) => n + 1);
  };

  // After a retire the person leaves the 在岗 list; the toast says so and offers to take it back.
  const afterRetire = (p: PersonRecord) => {
    afterSave(p);
    setRetired(p);
  };
  const closeToast = useCallback(() => setRetired(null), []);
  async function undoRetire(p: PersonRecord) {
    try {
      afterSave(await call('roster.undoRetire', { id: p.id }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  const restoring = useRef(false);
  const saveLayout = (e: { api: GridApi; finished?: boolean; source?: string }) => {
    // Only the user's changes count: not the grid setting itself up, nor our own restore.
    if (restoring.current || e.finished === false || e.source === 'gridInitializing' || e.source === 'gridOptionsChanged') return;
    saveColumnState(PAGE_KEY, e.api);
  };
  // A newly shown column needs its fields: fetch the loaded blocks again with the new projection.
  const onColumnVisible = (e: { api: GridApi; finished?: boolean; source?: string }) => {
    saveLayout(e);
    if (!restoring.current) e.api.refreshInfiniteCache();
  };

  const noUnits = orgs !== null && orgs.length === 0;

  return (
    <section className="page roster">
      <OrgTreePanel units={unitsInScope(orgs ?? [])} selectedId={orgId} onSelect={setOrgId} onCreateChild={(p) => setNewUnitParent(p)} onEdit={setEditUnit} />
      <div className="roster-main">
        <Toolbar
          label="花名册操作"
          more={
            <>
              <RosterIoButtons orgs={orgs ?? []} orgId={orgId} status={status} query={query} onImported={() => setReload((n) => n + 1)} onError={setError} />
              <ColumnMenu api={gridApi} columns={COLUMN_LABELS} onReset={() => gridApi && clearColumnState(PAGE_KEY, gridApi)} />
            </>
          }
        >
          <h1>花名册</h1>
          <div className="segmented" role="radiogroup" aria-label="状态">
            {STATUS_OPTIONS.map((s) => (
              <button key={s} type="button" role="radio" aria-checked={status === s} className={status === s ? 'on' : undefined} onClick={() => setStatus(s)}>
                {s === 'all' ? '全部' : s}
              </button>
            ))}
          </div>
          <input
            type="search"
            className="search"
            placeholder="搜索姓名、身份证号、电话"
            aria-label="搜索姓名、身份证号、电话"
            value={search}
            maxLength={50}
            onChange={(e) => setSearch(e.target.value)}
          />
          <span className="spacer" />
          <Can op="roster.create" note="新增、修改和导入">
            <button type="button" className="primary" disabled={noUnits || orgs === null} onClick={() => setEditing({ personId: null, initial: emptyForm(defaultOrgFor(orgs ?? [], orgId)) })}>
              ＋ 新增人员
            </button>
          </Can>
          <Can op="roster.update">
            <button type="button" disabled={!selected || opening} onClick={() => selected && void openEdit(selected)}>
              修改
            </button>
          </Can>
          <Can op="roster.retire">
            <button type="button" disabled={!selected || selected.status !== '在岗'} onClick={() => setRetiring(selected)}>
              离岗办理
            </button>
          </Can>
        </Toolbar>
        {error && (
          <div className="form-banner" role="alert">
            {error}
          </div>
        )}
        {noUnits ? (
          <div className="empty-guide">
            <h2>欢迎使用基层党建台账</h2>
            <p>还没有建立组织单位。请先建立县（区），再在其下建立街道（乡镇）和社区，之后即可录入人员。</p>
            <Can op="org.create" note="建立组织单位">
              <button type="button" className="primary" onClick={() => setNewUnitParent(null)}>
                新建县（区）
              </button>
            </Can>
          </div>
        ) : (
          <div className="grid-host">
            <AgGridReact<PersonListRow>
              theme={gridTheme}
              localeText={GRID_LOCALE}
              rowModelType="infinite"
              datasource={datasource}
              cacheBlockSize={BLOCK_ROWS}
              maxBlocksInCache={KEPT_BLOCKS}
              columnDefs={ROSTER_COLUMNS}
              defaultColDef={DEFAULT_COL}
              getRowId={getRowId}
              rowSelection={ROW_SELECTION}
              tooltipShowDelay={400}
              suppressColumnVirtualisation
              overlayNoRowsTemplate="<span>没有符合条件的人员</span>"
              onGridReady={(e) => {
                restoring.current = true;
                restoreColumnState(PAGE_KEY, e.api);
                restoring.current = false;
                apiRef.current = e.api;
                setGridApi(e.api);
              }}
              onSelectionChanged={onSelectionChanged}
              onModelUpdated={onModelUpdated}
              onCellKeyDown={onCellKeyDown}
              // Only a role that may change a person opens the form; others would end on a refused save.
              onRowDoubleClicked={(e) => e.data && mayCall('roster.update') && void openEdit(e.data)}
              onColumnMoved={saveLayout}
              onColumnResized={saveLayout}
              onSortChanged={saveLayout}
              onColumnVisible={onColumnVisible}
              onColumnPinned={saveLayout}
            />
          </div>
        )}
        <div className="statusbar" aria-live="polite">
          {total === null ? '正在加载…' : `共 ${total} 人`}
          {asOf && <span className="muted">年龄与工作年限按 {asOf} 计算</span>}
          {selected && <span>已选中：{selected.name}</span>}
        </div>
      </div>
      {editing && (
        <PersonFormDialog personId={editing.personId} initial={editing.initial} orgs={orgs ?? []} onSaved={afterSave} onClose={() => setEditing(null)} />
      )}
      {retiring && <RetireDialog person={retiring} onSaved={afterRetire} onClose={() => setRetiring(null)} />}
      {retired && (
        <Toast
          key={retired.id}
          message={`已将 ${retired.name} 办理${retired.status}`}
          actions={[
            { label: '撤销', onClick: () => void undoRetire(retired) },
            { label: `查看${retired.status}人员`, onClick: () => setStatus(retired.status) },
          ]}
          onClose={closeToast}
        />
      )}
      {newUnitParent !== undefined && (
        <OrgUnitDialog
          parent={newUnitParent}
          onClose={() => setNewUnitParent(undefined)}
          onSaved={(u) => {
            setNewUnitParent(undefined);
            setOrgId(u.id);
            void loadOrgs();
          }}
        />
      )}
      {editUnit && (
        <OrgUnitDialog
          parent={null}
          editing={editUnit}
          onClose={() => setEditUnit(null)}
          onSaved={() => {
            setEditUnit(null);
            void loadOrgs();
          }}
        />
      )}
    </section>
  );
}
