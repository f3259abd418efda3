import type { ReactNode } from 'react';
import { RosterPage } from './features/roster/RosterPage.tsx';
import { ComingSoon } from './features/placeholder/ComingSoon.tsx';
import { TrainingPage } from './features/training/TrainingPage.tsx';

// The navigation and route table. A module's page lives in renderer/src/features/<area>/;
// to go live it replaces its placeholder line here (or adds one) and adds one import line.
// `path` is the first segment of the hash route: #/<path> or #/<path>/<anything the page wants>.
// A page renders a root element with class "page" (it fills the content area).

export interface NavEntry {
  path: string;
  label: string;
  render: () => ReactNode;
}

export const NAV: NavEntry[] = [
  { path: 'roster', label: '花名册', render: () => <RosterPage /> },
  { path: 'training', label: '培训', render: () => <TrainingPage /> },
  { path: 'salary', label: '薪酬', render: () => <ComingSoon title="薪酬" /> },
  { path: 'assessment', label: '考核', render: () => <ComingSoon title="考核" /> },
  { path: 'exchange', label: '数据交换', render: () => <ComingSoon title="数据交换" /> },
  { path: 'settings', label: '设置', render: () => <ComingSoon title="设置" /> },
];
