import type { OpOutput } from '../../../../core/contract/index.ts';
import { call } from '../../api/client.ts';
import { mayCall } from '../../access.ts';
import { fmtTime } from './files.ts';
import { StepMessage } from './Steps.tsx';
import { useRun } from './useRun.ts';

type Conflict = OpOutput<'bundle.conflicts'>[number];

const DECISIONS = {
  keep_local: '保留本机记录',
  take_received: '采用收到的记录',
  different: '标记为不同人员',
} as const;

/** Each record a bundle could not merge, side by side with the stored one, and the three decisions. */
export function ConflictsPanel({ list, onChange }: { list: Conflict[]; onChange: () => void }) {
  const { ok, error, busy, run } = useRun(onChange);
  const may = mayCall('bundle.resolveConflict');
  return (
    <section className="exchange-section" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">跨社区重复与冲突</h2>
      <p className="muted">
        收到的记录与本机已有的记录冲突时（如同一身份证号同时在两个社区在岗），收到的记录先放在这里，不会覆盖已有数据。请逐条核实后处理：保留本机记录，则收到的记录不采用；采用收到的记录，则本机原记录标记删除并注明原因（不会抹去）；标记为不同人员，则两条都保持原样，请通知报送的社区核对并更正身份证号后重新报送。
        {!may && ' 处理由审核员办理。'}
      </p>
      <StepMessage ok={ok} error={error} />
      {!list.length && <p className="muted" role="note">没有待处理的冲突记录。</p>}
      {list.map((c) => (
        <article key={c.id} className="conflict-card" aria-label={`冲突：${c.received.title}`}>
          <p><strong>{c.tableLabel}</strong>　{c.reason}　<span className="muted small-text">（{c.senderName} 报送，{fmtTime(c.detectedAt)}）</span></p>
          <div className="conflict-sides">
            <Side title="本机已有的记录" s={c.local} />
            <Side title={`收到的记录（${c.senderName}）`} s={c.received} />
          </div>
          {may && (
            <div className="toolbar">
              {/* Only the decisions core allows for this conflict and this account (bundle.conflicts `decisions`). */}
              {c.decisions.map((d) => (
                <button key={d} type="button" disabled={busy} className={d === 'keep_local' ? 'primary' : undefined} onClick={() => void run(async () => {
                  await call('bundle.resolveConflict', { conflictId: c.id, decision: d });
                  return `已处理“${c.received.title}”：${DECISIONS[d]}`;
                })}>{DECISIONS[d]}</button>
              ))}
            </div>
          )}
        </article>
      ))}
    </section>
  );
}

function Side({ title, s }: { title: string; s: Conflict['local'] }) {
  return (
    <div className="conflict-side">
      <h4>{title}</h4>
      {s ? (
        <>
          <p><strong>{s.title}</strong>　{s.unit}</p>
          <p className="small-text">{s.details.join('；')}</p>
        </>
      ) : <p className="muted">本机已没有与之冲突的记录</p>}
    </div>
  );
}
