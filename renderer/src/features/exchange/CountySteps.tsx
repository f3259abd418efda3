import { useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { call } from '../../api/client.ts';
import { saveBytes } from '../../api/files.ts';
import { FilePicker } from '../../components/FilePicker.tsx';
import { Can } from '../../components/RoleGate.tsx';
import { PEER_STATUS } from './files.ts';
import { StepMessage, Steps } from './Steps.tsx';
import { useRun } from './useRun.ts';

type Keys = OpOutput<'keys.show'>;

/** 县（区）: 建立本机密钥 → 导出县级登记文件 → 核对并接收社区申请. */
export function CountySteps({ keys, orgs, onChange, showKeys, exported, setExported }: {
  keys: Keys; orgs: OrgUnit[]; onChange: () => void; showKeys: () => void;
  /** Kept by the page, so a visit to the keys page does not undo the step. */
  exported: boolean; setExported: (v: boolean) => void;
}) {
  const ready = Boolean(keys.binding && keys.active);
  const communities = keys.peers.filter((p) => p.role === 'community' && p.status !== 'replaced');
  const enrolled = communities.some((p) => p.status === 'trusted');
  const unitName = keys.binding?.orgName ?? keys.unit?.name ?? '本县（区）';
  return (
    <Steps
      label="县（区）数据交换步骤"
      steps={[
        {
          title: '建立本机密钥',
          done: ready,
          text: `本机以“${unitName}”的名义与各社区交换数据。建立密钥后，社区发来的数据包只有本机能打开，本机发出的文件都带有本机的签名。`,
          doneText: `本机密钥已建立（${unitName}）。`,
          body: <Can op="keys.init" note="此步"><InitKeys keys={keys} onChange={onChange} /></Can>,
        },
        {
          title: '导出县级登记文件',
          done: ready && (exported || communities.length > 0),
          repeatable: ready,
          text: (
            <>
              为每个社区单独导出一份登记文件，里面有本机的公钥，以及该社区和它的上级单位（不含其他社区）。把文件拷给社区，并在电话中把本机指纹读给对方核对（指纹在
              <button type="button" className="link" onClick={showKeys}>“本机密钥”页</button>）。
            </>
          ),
          body: <Can op="enroll.exportProfile" note="此步"><ExportProfile orgs={orgs} onDone={() => setExported(true)} /></Can>,
        },
        {
          title: '核对并接收社区申请',
          done: enrolled,
          repeatable: enrolled,
          text: '社区把登记申请文件拷来后，请在电话中请对方读出社区的指纹，输入下面核对。一致才登记；不一致说明文件可能被调换，请勿登记。',
          body: (
            <>
              {<Can op="enroll.importRequest" note="此步"><ImportRequest onChange={onChange} /></Can>}
              {communities.length > 0 && (
                <ul className="enrolled-list" aria-label="已登记的社区">
                  {communities.map((p) => <li key={p.id}>{p.orgName}（{PEER_STATUS[p.status] ?? '状态未知'}）</li>)}
                </ul>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

/** keys.init binds to the first-run unit; a unit code is asked only when the wizard bound none usable. */
export function InitKeys({ keys, onChange }: { keys: Keys; onChange: () => void }) {
  const { ok, error, busy, run } = useRun(onChange);
  const usable = keys.unit && keys.unit.level !== 'street';
  return (
    <div className="step-body">
      {!usable && <p className="muted">首次设置时绑定的是街道（或未绑定单位）；数据交换只在县（区）与社区之间进行，请由系统管理员核对首次设置。</p>}
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy || !usable} onClick={() => void run(async () => {
          const s = await call('keys.init', {});
          return `已建立本机密钥：${s.binding?.orgName ?? ''}`;
        })}>建立本机密钥</button>
      </div>
      <StepMessage ok={ok} error={error} />
    </div>
  );
}

function ExportProfile({ orgs, onDone }: { orgs: OrgUnit[]; onDone: () => void }) {
  const { ok, error, busy, run } = useRun(onDone);
  const list = orgs.filter((o) => o.level === 'community');
  const [code, setCode] = useState('');
  return (
    <div className="step-body">
      <div className="toolbar">
        <label className="inline-label">
          社区
          <select aria-label="社区" value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">选择社区…</option>
            {list.map((o) => <option key={o.id} value={o.code}>{o.name}</option>)}
          </select>
        </label>
        <button type="button" className="primary" disabled={busy || !code} onClick={() => void run(async () => {
          const p = await call('enroll.exportProfile', { communityCode: code });
          saveBytes(p.fileName, p.text, 'application/json');
          return `已下载“${p.community?.name ?? ''}”的登记文件，请拷给该社区，并电话告知本机指纹。`;
        })}>导出登记文件</button>
      </div>
      <StepMessage ok={ok} error={error} />
    </div>
  );
}

function ImportRequest({ onChange }: { onChange: () => void }) {
  const { ok, error, busy, run } = useRun(onChange);
  const [file, setFile] = useState<File | null>(null);
  const [typed, setTyped] = useState('');
  return (
    <div className="step-body">
      <div className="toolbar">
        <FilePicker label="选择登记申请文件…" accept=".json" testId="request-file" onFiles={(f) => setFile(f[0] ?? null)} />
        <input className="mono fpr-input" aria-label="社区读出的指纹" placeholder="电话中社区读出的指纹" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="button" className="primary" disabled={busy || !file || !typed.trim()} onClick={() => void run(async () => {
          const p = await call('enroll.importRequest', { text: await file!.text(), confirm: typed });
          setTyped('');
          return `已登记：${p.orgName}（${p.orgCode}）`;
        })}>核对指纹并登记</button>
      </div>
      {(!file || !typed.trim()) && <p className="muted small-text">选择申请文件并输入社区读出的指纹后才能登记。</p>}
      <StepMessage ok={ok} error={error} />
    </div>
  );
}
