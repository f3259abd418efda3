import { useCallback, useEffect, useState } from 'react';
import type { Settlement } from '../../../../core/salary/contract.ts';
import { fenToYuan } from '../../../../core/salary/money.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { downloadBase64 } from '../../api/files.ts';
import { Can } from '../../components/RoleGate.tsx';

const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));

/** 年终绩效结算: the year's withheld 绩效 (or yearly amount) by the confirmed grade; confirm freezes it. */
export function SettlementPanel({ orgId }: { orgId: string }) {
  const [year, setYear] = useState(() => new Date().getFullYear() - 1);
  const [s, setS] = useState<Settlement | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setS(await call('salary.settlement', { orgId, year }));
      setError(null);
    } catch (e) {
      setS(null);
      setError(message(e));
    }
  }, [orgId, year]);
  useEffect(() => void load(), [load]);

  const confirm = async () => {
    if (!s || !window.confirm(`确认 ${year} 年度绩效结算（合计 ${fenToYuan(s.totals.amountFen)} 元）？确认后冻结。`)) return;
    try {
      setS(await call('salary.confirmSettlement', { orgId, year, shownTotalFen: s.totals.amountFen }));
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

  return (
    <div className="salary-main">
      <div className="toolbar">
        <label className="inline-field">年度<input type="number" aria-label="结算年度" value={year} onChange={(e) => setYear(Number(e.target.value))} /></label>
        {s && <span className={s.status === 'confirmed' ? 'badge frozen' : 'badge'}>{s.status === 'confirmed' ? `已确认（${s.confirmedBy} ${s.confirmedAt?.slice(0, 10)}）` : '草稿'}</span>}
        {s?.scheme.sample && <span className="badge sample">示例方案</span>}
        <span className="spacer" />
        <Can op="salary.confirmSettlement" note="确认年终结算">
          <button type="button" className="primary" disabled={!s || s.status === 'confirmed' || !s.lines.length} onClick={() => void confirm()}>确认结算</button>
        </Can>
        <button type="button" disabled={!s} onClick={() => void exportXlsx()}>导出 Excel</button>
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {s && (
        <table className="plain settlement">
          <thead><tr><th>社区</th><th>姓名</th><th>岗位</th><th>月数</th><th>考核</th><th>预留绩效</th><th>年度奖励</th><th>等次系数</th><th>岗位系数</th><th>结算金额</th><th>备注</th></tr></thead>
          <tbody>
            {s.lines.map((l) => (
              <tr key={l.personId}>
                <td>{l.orgName}</td><td>{l.name}</td><td>{l.post}</td><td>{l.months}</td><td>{l.grade ?? '—'}</td>
                <td className="num">{fenToYuan(l.withheldFen)}</td><td className="num">{fenToYuan(l.yearlyFen)}</td>
                <td className="num">{l.gradeCoefficient ?? '—'}</td><td className="num">{l.postCoefficient}</td><td className="num">{fenToYuan(l.amountFen)}</td>
                <td>{[l.sealed ? `已由${l.sealed.orgName}确认` : '', l.note ?? ''].filter(Boolean).join('；')}</td>
              </tr>
            ))}
            <tr className="total"><td>合计</td><td>{s.totals.count} 人</td><td colSpan={3} /><td className="num">{fenToYuan(s.totals.withheldFen)}</td><td colSpan={3} /><td className="num">{fenToYuan(s.totals.amountFen)}</td><td /></tr>
          </tbody>
        </table>
      )}
      {s && !s.lines.length && <div className="muted small-text">该年度没有预留绩效或年度奖励需要结算（方案的绩效方式为“按比例预留”或设有年度奖励基数时才有结算）。</div>}
    </div>
  );
}
