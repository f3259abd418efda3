import { useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, ValueParserParams } from 'ag-grid-community';
import type { SessionRow } from '../../../../core/assessment/contract-sheet-page.ts';
import { errorText } from '../../api/client.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';
import { BLOCK_ROWS, KEPT_BLOCKS } from './sheetSource.ts';
import { sessionSource } from './sessionSource.ts';

/** Typed tallies by entryId: the person's whole counts for this session as typed over the stored ones. */
export type TallyDrafts = Map<string, Record<string, number>>;

interface Props {
  cycleId: string;
  sessionId: string | null;
  options: string[];
  valid: number;
  readOnly: boolean;
  drafts: MutableRefObject<TallyDrafts>;
  onDraft: () => void;
  /** Set to the grid's api, so the form can re-read the blocks after a save. */
  apiRef: MutableRefObject<GridApi<SessionRow> | null>;
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const TEXT_FILTER = { filter: 'agTextColumnFilter', filterParams: { filterOptions: ['contains', 'equals', 'startsWith'], maxNumConditions: 1 } } as const;
const NUMBER_FILTER = { filter: 'agNumberColumnFilter', filterParams: { filterOptions: ['equals', 'lessThan', 'greaterThan', 'inRange'], maxNumConditions: 1 } } as const;

// The per-person tally table of one session, block by block from the server. Typed counts live
// in `drafts` (kept by the form), never on the rows: a block dropped from the grid's cache or
// re-read after a sort shows them again over the stored counts.
export function TallyGrid({ cycleId, sessionId, options, valid, readOnly, drafts, onDraft, apiRef }: Props) {
  const [loadError, setLoadError] = useState<string | null>(null);
  const current = useRef<unknown>(null);
  const datasource = useMemo(() => {
    const ds = sessionSource(cycleId, sessionId, {
      onPage: () => current.current === ds && setLoadError(null),
      onError: (e) => current.current === ds && setLoadError(errorText(e)),
    });
    return ds;
  }, [cycleId, sessionId]);
  useEffect(() => {
    current.current = datasource;
    setLoadError(null);
  }, [datasource]);
  const countsOf = (d: SessionRow | undefined) => (d ? (drafts.current.get(d.entryId) ?? d.counts) : {});
  const sumOf = (d: SessionRow | undefined) => Object.values(countsOf(d)).reduce((a, b) => a + b, 0);
  // A row whose counts add up to more than the header's 有效票 (as typed) is marked; a new rule
  // object on a new 有效票 makes the grid re-apply it to every shown row.
  const rowClassRules = useMemo(() => ({ over: (p: { data?: SessionRow }) => !!p.data && sumOf(p.data) > valid }), [valid]);
  const optionList = options.join('\u0000');
  const columns = useMemo<ColDef<SessionRow>[]>(() => {
    const opts = optionList.split('\u0000');
    return [
      { headerName: '姓名', field: 'name', colId: 'name', pinned: 'left', width: 96, ...TEXT_FILTER },
      { headerName: '单位', field: 'orgName', colId: 'orgName', width: 110, ...TEXT_FILTER },
      ...opts.map((o): ColDef<SessionRow> => ({
        headerName: `${o}（票）`,
        colId: `count:${o}`,
        width: 96,
        type: 'numericColumn',
        ...NUMBER_FILTER,
        editable: (p) => !readOnly && !!p.data,
        valueGetter: (p) => countsOf(p.data)[o] ?? null,
        valueSetter: (p) => {
          const counts = { ...countsOf(p.data) };
          const v = p.newValue as number | null;
          if (v === null) delete counts[o];
          else counts[o] = v;
          drafts.current.set(p.data.entryId, counts);
          return true;
        },
        // An empty cell clears the count; anything that is not a number keeps the old value.
        valueParser: (p: ValueParserParams<SessionRow>) => {
          const s = String(p.newValue ?? '').trim();
          if (s === '') return null;
          const n = Number(s);
          return Number.isFinite(n) ? n : p.oldValue;
        },
        cellClass: (p) => (p.data && drafts.current.has(p.data.entryId) ? 'dirty-cell' : undefined),
      })),
      { headerName: '合计', colId: 'sum', width: 80, type: 'numericColumn', ...NUMBER_FILTER, valueGetter: (p) => (p.data ? sumOf(p.data) : null) },
      ...opts.map((o): ColDef<SessionRow> => ({
        headerName: `${o}率（全部场次）`,
        colId: `rate:${o}`,
        width: 130,
        type: 'numericColumn',
        valueGetter: (p) => p.data?.rates[o] ?? null,
        valueFormatter: (p) => pct(p.value as number | null),
      })),
    ];
    // drafts is a ref: its contents are read when a cell is drawn.
  }, [optionList, readOnly]);

  return (
    <div className="tally-grid">
      {loadError && <div className="form-banner" role="alert">{loadError}</div>}
      <div className="grid-host">
        <AgGridReact<SessionRow>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          overlayNoRowsTemplate={emptyGrid('本周期还没有考核对象')}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_ROWS}
          maxBlocksInCache={KEPT_BLOCKS}
          columnDefs={columns}
          defaultColDef={{ sortable: true, editable: false }}
          getRowId={(p) => p.data.entryId}
          rowClassRules={rowClassRules}
          enterNavigatesVertically
          enterNavigatesVerticallyAfterEdit
          stopEditingWhenCellsLoseFocus
          onGridReady={(e) => (apiRef.current = e.api)}
          onCellValueChanged={(e) => {
            // The sum and the row's draft marks follow the typed count (the row's `over` is re-applied by the grid on a cell change).
            e.api.refreshCells({ rowNodes: [e.node], force: true });
            onDraft();
          }}
        />
      </div>
    </div>
  );
}
