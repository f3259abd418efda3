import type { ColumnState, GridApi } from 'ag-grid-community';

// Column order, width, sort and visibility survive between visits, per page.

const key = (page: string) => `jiceng.grid.${page}.columns`;

export function loadColumnState(page: string): ColumnState[] | null {
  try {
    const raw = localStorage.getItem(key(page));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) ? (parsed as ColumnState[]) : null;
  } catch {
    return null;
  }
}

export function saveColumnState(page: string, api: GridApi): void {
  try {
    localStorage.setItem(key(page), JSON.stringify(api.getColumnState()));
  } catch {
    // Storage full or disabled: the layout simply is not remembered.
  }
}

export function clearColumnState(page: string, api: GridApi): void {
  localStorage.removeItem(key(page));
  api.resetColumnState();
}

export function restoreColumnState(page: string, api: GridApi): void {
  const state = loadColumnState(page);
  if (state) api.applyColumnState({ state, applyOrder: true });
}
