import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

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
