import {
  CellStyleModule,
  CheckboxEditorModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  CustomEditorModule,
  DateEditorModule,
  DateFilterModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberEditorModule,
  NumberFilterModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

// Only the modules our grids use, not AllCommunityModule: the ag-grid chunk is the largest script
// the roster waits for (issue 19, first rows painted). Sorting, column moving/resizing/pinning,
// overlays and keyboard navigation come with the core. Date and checkbox editors stay because
// cellDataType inference picks them for date-string and boolean fields; ColumnAutoSize is the
// double click on a header's resize handle. Left out, unused: CSV export, pagination, quick and
// external filters, grid state, aligned grids, row drag, pinned rows, cell span, auto height,
// change flashing, undo/redo, large-text editor, big-int filter, value cache, column hover.
// A grid option that needs a module not listed here logs ag-grid error #200 in the console.
ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  InfiniteRowModelModule,
  TextEditorModule,
  NumberEditorModule,
  DateEditorModule,
  CheckboxEditorModule,
  SelectEditorModule,
  CustomEditorModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  ColumnAutoSizeModule,
  RowSelectionModule,
  CellStyleModule,
  RowStyleModule,
  TooltipModule,
  LocaleModule,
]);

// The stock CN pager reads "1 至 20 的 50"; "共" reads naturally: "1 至 20，共 50".
// The stock empty text "无显示行" reads like a machine; a grid without its own text says "暂无记录"
// (each grid names what it lacks with emptyGrid below).
export const GRID_LOCALE: Record<string, string> = { ...AG_GRID_LOCALE_CN, of: '共', noRowsToShow: '暂无记录' };

/** The overlay a grid shows when it has no rows, in the grid's own words ("本月没有工资记录"). */
export const emptyGrid = (text: string): string => `<span class="grid-empty">${text.replace(/[<>&]/g, '')}</span>`;

export const gridTheme = themeQuartz.withParams({
  fontFamily: ['"Microsoft YaHei"', '"PingFang SC"', '"Noto Sans CJK SC"', '"Source Han Sans SC"', 'sans-serif'],
  fontSize: 13,
  headerFontWeight: 600,
  headerBackgroundColor: '#f3f5f8',
  accentColor: '#b3261e',
  rowHeight: 30,
  headerHeight: 34,
  spacing: 6,
  borderRadius: 2,
  wrapperBorderRadius: 2,
});

export const getRowId = (p: { data: { id: string } }) => p.data.id;
