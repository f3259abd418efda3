import type { ReactNode } from 'react';
import { RosterPage } from './features/roster/RosterPage.tsx';
import { AuditPage } from './features/security/AuditPage.tsx';
import { AuditNotice } from './features/security/AuditNotice.tsx';
import { SettingsPage } from './features/security/SettingsPage.tsx';
import { TrainingPage } from './features/training/TrainingPage.tsx';
import { AssessmentPage } from './features/assessment/AssessmentPage.tsx';
import { SalaryPage } from './features/salary/SalaryPage.tsx';
import { CoopPage } from './features/coop/CoopPage.tsx';
import { ExchangePage } from './features/exchange/ExchangePage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { ReportsPage } from './features/reports/ReportsPage.tsx';
import { LedgerPage } from './features/ledger/LedgerPage.tsx';
import { OverviewPage } from './features/ledger/OverviewPage.tsx';

// The navigation and route table. A module's page lives in renderer/src/features/<area>/;
// to go live it replaces its placeholder line here (or adds one) and adds one import line.
// `path` is the first segment of the hash route: #/<path> or #/<path>/<anything the page wants>.
// A page renders a root element with class "page" (it fills the content area).
// Who sees a page is decided in access.ts from the core access matrix.

export interface NavEntry {
  path: string;
  label: string;
  render: () => ReactNode;
}

export const NAV: NavEntry[] = [
  { path: 'home', label: '首页', render: () => <HomePage /> },
  { path: 'roster', label: '花名册', render: () => <RosterPage /> },
  { path: 'training', label: '培训', render: () => <TrainingPage /> },
  { path: 'salary', label: '薪酬', render: () => <SalaryPage /> },
  { path: 'assessment', label: '考核', render: () => <AssessmentPage /> },
  { path: 'reports', label: '统计报表', render: () => <ReportsPage /> },
  { path: 'coop', label: '共建与网格', render: () => <CoopPage /> },
  { path: 'ledger', label: '台账', render: () => <LedgerPage /> },
  { path: 'ledger-overview', label: '台账总览', render: () => <OverviewPage /> },
  { path: 'exchange', label: '数据交换', render: () => <ExchangePage /> },
  { path: 'settings', label: '设置', render: () => <SettingsPage /> },
  { path: 'audit', label: '审计日志', render: () => <AuditPage /> },
  // The administrator's 审计日志 entry explains who reads the log instead (access.ts decides who sees it).
  { path: 'audit-info', label: '审计日志', render: () => <AuditNotice /> },
];
