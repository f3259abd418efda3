import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { PayLine, PaySheet } from '../../../../core/salary/contract.ts';
import { fenToYuan } from '../../../../core/salary/money.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';
import { downloadBase64 } from '../../api/files.ts';
import { PaySheetPrint } from './PaySheetPrint.tsx';
import { itemFen, sheetItemColumns } from '../../../../core/salary/sheet-layout.ts';
import { Can } from '../../components/RoleGate.tsx';

const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
const formatFen = (p: { value: unknown }) => (typeof p.value === 'number' ? fenToYuan(p.value) : '');
const money = (field: keyof PayLine, headerName: string, width = 110): ColDef<PayLine> => ({
  headerName, field, width, type: 'numericColumn', valueFormatter: formatFen,
});
const item = (colId: string, headerName: string, get: (l: PayLine) => number): ColDef<PayLine> => ({
  headerName, colId, width: 110, type: 'numericColumn', valueGetter: (p) => (p.data ? get(p.data) : null), valueFormatter: formatFen,
});
// The current month on the office's wall calendar (local time, not UTC).
const thisMonth = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/** 月度工资表: computed with the scheme and levels in effect that month; confirm freezes it. */
export function PaySheetPanel({ orgId }: { orgId: string }) {
  const [month, setMonth] = useState(thisMonth);
  const [sheet, setSheet] = useState<PaySheet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);

  const load = useCallback(async () => {
    try {
      setSheet(await call('salary.paySheet', { orgId, month }));
      setError(null);
    } catch (e) {
      setSheet(null);
      setError(message(e));
    }
  }, [orgId, month]);
  useEffect(() => void load(), [load]);

  const confirm = async () => {
    if (!window.confirm(`确认 ${month} 工资表？确认后该月数据冻结，之后修改方案或薪级不再影响该月。`)) return;
    try {
      // The amounts on screen go along: a person-month another unit sealed meanwhile is refused, not silently replaced.
      const shown = sheet?.lines.map((l) => ({ personId: l.personId, totalFen: l.totalFen }));
      setSheet(await call('salary.confirmMonth', { orgId, month, ...(shown ? { shown } : {}) }));
    } catch (e) {
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

  const sealedCount = sheet?.lines.filter((l) => l.sealed).length ?? 0;
  // The item columns of the print and the .xlsx (sheet-layout.ts): 等级工资, 岗位工资, 岗位津贴,
  // 试用期工资, 预留绩效 and each allowance on its own, never a lump under one name.
  const cols = useMemo(() => sheetItemColumns(sheet?.lines ?? []), [sheet]);
  const columns = useMemo<ColDef<PayLine>[]>(() => [
    { headerName: '社区', field: 'orgName', width: 120 },
    { headerName: '姓名', field: 'name', width: 90, pinned: 'left' },
    { headerName: '岗位', field: 'post', width: 120 },
    { headerName: '级别', field: 'level', width: 70 },
    { headerName: '上年度考核', field: 'grade', width: 100 },
    ...cols.items.map((i) => item(`item:${i.key}`, i.label, (l) => itemFen([l], (x) => x.items, i.key))),
    {
      ...money('correctionFen', '补发/扣回'),
      tooltipValueGetter: (p) => p.data?.corrections.map((c) => `${c.kind} ${fenToYuan(Math.abs(c.amountFen))}：${c.reason}`).join('\n') ?? '',
    },
    money('totalFen', '应发合计', 120),
    // 代扣 and 实发 only where the scheme withholds something: otherwise 实发 is 应发.
    ...(cols.deductions.length ? [
      ...cols.deductions.map((d) => item(`deduction:${d.key}`, d.label, (l) => itemFen([l], (x) => x.deductions, d.key))),
      money('deductionsFen', '扣款合计'),
      money('netFen', '实发', 120),
    ] : []),
    {
      headerName: '确认', colId: 'sealed', width: 170,
      valueGetter: (p) => (p.data?.sealed ? `已由${p.data.sealed.orgName}确认（${p.data.sealed.confirmedAt.slice(0, 10)}）` : ''),
      cellClass: (p) => (p.data?.sealed ? 'sealed-cell' : ''),
    },
    {
      headerName: '备注', colId: 'note', flex: 1, minWidth: 160,
      valueGetter: (p) => [...(p.data?.corrections ?? []).map((c) => `${c.kind} ${c.month} ${fenToYuan(Math.abs(c.amountFen))} 元（${c.reason}）`), p.data?.note ?? ''].filter(Boolean).join('；'),
    },
  ], [cols]);

  return (
    <div className="salary-main">
      <div className="salary-form">
        <label>月份<input type="month" aria-label="月份" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} /></label>
        {sheet && <span>方案：{sheet.scheme.name}</span>}
        {sheet?.scheme.sample && <span className="badge sample">示例方案</span>}
        {sheet?.status === 'confirmed' && <span className="badge frozen">已确认冻结（{sheet.confirmedAt?.slice(0, 10)} {sheet.confirmedBy}）</span>}
        <span className="spacer" />
        {sealedCount > 0 && sheet?.status === 'draft' && <span className="badge frozen" data-testid="sealed-count">{sealedCount} 人本月已由其他单位确认，按确认数发放</span>}
        <button type="button" disabled={!sheet} onClick={() => void exportXlsx()}>导出 Excel</button>
        <button type="button" disabled={!sheet?.lines.length} onClick={() => setPrinting(true)}>打印预览</button>
        <Can op="salary.confirmMonth" note="确认工资表">
          <button type="button" className="primary" disabled={!sheet || sheet.status === 'confirmed' || !sheet.lines.length} onClick={() => void confirm()}>确认本月</button>
        </Can>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {sheet && printing && <PaySheetPrint sheet={sheet} onClose={() => setPrinting(false)} />}
      {sheet && (
        <>
          <div className="sheet-host">
            <AgGridReact<PayLine> theme={gridTheme} localeText={GRID_LOCALE} overlayNoRowsTemplate={emptyGrid('本月工资表还没有人员')} rowData={sheet.lines} columnDefs={columns} getRowId={(p) => p.data.personId} />
          </div>
          <table className="plain community-totals">
            <thead><tr><th>社区</th><th>人数</th>{cols.items.map((i) => <th key={i.key}>{i.label}</th>)}<th>补发/扣回</th><th>应发合计</th></tr></thead>
            <tbody>
              {sheet.communities.map((c) => {
                const lines = sheet.lines.filter((l) => l.orgId === c.orgId);
                return (
                  <tr key={c.orgId}><td>{c.orgName}</td><td>{c.count}</td>
                    {cols.items.map((i) => <td key={i.key} className="money">{fenToYuan(itemFen(lines, (x) => x.items, i.key))}</td>)}
                    <td className="money">{fenToYuan(c.correctionFen)}</td><td className="money">{fenToYuan(c.totalFen)}</td></tr>
                );
              })}
              <tr className="total-row"><th>合计</th><th>{sheet.totals.count}</th>
                {cols.items.map((i) => <th key={i.key} className="money">{fenToYuan(itemFen(sheet.lines, (x) => x.items, i.key))}</th>)}
                <th className="money">{fenToYuan(sheet.totals.correctionFen)}</th><th className="money" data-testid="sheet-total">{fenToYuan(sheet.totals.totalFen)}</th></tr>
            </tbody>
          </table>
          {sheet.missing.length > 0 && (
            <div className="warn">未列入（{sheet.missing.length} 人）：{sheet.missing.slice(0, 20).map((m) => `${m.name}（${m.reason}）`).join('、')}{sheet.missing.length > 20 ? ' 等' : ''}</div>
          )}
        </>
      )}
    </div>
  );
}
