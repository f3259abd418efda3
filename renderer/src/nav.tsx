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

/**
 * Loads the landing page and the roster (with ag-grid) in the background once the login page
 * is on screen: they are then ready by the time the user has signed in. A failure here is
 * left to the page's own import, which reports it when the page is opened.
 */
export function prefetchPages(): void {
  const run = () => {
    for (const load of [loadHome, loadRoster]) load().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 500 });
  else setTimeout(run, 0);
}

const HomePage = page(loadHome, (m) => m.HomePage);
const RosterPage = page(loadRoster, (m) => m.RosterPage);
const TrainingPage = page(() => import('./features/training/TrainingPage.tsx'), (m) => m.TrainingPage);
const SalaryPage = page(() => import('./features/salary/SalaryPage.tsx'), (m) => m.SalaryPage);
const AssessmentPage = page(() => import('./features/assessment/AssessmentPage.tsx'), (m) => m.AssessmentPage);
const ReportsPage = page(() => import('./features/reports/ReportsPage.tsx'), (m) => m.ReportsPage);
const CoopPage = page(() => import('./features/coop/CoopPage.tsx'), (m) => m.CoopPage);
const LedgerPage = page(() => import('./features/ledger/LedgerPage.tsx'), (m) => m.LedgerPage);
const OverviewPage = page(() => import('./features/ledger/OverviewPage.tsx'), (m) => m.OverviewPage);
const ExchangePage = page(() => import('./features/exchange/ExchangePage.tsx'), (m) => m.ExchangePage);
const SettingsPage = page(() => import('./features/security/SettingsPage.tsx'), (m) => m.SettingsPage);
const AuditPage = page(() => import('./features/security/AuditPage.tsx'), (m) => m.AuditPage);
const AuditNotice = page(() => import('./features/security/AuditNotice.tsx'), (m) => m.AuditNotice);

// The navigation and route table. A module's page lives in renderer/src/features/<area>/;
// to go live it adds one page(...) line and one NAV line here.
// `path` is the first segment of the hash route: #/<path> or #/<path>/<anything the page wants>.
// A page renders a root element with class "page" (it fills the content area).
// Who sees a page is decided in access.ts from the core access matrix.

export interface NavEntry {
  path: string;
  label: string;
  render: () => ReactNode;
}

export const NAV: NavEntry[] = [
  { path: 'home', label: '首页', render: HomePage },
  { path: 'roster', label: '花名册', render: RosterPage },
  { path: 'training', label: '培训', render: TrainingPage },
  { path: 'salary', label: '薪酬', render: SalaryPage },
  { path: 'assessment', label: '考核', render: AssessmentPage },
  { path: 'reports', label: '统计报表', render: ReportsPage },
  { path: 'coop', label: '共建与网格', render: CoopPage },
  { path: 'ledger', label: '台账', render: LedgerPage },
  { path: 'ledger-overview', label: '台账总览', render: OverviewPage },
  { path: 'exchange', label: '数据交换', render: ExchangePage },
  { path: 'settings', label: '设置', render: SettingsPage },
  { path: 'audit', label: '审计日志', render: AuditPage },
  // The administrator's 审计日志 entry explains who reads the log instead (access.ts decides who sees it).
  { path: 'audit-info', label: '审计日志', render: AuditNotice },
];
