import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

ModuleRegistry.registerModules([AllCommunityModule]);

// The stock CN pager reads "1 至 20 的 50"; "共" reads naturally: "1 至 20，共 50".
export const GRID_LOCALE: Record<string, string> = { ...AG_GRID_LOCALE_CN, of: '共' };

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
