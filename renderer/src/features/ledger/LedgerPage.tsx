import { useEffect, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { OrgPicker, TabBar, YearPicker } from '../../components/Tabs.tsx';
import { ItemsTab } from './ItemsTab.tsx';
import { OrdersTab } from './OrdersTab.tsx';
import { TasksTab } from './TasksTab.tsx';
import { QuartersTab } from './QuartersTab.tsx';
import './ledger.css';
import { homeUnit, unitsInScope } from '../../access.ts';

const TABS = ['清单', '任务', '点单', '季度报告'] as const;
type Tab = (typeof TABS)[number];

export interface LedgerScope {
  orgs: OrgUnit[];
  orgId: string;
  year: number;
}

/** 台账: lists (清单), tasks sent down with their reports, and the order loop (点单). */
export function LedgerPage() {
  const [orgs, setOrgs] = useState<OrgUnit[] | null>(null);
  // #/ledger/<orgId>: the county view's drill-down opens the unit's records.
  const [orgId, setOrgId] = useState(() => window.location.hash.replace(/^#\/?/, '').split('/')[1] ?? '');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [tab, setTab] = useState<Tab>('清单');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('org.tree', {})
      .then((o) => {
        setOrgs(o);
        setOrgId((cur) => (cur && unitsInScope(o).some((u) => u.id === cur) ? cur : homeUnit(o)));
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  if (orgs === null) return <section className="page ledger">{error && <div className="form-banner" role="alert">{error}</div>}</section>;
  if (!orgId) return <section className="page ledger"><p className="pad">请先在花名册中建立组织架构。</p></section>;
  const scope: LedgerScope = { orgs, orgId, year };
  return (
    <section className="page ledger">
      <div className="toolbar">
        <h1>台账</h1>
        <TabBar label="台账功能" tabs={TABS} tab={tab} onChange={(t) => setTab(t as Tab)} />
        <span className="spacer" />
        <OrgPicker orgs={orgs} value={orgId} onChange={setOrgId} />
        <YearPicker year={year} onChange={setYear} />
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <div className="ledger-body">
        {tab === '清单' && <ItemsTab scope={scope} />}
        {tab === '任务' && <TasksTab scope={scope} />}
        {tab === '点单' && <OrdersTab scope={scope} />}
        {tab === '季度报告' && <QuartersTab scope={scope} />}
      </div>
    </section>
  );
}

/** The 五色 chip: colour name as text, so it prints and reads without colour too. */
export function ColourChip({ colour }: { colour: string }) {
  return <span className="colour-chip" data-colour={colour}>{colour}</span>;
}
