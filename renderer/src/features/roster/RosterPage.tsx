import { useCallback, useEffect, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { GridApi, RowDataUpdatedEvent, SelectionChangedEvent } from 'ag-grid-community';
import type { OrgUnit } from '../../../../core/org/contract.ts';
import type { PersonRecord, PersonSummary } from '../../../../core/roster/contract.ts';
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
import { emptyForm, formFromRecord, type PersonForm } from './personFormModel.ts';
import { defaultOrgFor } from './orgTree.ts';
import { RosterIoButtons } from '../roster-import/RosterIoButtons.tsx';
import { mayCall, unitsInScope } from '../../access.ts';
import { Can } from '../../components/RoleGate.tsx';
import { Toolbar } from '../../components/Toolbar.tsx';

const PAGE_KEY = 'roster';
const STATUS_OPTIONS = [...PERSON_STATUSES, 'all'] as const;
type StatusFilter = (typeof STATUS_OPTIONS)[number];

type Editing = { personId: string | null; initial: PersonForm } | null;

export function RosterPage() {
  const [orgs, setOrgs] = useState<OrgUnit[] | null>(null);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusFilter>('在岗');
  const [search, setSearch] = useState('');
  const query = useDebounced(search.trim(), 300);
  const [rows, setRows] = useState<PersonSummary[]>([]);
  const [asOf, setAsOf] = useState('');
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selectedRef = useRef<string | null>(null);
  const [gridApi, setGridApi] = useState<GridApi<PersonSummary> | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [retiring, setRetiring] = useState<PersonSummary | null>(null);
  const [newUnitParent, setNewUnitParent] = useState<OrgUnit | null | undefined>(undefined);
  const [opening, setOpening] = useState(false);

  const loadOrgs = useCallback(async () => {
    try {
      setOrgs(await call('org.tree', {}));
    } catch (e) {
      setError(errorText(e));
      setOrgs([]);
    }
  }, []);
  useEffect(() => void loadOrgs(), [loadOrgs]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    call('roster.list', { orgId, status, ...(query ? { query } : {}) })
      .then((r) => {
        if (!live) return;
        setRows(r.rows);
        setAsOf(r.asOf);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [orgId, status, query, reload]);

  const select = (id: string | null) => {
    selectedRef.current = id;
    setSelectedId(id);
  };
  const selected = rows.find((r) => r.id === selectedId) ?? null;

  const onSelectionChanged = (e: SelectionChangedEvent<PersonSummary>) => {
    // Replacing rowData deselects vanished rows; onRowDataUpdated decides what stays selected.
    if (e.source === 'rowDataChanged') return;
    select(e.api.getSelectedRows()[0]?.id ?? null);
  };
  const onRowDataUpdated = (e: RowDataUpdatedEvent<PersonSummary>) => {
    const node = selectedRef.current ? e.api.getRowNode(selectedRef.current) : undefined;
    if (node) {
      node.setSelected(true, true);
      e.api.ensureNodeVisible(node);
    } else {
      e.api.deselectAll();
      select(null);
    }
  };

  async function openEdit(p: PersonSummary) {
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
    select(p.id);
    setReload((n) => n + 1);
  };

  const restoring = useRef(false);
  const saveLayout = (e: { api: GridApi; finished?: boolean; source?: string }) => {
    // Only the user's changes count: not the grid setting itself up, nor our own restore.
    if (restoring.current || e.finished === false || e.source === 'gridInitializing' || e.source === 'gridOptionsChanged') return;
    saveColumnState(PAGE_KEY, e.api);
  };

  const noUnits = orgs !== null && orgs.length === 0;

  return (
    <section className="page roster">
      <OrgTreePanel units={unitsInScope(orgs ?? [])} selectedId={orgId} onSelect={setOrgId} onCreateChild={(p) => setNewUnitParent(p)} />
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
            <AgGridReact<PersonSummary>
              theme={gridTheme}
              localeText={GRID_LOCALE}
              rowData={rows}
              columnDefs={ROSTER_COLUMNS}
              defaultColDef={{ sortable: true, resizable: true, filter: true, minWidth: 60 }}
              getRowId={getRowId}
              loading={loading}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              pagination
              paginationPageSize={100}
              paginationPageSizeSelector={[50, 100, 500]}
              tooltipShowDelay={400}
              suppressColumnVirtualisation
              overlayNoRowsTemplate="<span>没有符合条件的人员</span>"
              onGridReady={(e) => {
                restoring.current = true;
                restoreColumnState(PAGE_KEY, e.api);
                restoring.current = false;
                setGridApi(e.api);
              }}
              onSelectionChanged={onSelectionChanged}
              onRowDataUpdated={onRowDataUpdated}
              // Only a role that may change a person opens the form; others would end on a refused save.
              onRowDoubleClicked={(e) => e.data && mayCall('roster.update') && void openEdit(e.data)}
              onColumnMoved={saveLayout}
              onColumnResized={saveLayout}
              onSortChanged={saveLayout}
              onColumnVisible={saveLayout}
              onColumnPinned={saveLayout}
            />
          </div>
        )}
        <div className="statusbar" aria-live="polite">
          {loading ? '正在加载…' : `共 ${rows.length} 人`}
          {asOf && <span className="muted">年龄与工作年限按 {asOf} 计算</span>}
          {selected && <span>已选中：{selected.name}</span>}
        </div>
      </div>
      {editing && (
        <PersonFormDialog personId={editing.personId} initial={editing.initial} orgs={orgs ?? []} onSaved={afterSave} onClose={() => setEditing(null)} />
      )}
      {retiring && <RetireDialog person={retiring} onSaved={afterSave} onClose={() => setRetiring(null)} />}
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
    </section>
  );
}
