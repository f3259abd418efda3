import { useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { PersonHours } from '../../../../core/training/contract-views.ts';
import { call, errorText } from '../../api/client.ts';
import { GRID_LOCALE, gridTheme } from '../../grid/setup.ts';
import { downloadBase64 } from '../../api/files.ts';
import type { Scope } from './TrainingPage.tsx';
import { BLOCK_ROWS, KEPT_BLOCKS, hoursSource } from './hoursSource.ts';

// Only what training.hoursPage filters on the server; one condition per column.
const TEXT_FILTER = { filterOptions: ['contains', 'equals', 'startsWith'], maxNumConditions: 1 };
const NUMBER_FILTER = { filterOptions: ['equals', 'lessThan', 'greaterThan', 'inRange'], maxNumConditions: 1 };

const COLUMNS: ColDef<PersonHours>[] = [
  { field: 'name', headerName: '姓名', width: 100, colId: 'name' },
  { field: 'orgName', headerName: '所属组织', width: 130, colId: 'orgName' },
  { field: 'posts', headerName: '职务', width: 160, colId: 'posts', valueFormatter: (p) => (p.value as string[] | undefined)?.join('、') ?? '' },
  { field: 'postCategory', headerName: '岗位类别', width: 90, colId: 'postCategory' },
  { field: 'hours', headerName: '全年学时', width: 95, colId: 'hours', filter: 'agNumberColumnFilter', filterParams: NUMBER_FILTER },
  { field: 'days', headerName: '全年天数', width: 95, colId: 'days', filter: 'agNumberColumnFilter', filterParams: NUMBER_FILTER },
  { field: 'requirement', headerName: '年度要求', width: 250, colId: 'requirement' },
  {
    field: 'met', headerName: '达标', width: 80, colId: 'met', cellDataType: 'text',
    valueFormatter: (p) => (p.value === null ? '无要求' : p.value ? '达标' : '未达标'),
    cellClass: (p) => (p.value === false ? 'met-no' : p.value ? 'met-yes' : ''),
  },
  { field: 'shortfall', headerName: '差额', width: 220, colId: 'shortfall' },
];

/** 学时统计 (everyone) or 未达标名单 (below the requirement, exportable). */
export function HoursTab({ scope, below }: { scope: Scope; below: boolean }) {
  const [page, setPage] = useState<{ rowCount: number; sample: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Answers for a year or unit the user has just left must not set this view's count or error:
  // the callbacks act only for the data source the grid currently has (set after each render).
  const current = useRef<unknown>(null);
  const datasource = useMemo(() => {
    const ds = hoursSource({ year: scope.year, orgId: scope.orgId, below }, {
      onPage: (p) => current.current === ds && setPage(p),
      onError: (e) => current.current === ds && setError(errorText(e)),
    });
    return ds;
  }, [scope.year, scope.orgId, below]);
  useEffect(() => {
    current.current = datasource;
    setPage(null);
    setError(null);
  }, [datasource]);

  const exportXlsx = async () => {
    try {
      const f = await call('training.belowRequirement.export', { year: scope.year, orgId: scope.orgId });
      downloadBase64(f.fileName, f.base64);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const sample = page?.sample;
  return (
    <div className="pane">
      <div className="toolbar">
        <span className="pane-title">
          {scope.year} 年{below ? '未达到年度培训要求的人员' : '每人培训学时与达标情况'}（{page?.rowCount ?? 0} 人）
        </span>
        <span className="spacer" />
        {below && <button type="button" disabled={!page?.rowCount} onClick={() => void exportXlsx()}>导出 Excel</button>}
        <span className="muted small-text">双击人员查看个人培训档案</span>
      </div>
      {sample && <div className="sample-note">部分要求来自系统自带的示例规则（标“示例”），未经本地文件确认，请在“年度要求”中按本地规定修改。</div>}
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="grid-host">
        <AgGridReact<PersonHours>
          theme={gridTheme}
          localeText={GRID_LOCALE}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_ROWS}
          maxBlocksInCache={KEPT_BLOCKS}
          columnDefs={COLUMNS}
          defaultColDef={{ sortable: true, resizable: true, filter: 'agTextColumnFilter', filterParams: TEXT_FILTER }}
          getRowId={(p) => p.data.personId}
          overlayNoRowsTemplate={below ? '<span>所有人员均已达到年度要求</span>' : '<span>没有人员</span>'}
          onRowDoubleClicked={(e) => e.data && scope.openPerson(e.data.personId)}
        />
      </div>
    </div>
  );
}
