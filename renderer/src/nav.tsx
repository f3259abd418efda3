import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

// Each page is its own chunk, loaded when first opened: the login page and the shell then load
// without ag-grid and echarts (issue 19, first rows painted after the server is up). Relative
// chunk URLs (vite base './') keep this working from file:// in Electron.
function page<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): () => ReactNode {
  const Page = lazy(() => load().then((m) => ({ default: pick(m) })));
  return () => (
    <Suspense fallback={<p className="muted">正在加载…</p>}>
      <Page />
    </Suspense>
  );
}

const loadHome = () => import('./features/home/HomePage.tsx');
const loadRoster = () => import('./features/roster/RosterPage.tsx');
const loadWarmUp = () => import('./features/roster/warmUp.tsx');

/**
 * Loads the landing page, the roster (with ag-grid) and its warm-up in the background once the login page
 * is on screen: they are then ready by the time the user has signed in. A failure here is
 * left to the page's own import, which reports it when the page is opened.
 */
export function prefetchPages(): void {
  const run = () => {
    for (const load of [loadHome, loadRoster, loadWarmUp]) load().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 0);
}

let warmStop: (() => void) | null = null;
let warmRun = 0;

/**
 * Builds a hidden roster grid with made-up rows while the login is checked on the server
 * (features/roster/warmUp.tsx): the first real grid then opens about twice as fast. Taken down
 * once its rows are drawn, or by endWarmUp, whichever comes first.
 */
export function warmUpGrid(): void {
  endWarmUp();
  const run = ++warmRun;
  // Fetched with the pages (prefetchPages): the server answers nothing else while it checks the login.
  loadWarmUp().then(
    (m) => {
      if (run !== warmRun) return;
      warmStop = m.mountWarmGrid(() => run === warmRun && endWarmUp());
    },
    () => undefined,
  );
}

/** Takes the warm-up grid down now, if it is still there (the login answered: the app comes next). */
export function endWarmUp(): void {
  warmRun++;
  warmStop?.();
  warmStop = null;
}

// The navigation and route table. A module's page lives in renderer/src/features/<area>/;
// to go live it adds one NAV line here, naming its module and export.
// `path` is the first segment of the hash route: #/<path> or #/<path>/<anything the page wants>.
// A page renders a root element with class "page" (it fills the content area).
// Who sees a page is decided in access.ts from the core access matrix.

export interface NavEntry {
  path: string;
  label: string;
  render: () => ReactNode;
  /** Run as the user opens the page (Shell, on the route change), before it renders: early requests. */
  onEnter?: () => void;
}

export const NAV: NavEntry[] = [
  { path: 'home', label: '首页', render: page(loadHome, (m) => m.HomePage) },
  { path: 'roster', label: '花名册', render: page(loadRoster, (m) => m.RosterPage), onEnter: () => void loadRoster().then((m) => m.askEarly(), () => undefined) },
  { path: 'training', label: '培训', render: page(() => import('./features/training/TrainingPage.tsx'), (m) => m.TrainingPage) },
  { path: 'salary', label: '薪酬', render: page(() => import('./features/salary/SalaryPage.tsx'), (m) => m.SalaryPage) },
  { path: 'assessment', label: '考核', render: page(() => import('./features/assessment/AssessmentPage.tsx'), (m) => m.AssessmentPage) },
  { path: 'reports', label: '统计报表', render: page(() => import('./features/reports/ReportsPage.tsx'), (m) => m.ReportsPage) },
  { path: 'coop', label: '共建与网格', render: page(() => import('./features/coop/CoopPage.tsx'), (m) => m.CoopPage) },
  { path: 'ledger', label: '台账', render: page(() => import('./features/ledger/LedgerPage.tsx'), (m) => m.LedgerPage) },
  { path: 'ledger-overview', label: '台账总览', render: page(() => import('./features/ledger/OverviewPage.tsx'), (m) => m.OverviewPage) },
  { path: 'exchange', label: '数据交换', render: page(() => import('./features/exchange/ExchangePage.tsx'), (m) => m.ExchangePage) },
  { path: 'settings', label: '设置', render: page(() => import('./features/security/SettingsPage.tsx'), (m) => m.SettingsPage) },
  { path: 'audit', label: '审计日志', render: page(() => import('./features/security/AuditPage.tsx'), (m) => m.AuditPage) },
  // The administrator's 审计日志 entry explains who reads the log instead (access.ts decides who sees it).
  { path: 'audit-info', label: '审计日志', render: page(() => import('./features/security/AuditNotice.tsx'), (m) => m.AuditNotice) },
];
