import { useCallback, useEffect, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { CycleSummary, SchemeRecord } from '../../../../core/assessment/contract.ts';
import type { SheetSummary } from '../../../../core/assessment/contract-sheet-page.ts';
import { call, errorText } from '../../api/client.ts';
import { switchTab } from '../../components/Tabs.tsx';
import { leaveAll } from '../../components/useDirty.ts';
import { NewCycleDialog } from './NewCycleDialog.tsx';
import { SchemeDialog } from './SchemeDialog.tsx';
import { ScoreGrid } from './ScoreGrid.tsx';
import { SessionPanel } from './SessionPanel.tsx';
import { ResultsPanel } from './ResultsPanel.tsx';
import { ReportsPanel } from './ReportsPanel.tsx';
import './assessment.css';
import { Can } from '../../components/RoleGate.tsx';

const TABS = ['打分', '民主测评', '结果与等次', '报表'] as const;
type Tab = (typeof TABS)[number];

export function AssessmentPage() {
  const [year, setYear] = useState(() => new Date().getFullYear() - 1);
  const [orgs, setOrgs] = useState<OrgUnit[]>([]);
  const [schemes, setSchemes] = useState<SchemeRecord[]>([]);
  // Core says whether this account may add an installation-wide (sample) scheme.
  const [mayInstall, setMayInstall] = useState(false);
  const [cycles, setCycles] = useState<CycleSummary[] | null>(null);
  const [cycleId, setCycleId] = useState<string | null>(null);
  const [sheet, setSheet] = useState<SheetSummary | null>(null);
  const [tab, setTab] = useState<Tab>('打分');
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editingScheme, setEditingScheme] = useState<SchemeRecord | null>(null);

  const loadLists = useCallback(async () => {
    try {
      const [o, s, c] = await Promise.all([call('org.tree', {}), call('assessment.schemes', { year }), call('assessment.cycles', { year })]);
      setOrgs(o);
      setSchemes(s.rows);
      setMayInstall(s.editable);
      setCycles(c.rows);
      setError(null);
    } catch (e) {
      setError(errorText(e));
      setCycles([]);
    }
  }, [year]);
  useEffect(() => void loadLists(), [loadLists]);

  const loadSheet = useCallback(async () => {
    if (!cycleId) return setSheet(null);
    try {
      // The sheet without its rows: each panel asks for the rows it shows (issue 19).
      setSheet(await call('assessment.sheetSummary', { cycleId }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [cycleId]);
  useEffect(() => void loadSheet(), [loadSheet]);

  const refresh = async () => {
    await Promise.all([loadSheet(), loadLists()]);
  };

  const installSample = async () => {
    const root = orgs.find((o) => o.parentId === null);
    if (!root) return setError('请先在花名册中建立组织架构');
    try {
      await call('assessment.installSample', { orgId: root.id, year });
      await loadLists();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const locked = sheet?.cycle.status === 'locked';
  return (
    <section className="page assessment">
      <aside className="cycle-panel">
        <label className="year-pick">
          年度
          <input type="number" value={year} min={2000} max={2100} onChange={(e) => setYear(Number(e.target.value) || year)} />
        </label>
        <div className="panel-title">考核方案</div>
        <ul className="scheme-list">
          {schemes.map((s) => (
            <li key={s.id}>
              <button type="button" className="cycle" onClick={() => setEditingScheme(s)}>
                <span>{s.name}</span>
                <span className="muted small-text">{s.population}{s.isSample ? ' · 示例' : ''}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="panel-title">考核周期</div>
        <ul className="cycle-list">
          {(cycles ?? []).map((c) => (
            <li key={c.id}>
              <button type="button" className={c.id === cycleId ? 'cycle on' : 'cycle'} onClick={() => void leaveAll().then((ok) => ok && setCycleId(c.id))}>
                <span>{c.name}</span>
                <span className="muted small-text">
                  {c.headcount} 人 · {c.status === 'locked' ? '已锁定' : '进行中'}
                </span>
              </button>
            </li>
          ))}
          {cycles?.length === 0 && <li className="muted small-text pad">本年度还没有考核周期</li>}
        </ul>
        <div className="panel-actions">
          <Can op="assessment.createCycle" note="新建考核周期">
            <button type="button" className="primary" disabled={!schemes.length} onClick={() => void leaveAll().then((ok) => ok && setCreating(true))}>
              新建考核周期
            </button>
          </Can>
          {!schemes.length && mayInstall && (
            <button type="button" className="link" onClick={() => void installSample()}>
              生成示例方案
            </button>
          )}
        </div>
      </aside>
      <div className="assessment-main">
        <div className="toolbar">
          <h1>年度考核</h1>
          {sheet && <span className="cycle-title">{sheet.cycle.name}</span>}
          {sheet?.scheme.isSample && <span className="badge sample">示例方案</span>}
          {locked && <span className="badge locked">已确认锁定</span>}
          <span className="spacer" />
          {sheet && (
            <div className="segmented" role="tablist" aria-label="考核内容">
              {TABS.map((t) => (
                <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'on' : undefined} onClick={() => void switchTab(tab, t, setTab)}>
                  {t}
                </button>
              ))}
            </div>
          )}
        </div>
        {error && (
          <div className="form-banner" role="alert">
            {error}
          </div>
        )}
        {!sheet && <div className="empty-guide"><p>请在左侧选择或新建一个考核周期。考核方案、分数线与优秀比例在方案中配置；示例方案仅供参考。</p></div>}
        {sheet && tab === '打分' && <ScoreGrid summary={sheet} onSaved={refresh} />}
        {sheet && tab === '民主测评' && <SessionPanel summary={sheet} onSaved={refresh} />}
        {sheet && tab === '结果与等次' && <ResultsPanel sheet={sheet} onChanged={refresh} />}
        {sheet && tab === '报表' && <ReportsPanel sheet={sheet} />}
      </div>
      {editingScheme && (
        <SchemeDialog
          scheme={editingScheme}
          onClose={() => setEditingScheme(null)}
          onSaved={async () => {
            setEditingScheme(null);
            await refresh();
          }}
        />
      )}
      {creating && (
        <NewCycleDialog
          orgs={orgs}
          schemes={schemes}
          onClose={() => setCreating(false)}
          onCreated={async (id) => {
            setCreating(false);
            setCycleId(id);
            await loadLists();
          }}
        />
      )}
    </section>
  );
}
