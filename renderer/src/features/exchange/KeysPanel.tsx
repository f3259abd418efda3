import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../../core/contract/index.ts';
import type { OrgUnit } from '../../../../core/org/contract.ts';
import { call, errorText } from '../../api/client.ts';
import { FormBanner } from '../../components/Field.tsx';
import { saveBytes } from '../../api/files.ts';
import { mayCall } from '../../access.ts';

type KeysState = OpOutput<'keys.show'>;

/** Keys, fingerprints and the four enrollment steps. */
export function KeysPanel({ state, onChange }: { state: KeysState; onChange: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, setConfirm] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [orgs, setOrgs] = useState<OrgUnit[]>([]);
  const [orgCode, setOrgCode] = useState('');
  useEffect(() => void call('org.tree', {}).then(setOrgs).catch(() => setOrgs([])), []);

  const run = async (f: () => Promise<string>) => {
    setError(null);
    setMessage(null);
    try {
      setMessage(await f());
      onChange();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const b = state.binding;
  const a = state.active;

  if (!b || !a)
    return (
      <section className="exchange-section" aria-labelledby="keys-title">
        <h2 id="keys-title">本机密钥</h2>
        <p className="muted">尚未初始化。请选择本机所属单位（县或社区）；社区请先导入县级配置，以使用县里的组织编号。{!mayCall('keys.init') && '此项由系统管理员办理。'}</p>
        {mayCall('keys.init') && <div className="toolbar">
          <select aria-label="本单位" value={orgCode} onChange={(e) => setOrgCode(e.target.value)}>
            <option value="">选择单位…</option>
            {orgs.filter((o) => o.level !== 'street').map((o) => (
              <option key={o.id} value={o.code}>{o.name}（{o.code}）</option>
            ))}
          </select>
          <button type="button" className="primary" disabled={!orgCode} onClick={() => void run(async () => (await call('keys.init', { orgCode }), '已生成本机密钥'))}>
            初始化密钥
          </button>
          <ImportProfile confirm={confirm} setConfirm={setConfirm} file={file} setFile={setFile} run={run} />
        </div>}
        <FormBanner message={error} />
        {message && <p className="ok-text" role="status">{message}</p>}
      </section>
    );

  const isCounty = b.role === 'county';
  return (
    <section className="exchange-section" aria-labelledby="keys-title">
      <h2 id="keys-title">本机密钥与登记</h2>
      <dl className="keys-facts">
        <dt>本单位</dt><dd>{b.orgName}（{b.orgCode}，{isCounty ? '县（区）' : '社区'}）</dd>
        <dt>本机指纹</dt><dd className="mono fingerprint" data-testid="own-fingerprint">{a.fingerprint}</dd>
        <dt>接收公钥</dt><dd className="mono small-text">{a.ageRecipient}{a.ageSource === 'age-keygen' ? '（由 age-keygen 导入）' : ''}</dd>
      </dl>
      {mayCall('enroll.importRequest') && <div className="toolbar">
        {isCounty ? (
          <button type="button" onClick={() => void run(async () => {
            const p = await call('enroll.exportProfile', {});
            saveBytes(p.fileName, p.text, 'application/json');
            return `县级配置已下载，请将指纹 ${p.fingerprint} 告知各社区核对`;
          })}>导出县级配置</button>
        ) : (
          <button type="button" onClick={() => void run(async () => {
            const r = await call('enroll.exportRequest', {});
            saveBytes(r.fileName, r.text, 'application/json');
            return `登记申请已下载；请电话告知县里本机指纹 ${r.fingerprint}`;
          })}>导出登记申请</button>
        )}
        <label className="file-pick">
          {isCounty ? '社区登记申请：' : '县级配置：'}
          <input type="file" accept=".json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <input className="mono fpr-input" aria-label="核对指纹" placeholder="电话核对的指纹，如 74D6 AB36 …" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <button type="button" className="primary" disabled={!file || (isCounty && !confirm.trim())} onClick={() => void run(async () => {
          const text = await file!.text();
          const p = isCounty
            ? await call('enroll.importRequest', { text, confirm })
            : await call('enroll.importProfile', { text, confirm: confirm.trim() || null });
          setConfirm('');
          return `已登记：${p.orgName}（${p.orgCode}）`;
        })}>{isCounty ? '核对指纹并登记' : '导入县级配置'}</button>
      </div>}
      <FormBanner message={error} />
      {message && <p className="ok-text" role="status">{message}</p>}
      <table className="plain-table">
        <thead><tr><th>对方单位</th><th>代码</th><th>指纹</th><th>状态</th><th /></tr></thead>
        <tbody>
          {state.peers.map((p) => (
            <tr key={p.id}>
              <td>{p.orgName}</td><td>{p.orgCode}</td><td className="mono">{p.fingerprint}</td>
              <td>{{ trusted: '已信任', pending: '待核对', revoked: '已吊销', replaced: '已更换' }[p.status] ?? p.status}</td>
              <td>{p.status === 'trusted' && isCounty && mayCall('keys.revokePeer') && (
                <button type="button" className="link" onClick={() => window.confirm(`吊销“${p.orgName}”的密钥？吊销后需重新登记。`) && void run(async () => (await call('keys.revokePeer', { peerId: p.id }), '已吊销'))}>吊销</button>
              )}</td>
            </tr>
          ))}
          {!state.peers.length && <tr><td colSpan={5} className="muted">尚未登记对方单位</td></tr>}
        </tbody>
      </table>
    </section>
  );
}

function ImportProfile(p: { confirm: string; setConfirm: (s: string) => void; file: File | null; setFile: (f: File | null) => void; run: (f: () => Promise<string>) => Promise<void> }) {
  return (
    <>
      <label className="file-pick">县级配置：<input type="file" accept=".json" onChange={(e) => p.setFile(e.target.files?.[0] ?? null)} /></label>
      <input className="mono fpr-input" aria-label="县级指纹" placeholder="县里告知的指纹（可选）" value={p.confirm} onChange={(e) => p.setConfirm(e.target.value)} />
      <button type="button" disabled={!p.file} onClick={() => void p.run(async () => {
        const r = await call('enroll.importProfile', { text: await p.file!.text(), confirm: p.confirm.trim() || null });
        return `已导入县级配置：${r.orgName}，指纹 ${r.fingerprint}`;
      })}>导入县级配置</button>
    </>
  );
}
