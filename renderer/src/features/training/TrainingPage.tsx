import { useEffect, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { ClassesTab } from './ClassesTab.tsx';
import { SeriesTab } from './SeriesTab.tsx';
import { HoursTab } from './HoursTab.tsx';
import { RulesTab } from './RulesTab.tsx';
import { PersonHistoryView } from './PersonHistoryView.tsx';
import './training.css';
import { OrgPicker, TabBar, YearPicker } from '../../components/Tabs.tsx';
import { homeUnit } from '../../access.ts';

const TABS = ['班次', '书记讲堂', '学时统计', '未达标名单', '年度要求'] as const;
type Tab = (typeof TABS)[number];

export interface Scope {
  orgs: OrgUnit[];
  orgId: string;
  year: number;
  openPerson: (personId: string) => void;
}

export function TrainingPage() {
  const [orgs, setOrgs] = useState<OrgUnit[] | null>(null);
  const [orgId, setOrgId] = useState<string>('');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [tab, setTab] = useState<Tab>('班次');
  const [personId, setPersonId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('org.tree', {})
      .then((o) => {
        setOrgs(o);
        setOrgId((cur) => cur || homeUnit(o));
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  if (personId) return <PersonHistoryView personId={personId} onBack={() => setPersonId(null)} />;
  if (orgs === null) return <section className="page training">{error && <div className="form-banner" role="alert">{error}</div>}</section>;
  if (!orgId) return <section className="page training"><p className="pad">请先在花名册中建立组织架构。</p></section>;

  const scope: Scope = { orgs, orgId, year, openPerson: setPersonId };
  return (
    <section className="page training">
      <div className="toolbar">
        <h1>培训</h1>
        <TabBar label="培训功能" tabs={TABS} tab={tab} onChange={(t) => setTab(t as Tab)} />
        <span className="spacer" />
        <OrgPicker orgs={orgs} value={orgId} onChange={setOrgId} />
        <YearPicker year={year} onChange={setYear} />
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="training-body">
        {tab === '班次' && <ClassesTab scope={scope} />}
        {tab === '书记讲堂' && <SeriesTab scope={scope} />}
        {tab === '学时统计' && <HoursTab scope={scope} below={false} />}
        {tab === '未达标名单' && <HoursTab scope={scope} below />}
        {tab === '年度要求' && <RulesTab />}
      </div>
    </section>
  );
}
