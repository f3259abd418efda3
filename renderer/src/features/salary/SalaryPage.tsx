import { useEffect, useState } from 'react';
import { afterLeaving, switchTab } from '../../components/Tabs.tsx';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { SchemesPanel } from './SchemesPanel.tsx';
import { PersonPanel } from './PersonPanel.tsx';
import { BatchGradingPanel } from './BatchGradingPanel.tsx';
import { PromotionPanel } from './PromotionPanel.tsx';
import { PaySheetPanel } from './PaySheetPanel.tsx';
import { SettlementPanel } from './SettlementPanel.tsx';
import './salary.css';
import { OrgSelect } from '../../components/OrgSelect.tsx';
import { homeUnit } from '../../access.ts';

const TABS = ['薪酬方案', '批量定级', '定级与薪级', '年度晋级', '月度工资表', '年终绩效'] as const;
type Tab = (typeof TABS)[number];

/** 薪酬: the 三岗十八级 pay grid. Every rule and amount comes from a scheme version; the page only edits and shows. */
export function SalaryPage() {
  const [tab, setTab] = useState<Tab>('薪酬方案');
  const [orgs, setOrgs] = useState<OrgUnit[]>([]);
  const [orgId, setOrgId] = useState<string>('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('org.tree', {})
      .then((o) => {
        setOrgs(o);
        setOrgId((cur) => cur || homeUnit(o));
      })
      .catch((e) => setError(errorText(e)));
  }, []);

  return (
    <section className="page salary">
      <div className="toolbar">
        <h1>薪酬（三岗十八级）</h1>
        <div className="segmented" role="tablist" aria-label="薪酬内容">
          {TABS.map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'on' : undefined} onClick={() => void switchTab(tab, t, setTab)}>
              {t}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {tab !== '薪酬方案' && (
          <label className="inline-field">
            单位
            <OrgSelect label="单位" orgs={orgs} value={orgId} onChange={afterLeaving(setOrgId)} />
          </label>
        )}
      </div>
      {error && <div className="form-banner" role="alert">{error}</div>}
      {tab === '薪酬方案' && <SchemesPanel orgs={orgs} />}
      {tab === '批量定级' && orgId && <BatchGradingPanel orgId={orgId} />}
      {tab === '定级与薪级' && orgId && <PersonPanel orgId={orgId} />}
      {tab === '年度晋级' && orgId && <PromotionPanel orgId={orgId} />}
      {tab === '月度工资表' && orgId && <PaySheetPanel orgId={orgId} />}
      {tab === '年终绩效' && orgId && <SettlementPanel orgId={orgId} />}
    </section>
  );
}
