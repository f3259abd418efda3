import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { OpInput, OpOutput } from '../../../../core/contract/index.ts';
import type { SettlementLine } from '../../../../core/salary/contract.ts';
import { fenToYuan } from '../../../../core/salary/money.ts';
import { settlementNoteText } from '../../../../core/salary/settlement-columns.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { downloadBase64 } from '../../api/files.ts';
import { Can } from '../../components/RoleGate.tsx';
import { BLOCK_ROWS, KEPT_BLOCKS, blockSource } from '../../grid/blockSource.ts';
import { GRID_LOCALE, emptyGrid, gridTheme } from '../../grid/setup.ts';

type Summary = OpOutput<'salary.settlementSummary'>;
type Column = OpInput<'salary.settlementPage'>['sort'][number]['column'];
const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
const formatFen = (p: { value: unknown }) => (typeof p.value === 'number' ? fenToYuan(p.value) : '');
const orDash = (p: { value: unknown }) => (p.value === null ? '—' : String(p.value ?? ''));
const money = (field: Column & keyof SettlementLine, headerName: string): ColDef<SettlementLine> => ({
  headerName, field, width: 110, type: 'numericColumn', valueFormatter: formatFen,
});

// Every column sorts on the server (core/salary/settlement-columns.ts); the column ids are its names.
const COLUMNS: ColDef<SettlementLine>[] = [
  { headerName: '社区', field: 'orgName', width: 120 },
  { headerName: '姓名', field: 'name', width: 90, pinned: 'left' },
  { headerName: '岗位', field: 'post', width: 120 },
  { headerName: '月数', field: 'months', width: 70, type: 'numericColumn' },
  { headerName: '考核', field: 'grade', width: 90, valueFormatter: orDash },
  money('withheldFen', '预留绩效'),
  money('yearlyFen', '年度奖励'),
  { headerName: '等次系数', field: 'gradeCoefficient', width: 90, type: 'numericColumn', valueFormatter: orDash },
  { headerName: '岗位系数', field: 'postCoefficient', width: 90, type: 'numericColumn' },
  money('amountFen', '结算金额'),
  { headerName: '备注', colId: 'note', flex: 1, minWidth: 180, valueGetter: (p) => (p.data ? settlementNoteText(p.data) : '') },
];

/** 年终绩效结算: the year's withheld 绩效 (or yearly amount) by the confirmed grade; confirm freezes it. */
export function SettlementPanel({ orgId }: { orgId: string }) {
  const [year, setYear] = useState(() => new Date().getFullYear() - 1);
  const [s, setS] = useState<Summary | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the latest summary asked for is shown: the grid's blocks follow it (year typed fast).
  const loads = useRef(0);

  const load = useCallback(async () => {
    const mine = ++loads.current;
    try {
      const summary = await call('salary.settlementSummary', { orgId, year });
      if (loads.current !== mine) return;
      setS(summary);
      setError(null);
    } catch (e) {
      if (loads.current !== mine) return;
      setS(null);
      setError(message(e));
    }
  }, [orgId, year]);
  useEffect(() => void load(), [load]);

  const confirm = async () => {
    if (!s || !window.confirm(`确认 ${year} 年度绩效结算（合计 ${fenToYuan(s.totals.amountFen)} 元）？确认后冻结。`)) return;
    try {
      await call('salary.confirmSettlement', { orgId, year, shownTotalFen: s.totals.amountFen });
      await load();
    } catch (e) {
      setError(message(e));
    }
  };
  const exportXlsx = async () => {
    try {
      const f = await call('salary.exportSettlement', { orgId, year });
      downloadBase64(f.fileName, f.base64);
    } catch (e) {
      setError(message(e));
    }
  };

  // A new data source per summary: a year change or a confirm reloads the blocks too.
  const datasource = useMemo(() => (s ? blockSource<Column, SettlementLine>(
    (req) => call('salary.settlementPage', { orgId: s.orgId, year: s.year, ...req, filters: [] }),
    (e) => setError(message(e)),
  ) : null), [s]);

  return (
    <div className="salary-main">
      <div className="toolbar">
        <label className="inline-field">年度<input type="number" aria-label="结算年度" value={year} onChange={(e) => setYear(Number(e.target.value))} /></label>
        {s && <span className={s.status === 'confirmed' ? 'badge frozen' : 'badge'}>{s.status === 'confirmed' ? `已确认（${s.confirmedBy} ${s.confirmedAt?.slice(0, 10)}）` : '草稿'}</span>}
        {s?.scheme.sample && <span className="badge sample">示例方案</span>}
        <span className="spacer" />
        <Can op="salary.confirmSettlement" note="确认年终结算">
          <button type="button" className="primary" disabled={!s || s.status === 'confirmed' || !s.lineCount} onClick={() => void confirm()}>确认结算</button>
        </Can>
        <button type="button" disabled={!s} onClick={() => void exportXlsx()}>导出 Excel</button>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {s && datasource && s.lineCount > 0 && (
        <>
          <div className="sheet-host settlement">
            <AgGridReact<SettlementLine>
              theme={gridTheme} localeText={GRID_LOCALE} overlayNoRowsTemplate={emptyGrid('该年度没有需要结算的人员')}
              rowModelType="infinite" datasource={datasource} cacheBlockSize={BLOCK_ROWS} maxBlocksInCache={KEPT_BLOCKS}
              columnDefs={COLUMNS} getRowId={(p) => p.data.personId}
            />
          </div>
          {/* The 合计 is summed on the server over every line (salary.settlementSummary), not over the blocks on screen. */}
          <table className="plain community-totals settlement-totals">
            <thead><tr><th /><th>人数</th><th>预留绩效</th><th>结算金额</th></tr></thead>
            <tbody>
              <tr className="total-row"><th>合计</th><th>{s.totals.count} 人</th>
                <th className="money">{fenToYuan(s.totals.withheldFen)}</th><th className="money" data-testid="settlement-total">{fenToYuan(s.totals.amountFen)}</th></tr>
            </tbody>
          </table>
        </>
      )}
      {s && !s.lineCount && <div className="muted small-text">该年度没有预留绩效或年度奖励需要结算（方案的绩效方式为“按比例预留”或设有年度奖励基数时才有结算）。</div>}
    </div>
  );
}
