import type { OpOutput } from '../../../../core/contract/index.ts';
import { call } from '../../api/client.ts';
import { mayCall } from '../../access.ts';
import { PEER_STATUS } from './files.ts';
import { StepMessage } from './Steps.tsx';
import { useRun } from './useRun.ts';

type KeysState = OpOutput<'keys.show'>;

/** The keys page: the one place that shows fingerprints and receiving keys, each explained. */
export function KeysPanel({ state, onChange }: { state: KeysState; onChange: () => void }) {
  const { ok, error, run } = useRun(onChange);
  const b = state.binding;
  const a = state.active;
  const isCounty = b?.role === 'county';
  // Keys superseded by a newer file or a rotation are history, not a unit to call.
  const peers = state.peers.filter((p) => p.status !== 'replaced');
  return (
    <section className="exchange-section" aria-labelledby="keys-title">
      <h2 id="keys-title">本机密钥与指纹</h2>
      {!b || !a ? (
        <p className="muted">本机尚未建立密钥，请按“交换步骤”页办理。</p>
      ) : (
        <>
          <dl className="keys-facts">
            <dt>本单位</dt><dd>{b.orgName}（{b.orgCode}，{isCounty ? '县（区）' : '社区'}）</dd>
            <dt>本机指纹</dt><dd className="mono fingerprint" data-testid="own-fingerprint">{a.fingerprint}</dd>
            <dt>接收公钥</dt><dd className="mono small-text">{a.ageRecipient}{a.ageSource === 'age-keygen' ? '（由外部工具生成后导入）' : ''}</dd>
          </dl>
          <p className="muted small-text">
            指纹是本机密钥的简短摘要，用于电话核对：对方导入本机的登记文件时，要输入你读出的指纹，一致才说明文件没有在途中被调换。
            接收公钥是对方给本机加密数据包时使用的，会随登记文件自动交给对方，无需抄写。
          </p>
        </>
      )}
      <h3>已登记的对方单位</h3>
      <table className="plain-table">
        <thead><tr><th>对方单位</th><th>代码</th><th>指纹</th><th>状态</th><th /></tr></thead>
        <tbody>
          {peers.map((p) => (
            <tr key={p.id}>
              <td>{p.orgName}</td><td>{p.orgCode}</td><td className="mono">{p.fingerprint}</td>
              <td>{PEER_STATUS[p.status] ?? '状态未知'}</td>
              <td>{p.status === 'trusted' && isCounty && mayCall('keys.revokePeer') && (
                <button type="button" className="link" onClick={() => window.confirm(`吊销“${p.orgName}”的密钥？吊销后需重新登记。`) && void run(async () => (await call('keys.revokePeer', { peerId: p.id }), '已吊销'))}>吊销</button>
              )}</td>
            </tr>
          ))}
          {!peers.length && <tr><td colSpan={5} className="muted">尚未登记对方单位</td></tr>}
        </tbody>
      </table>
      <StepMessage ok={ok} error={error} />
    </section>
  );
}
