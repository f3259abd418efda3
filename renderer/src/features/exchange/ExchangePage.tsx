import { useCallback, useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { FormBanner } from '../../components/Field.tsx';
import { TabBar } from '../../components/Tabs.tsx';
import { mayCall } from '../../access.ts';
import { CommunitySteps } from './CommunitySteps.tsx';
import { ConflictsPanel } from './Conflicts.tsx';
import { CountySteps } from './CountySteps.tsx';
import { KeysPanel } from './KeysPanel.tsx';
import { ExportPanel, HistoryPanel, ImportPanel, OverviewPanel } from './Transfer.tsx';
import './exchange.css';

const STEPS = '交换步骤';
const TRANSFER = '收发数据';
const CONFLICTS = '冲突处理';
const KEYS = '本机密钥';

/** 数据交换: a guided path for each side, the county's traffic and conflicts, and the keys page. */
export function ExchangePage() {
  const [keys, setKeys] = useState<OpOutput<'keys.show'> | null>(null);
  const [history, setHistory] = useState<OpOutput<'bundle.history'> | null>(null);
  const [overview, setOverview] = useState<OpOutput<'bundle.overview'> | null>(null);
  const [conflicts, setConflicts] = useState<OpOutput<'bundle.conflicts'>>([]);
  const [orgs, setOrgs] = useState<OrgUnit[]>([]);
  const [tab, setTab] = useState<string | null>(null);
  const [exported, setExported] = useState(false);
  const [requested, setRequested] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const k = await call('keys.show', {});
      setKeys(k);
      setHistory(await call('bundle.history', {}));
      const county = (k.binding?.role ?? k.unit?.level) === 'county';
      if (county && k.binding && mayCall('bundle.overview')) setOverview(await call('bundle.overview', {}));
      if (county && mayCall('bundle.conflicts')) setConflicts(await call('bundle.conflicts', {}));
      if (county) setOrgs(await call('org.tree', {}));
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => void load(), [load]);

  if (!keys) return <div className="page exchange-page"><FormBanner message={error} /></div>;
  const side = keys.binding?.role ?? (keys.unit?.level === 'county' ? 'county' : 'community');
  const county = side === 'county';
  const enrolled = keys.peers.some((p) => p.status === 'trusted' && p.role === (county ? 'community' : 'county'));
  const ready = Boolean(keys.binding && keys.active);
  const tabs = [STEPS, ...(ready ? [TRANSFER] : []), ...(county && mayCall('bundle.conflicts') && ready ? [CONFLICTS] : []), KEYS];
  // The county works from its traffic once a community is enrolled; a community's daily export is the last step.
  const current = tab && tabs.includes(tab) ? tab : county && enrolled ? TRANSFER : STEPS;
  const showKeys = () => setTab(KEYS);
  return (
    <div className="page exchange-page">
      <div className="toolbar">
        <h1>数据交换</h1>
        <TabBar label="数据交换" tabs={tabs.map((t) => (t === CONFLICTS && conflicts.length ? `${t}（${conflicts.length}）` : t))}
          tab={current === CONFLICTS && conflicts.length ? `${CONFLICTS}（${conflicts.length}）` : current}
          onChange={(t) => setTab(t.startsWith(CONFLICTS) ? CONFLICTS : t)} />
        <span className="muted small-text">{county ? '本机是县（区），接收各社区的数据包并下发政策包。' : '本机是社区，向县（区）报送数据包。'}</span>
      </div>
      <FormBanner message={error} />
      {current === STEPS && (county
        ? <CountySteps keys={keys} orgs={orgs} onChange={() => void load()} showKeys={showKeys} exported={exported} setExported={setExported} />
        : <CommunitySteps keys={keys} onChange={() => void load()} showKeys={showKeys} requested={requested} setRequested={setRequested} />)}
      {current === TRANSFER && (
        <>
          {mayCall('bundle.import') && <ImportPanel side={side} onDone={() => void load()} />}
          {county && mayCall('bundle.export') && <ExportPanel role="county" onDone={() => void load()} />}
          {overview && <OverviewPanel data={overview} onConflicts={mayCall('bundle.conflicts') ? () => setTab(CONFLICTS) : null} />}
          {history && <HistoryPanel data={history} />}
        </>
      )}
      {current === CONFLICTS && <ConflictsPanel list={conflicts} onChange={() => void load()} />}
      {current === KEYS && <KeysPanel state={keys} onChange={() => void load()} />}
    </div>
  );
}
