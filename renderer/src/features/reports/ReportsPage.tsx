import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { DrillResult, ReportResult } from '../../../../core/report/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { downloadBase64 } from '../../api/files.ts';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { DrillDialog } from './DrillDialog.tsx';
import { ChartTable, ReportChart } from './ReportChart.tsx';
import { ReportTable } from './ReportTable.tsx';
import './reports.css';
import { homeUnit } from '../../access.ts';

type Catalog = { name: string; title: string; period: 'asOf' | 'year'; summary: string; comparable: boolean }[];

// A4 landscape with 10 mm margins: 277 mm of printable width at 96 px per inch.
const PRINT_WIDTH_PX = Math.floor((277 / 25.4) * 96) - 8;

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const routeName = () => window.location.hash.replace(/^#\/?/, '').split('/')[1] ?? '';

export function ReportsPage() {
  const [catalog, setCatalog] = useState<Catalog>([]);
  const [orgs, setOrgs] = useState<OrgUnit[]>([]);
  const [name, setName] = useState(routeName() || 'composition');
  const [orgId, setOrgId] = useState('');
  const [asOf, setAsOf] = useState(today);
  const [ages, setAges] = useState('30,35,45');
  const [compare, setCompare] = useState('');
  const [report, setReport] = useState<ReportResult | null>(null);
  const [drill, setDrill] = useState<DrillResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doc = useRef<HTMLDivElement>(null);

  useEffect(() => {
    Promise.all([call('report.catalog', {}), call('org.tree', {})]).then(([c, o]) => {
      setCatalog(c.reports);
      setOrgs(o);
      setOrgId((cur) => cur || homeUnit(o));
    }, (e: unknown) => setError(errorText(e)));
    const onHash = () => routeName() && setName(routeName());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const def = catalog.find((c) => c.name === name);
  const input = useCallback(() => {
    const cuts = ages.split(/[,，\s]+/).filter(Boolean).map(Number);
    return { name, orgId, asOf, ageCuts: cuts, ...(compare && def?.comparable ? { compareAsOf: compare } : {}) };
  }, [name, orgId, asOf, ages, compare, def?.comparable]);

  const run = useCallback(async () => {
    if (!orgId) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await call('report.run', input()));
    } catch (e) {
      setReport(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [orgId, input]);

  useEffect(() => {
    if (orgId && catalog.length) void run();
    // Re-run when the report or unit changes; other fields wait for 生成.
  }, [name, orgId, catalog.length]);

  // Fit the table to the A4 width when printed: the zoom is measured on screen, used by @media print.
  useLayoutEffect(() => {
    const el = doc.current;
    const table = el?.querySelector<HTMLElement>('.report-table');
    if (!el || !table) return;
    // The narrowest the table can be laid out (headers wrapped); in print it then takes 100 % of
    // the zoomed page, which is at least that wide.
    const before = table.style.width;
    table.style.width = 'min-content';
    const narrowest = table.getBoundingClientRect().width;
    table.style.width = before;
    // 8 % slack: print layout measures a few percent wider than the screen (borders, rounding).
    const zoom = Math.min(1, PRINT_WIDTH_PX / Math.max(narrowest * 1.08, 1));
    el.style.setProperty('--print-zoom', zoom.toFixed(4));
  }, [report]);

  const exportXlsx = async () => {
    try {
      const out = await call('report.export', input());
      downloadBase64(out.fileName, out.base64);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const openDrill = async (rowKey: string, column: string) => {
    try {
      setDrill(await call('report.drill', { ...input(), rowKey, column }));
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="page reports">
      <nav className="report-list no-print" aria-label="报表">
        <h1>统计报表</h1>
        <ul>
          {catalog.map((c) => (
            <li key={c.name}>
              <a href={`#/reports/${c.name}`} className={c.name === name ? 'active' : undefined} aria-current={c.name === name ? 'page' : undefined} title={c.summary}>
                {c.title}
              </a>
            </li>
          ))}
        </ul>
        <p className="muted small-text">其他台账报表（共建协议、会议、活动、工单、满意度）将在台账模块上线后加入。</p>
      </nav>
      <div className="report-main">
        <div className="toolbar report-controls no-print">
          <label className="inline-label">单位<OrgSelect label="统计单位" orgs={orgs} value={orgId} onChange={setOrgId} /></label>
          <label className="inline-label">{def?.period === 'year' ? '年度（取日期所在年）' : '统计日期'}
            <input type="date" aria-label="统计日期" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
          </label>
          {name === 'composition' && (
            <label className="inline-label">年龄分段<input aria-label="年龄分段" className="ages-input" value={ages} onChange={(e) => setAges(e.target.value)} /></label>
          )}
          {def?.comparable && (
            <label className="inline-label">对比日期<input type="date" aria-label="对比日期" value={compare} onChange={(e) => setCompare(e.target.value)} /></label>
          )}
          <button type="button" className="primary" onClick={() => void run()} disabled={busy}>生成</button>
          <span className="spacer" />
          <button type="button" onClick={() => void exportXlsx()} disabled={!report}>导出 Excel</button>
          <button type="button" onClick={() => window.print()} disabled={!report}>打印</button>
        </div>
        {error && <div className="form-banner" role="alert">{error}</div>}
        {report && (
          <div className="report-doc" ref={doc}>
            <header className="report-head">
              <h2>{report.unit.name}{report.title}</h2>
              <p>
                <span>填报单位：{report.unit.name}</span>
                <span>{report.period === 'asOf' ? `统计日期：${report.asOf}` : `年度：${report.year}`}</span>
                {report.previous && <span>对比日期：{report.previous.asOf}</span>}
                <span>制表日期：{today()}</span>
              </p>
            </header>
            {report.charts.map((spec, i) => (
              <figure key={i} className="report-figure">
                <ReportChart report={report} spec={spec} />
                <ChartTable report={report} spec={spec} />
              </figure>
            ))}
            <div className="report-table-wrap">
              <ReportTable report={report} onDrill={(r, c) => void openDrill(r, c)} />
            </div>
            <ul className="report-notes">
              {report.notes.map((n) => <li key={n}>注：{n}</li>)}
            </ul>
          </div>
        )}
      </div>
      {drill && <DrillDialog drill={drill} onClose={() => setDrill(null)} />}
    </section>
  );
}
