import { createRoot } from 'react-dom/client';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, IDatasource } from 'ag-grid-community';
import type { PersonListRow } from '../../../../core/roster/contract.ts';
import { getRowId, GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { ROSTER_COLUMNS } from './columns.tsx';
import { BLOCK_ROWS } from './firstBlock.ts';

// Issue 19 (first rows painted): the first roster grid of a page load took twice as long to
// set up and fill as any later one, because ag-grid's and ag-grid-react's code ran for the first
// time (interpreted, not yet optimised). While the login is checked on the server (scrypt and
// the keyed open: a few hundred ms in which the page only waits), one grid like the roster's is
// built off screen with made-up rows and taken down again as soon as its rows are drawn. It
// never calls the server and holds nothing a user entered; it is gone before the app shows.

const DEFAULT_COL: ColDef<PersonListRow> = { sortable: true, resizable: true, filter: true, minWidth: 50 };
const ROWS = 40;

// Made-up rows with every shown column filled, so the cells' code paths run as for real rows.
const fakeRows: PersonListRow[] = Array.from({ length: ROWS }, (_, i) => ({
  id: `warm-${i}`, name: '预热', gender: '女', age: 40, idNumberMasked: '110101********0000', posts: ['委员'],
  postCategory: '社区工作者', phone: '138****0000', orgName: '社区', status: '在岗', partyJoinDate: '2000-01-01',
  communityWorkStartDate: '2010-01-01', birthDate: '1985-01-01',
}));

const source: IDatasource = {
  getRows: (p) => p.successCallback(fakeRows.slice(p.startRow, p.endRow), fakeRows.length),
};

/**
 * Builds the hidden grid; calls `done` once its first rows are drawn. Returns the function that
 * takes it down (at once, whether or not it got that far).
 */
export function mountWarmGrid(done: () => void): () => void {
  const host = document.createElement('div');
  // Laid out (ag-grid draws rows only into a sized viewport) but off screen, unseen and unreachable.
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.className = 'grid-warm-up';
  host.style.cssText = 'position:fixed;left:-20000px;top:0;width:1000px;height:500px;visibility:hidden;pointer-events:none;contain:strict';
  document.body.appendChild(host);
  const root = createRoot(host);
  let gone = false;
  root.render(
    <AgGridReact<PersonListRow>
      theme={gridTheme}
      localeText={GRID_LOCALE}
      rowModelType="infinite"
      datasource={source}
      cacheBlockSize={BLOCK_ROWS}
      columnDefs={ROSTER_COLUMNS}
      defaultColDef={DEFAULT_COL}
      getRowId={getRowId}
      suppressColumnVirtualisation
      onModelUpdated={(e) => {
        // The rows are drawn in the frame after the model has them.
        if (!gone && e.api.getDisplayedRowCount() > 0) requestAnimationFrame(() => setTimeout(() => !gone && done(), 0));
      }}
    />,
  );
  return () => {
    if (gone) return;
    gone = true;
    root.unmount();
    host.remove();
  };
}
