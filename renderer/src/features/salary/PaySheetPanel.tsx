import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { OpOutput } from '../../../../core/contract/index.ts';
import type { PayLine, PaySheet } from '../../../../core/salary/contract.ts';
import { fenToYuan } from '../../../../core/salary/money.ts';
import { lineItemFen, noteText, sealedText, type PayItemColumn } from '../../../../core/salary/paysheet-columns.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';
import { downloadBase64 } from '../../api/files.ts';
import { PaySheetPrint } from './PaySheetPrint.tsx';
import { PaySheetTotals } from './PaySheetTotals.tsx';
import { PAY_BLOCK_ROWS, PAY_KEPT_BLOCKS, paySheetSource } from './paySheetSource.ts';
import { Can } from '../../components/RoleGate.tsx';

type Summary = OpOutput<'salary.paySheetSummary'>;
const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
const formatFen = (p: { value: unknown }) => (typeof p.value === 'number' ? fenToYuan(p.value) : '');
const money = (field: keyof PayLine, headerName: string, width = 110): ColDef<PayLine> => ({
  headerName, field, width, type: 'numericColumn', valueFormatter: formatFen,
});
const item = (colId: PayItemColumn, headerName: string): ColDef<PayLine> => ({
  headerName, colId, width: 110, type: 'numericColumn', valueGetter: (p) => (p.data ? lineItemFen(p.data, colId) : null), valueFormatter: formatFen,
});
// The current month on the office's wall calendar (local time, not UTC).
const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/** 月度工资表: computed with the scheme and levels in effect that month; confirm freezes it. */
export function PaySheetPanel({ orgId }: { orgId: string }) {
  const [month, setMonth] = useState(thisMonth);
  const [sheet, setSheet] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // 打印预览 reads the whole sheet when it opens (the print needs every line); the grid never does.
  const [printing, setPrinting] = useState<'off' | 'loading' | PaySheet>('off');
  const asked = useRef(0);
  // Only the latest summary asked for is shown: the grid's blocks follow it (month typed fast).
  const loads = useRef(0);

  const load = useCallback(async () => {
    const mine = ++loads.current;
    ++asked.current;
    setPrinting('off');
    try {
      const s = await call('salary.paySheetSummary', { orgId, month });
      if (loads.current !== mine) return;
      setSheet(s);
      setError(null);
    } catch (e) {
      if (loads.current !== mine) return;
      setSheet(null);
      setError(message(e));
    }
  }, [orgId, month]);
  useEffect(() => void load(), [load]);

  const confirm = async () => {
    if (!sheet || !window.confirm(`确认 ${month} 工资表？确认后该月数据冻结，之后修改方案或薪级不再影响该月。`)) return;
    try {
      // The token of the lines on screen goes along: a figure that changed since (another unit
      // sealed the person-month, a level changed) is refused, not silently replaced.
      await call('salary.confirmMonth', { orgId, month, shownToken: sheet.shownToken });
      await load();
    } catch (e) {
      setError(message(e));
    }
  };
  const openPrint = async () => {
    const mine = ++asked.current;
    setPrinting('loading');
    try {
      const whole = await call('salary.paySheet', { orgId, month });
      if (asked.current === mine) setPrinting(whole);
    } catch (e) {
      if (asked.current === mine) setPrinting('off');
      setError(message(e));
    }
  };
  const exportXlsx = async () => {
    try {
      const f = await call('salary.exportPaySheet', { orgId, month });
      downloadBase64(f.fileName, f.base64);
    } catch (e) {
      setError(message(e));
    }
  };

  // A new data source per summary: a month change or a confirm reloads the blocks too.
  const datasource = useMemo(() => (sheet ? paySheetSource({ orgId: sheet.orgId, month: sheet.month }, (e) => setError(message(e))) : null), [sheet]);
  // The item columns of the print and the .xlsx (sheet-layout.ts): 等级工资, 岗位工资, 岗位津贴,
  // 试用期工资, 预留绩效 and each allowance on its own, never a lump under one name.
  const cols = sheet?.columns;
  const columns = useMemo<ColDef<PayLine>[]>(() => [
    { headerName: '社区', field: 'orgName', width: 120 },
    { headerName: '姓名', field: 'name', width: 90, pinned: 'left' },
    { headerName: '岗位', field: 'post', width: 120 },
    { headerName: '级别', field: 'level', width: 70 },
    { headerName: '上年度考核', field: 'grade', width: 100 },
    ...(cols?.items ?? []).map((i) => item(`item:${i.key}`, i.label)),
    {
      ...money('correctionFen', '补发/扣回'),
      tooltipValueGetter: (p) => p.data?.corrections.map((c) => `${c.kind} ${fenToYuan(Math.abs(c.amountFen))}：${c.reason}`).join('\n') ?? '',
    },
    money('totalFen', '应发合计', 120),
    // 代扣 and 实发 only where the scheme withholds something: otherwise 实发 is 应发.
    ...(cols?.deductions.length ? [
      ...cols.deductions.map((d) => item(`deduction:${d.key}`, d.label)),
      money('deductionsFen', '扣款合计'),
      money('netFen', '实发', 120),
    ] : []),
    {
      headerName: '确认', colId: 'sealed', width: 170,
      valueGetter: (p) => (p.data ? sealedText(p.data) : ''),
      cellClass: (p) => (p.data?.sealed ? 'sealed-cell' : ''),
    },
    { headerName: '备注', colId: 'note', flex: 1, minWidth: 160, valueGetter: (p) => (p.data ? noteText(p.data) : '') },
  ], [cols]);

  return (
    <div className="salary-main">
      <div className="salary-form">
        <label>月份<input type="month" aria-label="月份" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} /></label>
        {sheet && <span>方案：{sheet.scheme.name}</span>}
        {sheet?.scheme.sample && <span className="badge sample">示例方案</span>}
        {sheet?.status === 'confirmed' && <span className="badge frozen">已确认冻结（{sheet.confirmedAt?.slice(0, 10)} {sheet.confirmedBy}）</span>}
        <span className="spacer" />
        {sheet && sheet.sealedCount > 0 && sheet.status === 'draft' && <span className="badge frozen" data-testid="sealed-count">{sheet.sealedCount} 人本月已由其他单位确认，按确认数发放</span>}
        <button type="button" disabled={!sheet} onClick={() => void exportXlsx()}>导出 Excel</button>
        <button type="button" disabled={!sheet?.lineCount || printing === 'loading'} onClick={() => void openPrint()}>{printing === 'loading' ? '正在准备…' : '打印预览'}</button>
        <Can op="salary.confirmMonth" note="确认工资表">
          <button type="button" className="primary" disabled={!sheet || sheet.status === 'confirmed' || !sheet.lineCount} onClick={() => void confirm()}>确认本月</button>
        </Can>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {typeof printing === 'object' && <PaySheetPrint sheet={printing} onClose={() => setPrinting('off')} />}
      {sheet && datasource && (
        <>
          <div className="sheet-host">
            <AgGridReact<PayLine>
              theme={gridTheme} localeText={GRID_LOCALE} overlayNoRowsTemplate={emptyGrid('本月工资表还没有人员')}
              rowModelType="infinite" datasource={datasource} cacheBlockSize={PAY_BLOCK_ROWS} maxBlocksInCache={PAY_KEPT_BLOCKS}
              columnDefs={columns} getRowId={(p) => p.data.personId}
            />
          </div>
          <PaySheetTotals summary={sheet} />
          {sheet.missing.length > 0 && (
            <div className="warn">未列入（{sheet.missing.length} 人）：{sheet.missing.slice(0, 20).map((m) => `${m.name}（${m.reason}）`).join('、')}{sheet.missing.length > 20 ? ' 等' : ''}</div>
          )}
        </>
      )}
    </div>
  );
}
