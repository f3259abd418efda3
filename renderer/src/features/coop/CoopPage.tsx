import { useEffect, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { OrgPicker, TabBar } from '../../components/Tabs.tsx';
import { LedgerTab } from './LedgerTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { TABS } from './specs.ts';
import './coop.css';
import { homeUnit } from '../../access.ts';

const today = () => new Date().toLocaleDateString('sv-SE');

export function CoopPage() {
  const [orgs, setOrgs] = useState<OrgUnit[] | null>(null);
  const [orgId, setOrgId] = useState('');
  const [tab, setTab] = useState('汇总');
  const [from, setFrom] = useState(() => `${new Date().getFullYear()}-01-01`);
  const [to, setTo] = useState(today);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('org.tree', {})
      .then((o) => {
        setOrgs(o);
        setOrgId((cur) => cur || homeUnit(o));
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  if (orgs === null) return <section className="page coop">{error && <div className="form-banner" role="alert">{error}</div>}</section>;
  if (!orgId) return <section className="page coop"><p className="pad">请先在花名册中建立组织架构。</p></section>;
  const spec = TABS.find((t) => t.tab === tab);
  const orgName = orgs.find((o) => o.id === orgId)?.name ?? '';
  return (
    <section className="page coop">
      <div className="toolbar no-print">
        <h1>共建与网格</h1>
        <TabBar label="共建与网格台账" tabs={['汇总', ...TABS.map((t) => t.tab)]} tab={tab} onChange={setTab} />
        <span className="spacer" />
        <OrgPicker orgs={orgs} value={orgId} onChange={setOrgId} />
        {tab === '汇总' && (
          <>
            <label className="inline-label">自<input aria-label="起始日期" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
            <label className="inline-label">至<input aria-label="截止日期" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          </>
        )}
      </div>
      <div className="coop-body">
        {spec ? <LedgerTab key={`${spec.tab}/${orgId}`} spec={spec} orgId={orgId} orgName={orgName} /> : <OverviewTab orgId={orgId} from={from} to={to} />}
      </div>
    </section>
  );
}
