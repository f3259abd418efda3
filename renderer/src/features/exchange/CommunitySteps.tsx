import { useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { call } from '../../api/client.ts';
import { saveBytes } from '../../api/files.ts';
import { FilePicker } from '../../components/FilePicker.tsx';
import { Can } from '../../components/RoleGate.tsx';
import { StepMessage, Steps } from './Steps.tsx';
import { ExportPanel } from './Transfer.tsx';
import { useRun } from './useRun.ts';

type Keys = OpOutput<'keys.show'>;

/** 社区: 导入县级登记文件 → 生成申请 → 电话核对指纹 → 导出数据包. */
export function CommunitySteps({ keys, onChange, showKeys, requested, setRequested }: {
  keys: Keys; onChange: () => void; showKeys: () => void;
  /** Kept by the page, so a visit to the keys page does not undo the step. */
  requested: boolean; setRequested: (v: boolean) => void;
}) {
  const county = keys.peers.find((p) => p.role === 'county' && (p.status === 'trusted' || p.status === 'pending'));
  const checked = county?.status === 'trusted';
  const ready = Boolean(keys.binding && keys.active);
  return (
    <Steps
      label="社区数据交换步骤"
      steps={[
        {
          title: '导入县级登记文件',
          done: Boolean(county),
          text: '县里为本社区导出的登记文件里有县里的公钥，以及本社区和它的上级单位。导入后，本机与县里使用相同的单位编号。',
          doneText: county ? `已导入“${county.orgName}”的登记文件。` : null,
          body: <Can op="enroll.importProfile" note="此步"><ImportProfile onChange={onChange} /></Can>,
        },
        {
          title: '生成申请',
          done: ready && (requested || checked),
          repeatable: ready && !checked,
          text: `本机为“${keys.binding?.orgName ?? keys.unit?.name ?? '本社区'}”生成自己的密钥，并把公钥写进登记申请文件。请把申请文件拷给县里。`,
          body: <Can op="enroll.exportRequest" note="此步"><MakeRequest keys={keys} onDone={() => { setRequested(true); onChange(); }} /></Can>,
        },
        {
          title: '电话核对指纹',
          done: checked,
          text: (
            <>
              给县里打电话：先把本机指纹读给县里（指纹在
              <button type="button" className="link" onClick={showKeys}>“本机密钥”页</button>
              ），再请县里读出县里的指纹，输入下面。两边都一致，登记才算完成。
            </>
          ),
          body: <Can op="enroll.confirmProfile" note="此步"><ConfirmCounty onChange={onChange} /></Can>,
        },
        {
          title: '导出数据包',
          done: false,
          text: '平时导出增量包：只含上次导出以来的新增、修改、离任和删除。县里说缺少前面的数据包、数据包链不连续，或本机换了电脑、重装后，请导出全量包。',
          body: <Can op="bundle.export" note="导出"><ExportPanel role="community" onDone={onChange} /></Can>,
        },
      ]}
    />
  );
}

function ImportProfile({ onChange }: { onChange: () => void }) {
  const { ok, error, busy, run } = useRun(onChange);
  const [file, setFile] = useState<File | null>(null);
  return (
    <div className="step-body">
      <div className="toolbar">
        <FilePicker label="选择县级登记文件…" accept=".json" testId="profile-file" onFiles={(f) => setFile(f[0] ?? null)} />
        <button type="button" className="primary" disabled={busy || !file} onClick={() => void run(async () => {
          const p = await call('enroll.importProfile', { text: await file!.text() });
          return `已导入“${p.orgName}”的登记文件。`;
        })}>导入登记文件</button>
      </div>
      <StepMessage ok={ok} error={error} />
    </div>
  );
}

function MakeRequest({ keys, onDone }: { keys: Keys; onDone: () => void }) {
  const { ok, error, busy, run } = useRun(onDone);
  return (
    <div className="step-body">
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy} onClick={() => void run(async () => {
          // Keys bind to the unit chosen at first run: nothing to ask again here.
          if (!keys.binding) await call('keys.init', {});
          const r = await call('enroll.exportRequest', {});
          saveBytes(r.fileName, r.text, 'application/json');
          return '登记申请已下载，请拷给县里，然后进行下一步电话核对。';
        })}>{keys.binding ? '重新下载登记申请' : '生成并下载登记申请'}</button>
      </div>
      <StepMessage ok={ok} error={error} />
    </div>
  );
}

function ConfirmCounty({ onChange }: { onChange: () => void }) {
  const { ok, error, busy, run } = useRun(onChange);
  const [typed, setTyped] = useState('');
  return (
    <div className="step-body">
      <div className="toolbar">
        <input className="mono fpr-input" aria-label="县里读出的指纹" placeholder="电话中县里读出的指纹" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="button" className="primary" disabled={busy || !typed.trim()} onClick={() => void run(async () => {
          const p = await call('enroll.confirmProfile', { confirm: typed });
          setTyped('');
          return `指纹一致，已信任“${p.orgName}”。`;
        })}>核对指纹</button>
      </div>
      <StepMessage ok={ok} error={error} />
    </div>
  );
}
