import { useCallback, useEffect, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { OrderRecord } from '../../../../core/ledger/orders/contract.ts';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { call, errorText } from '../../api/client.ts';
import { downloadBase64 } from '../../api/files.ts';
import { OrderStepForm } from './OrderStepForm.tsx';

type Detail = OpOutput<'ledger.orders.get'>;

/** One order: its facts, the steps taken as a timeline, and the form for the next step. */
export function OrderDetail({ id, onChanged }: { id: string; orgs: OrgUnit[]; onChanged: () => void }) {
  const [o, setO] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setO(await call('ledger.orders.get', { id }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id]);
  useEffect(() => void load(), [load]);
  if (!o) return <div className="order-detail">{error && <div className="form-banner" role="alert">{error}</div>}</div>;
  return (
    <div className="order-detail" aria-label="工单详情">
      <h2>
        {o.title} <span className="order-status">（{o.status}）</span>
        {o.overdue && <span className="overdue-flag"> 逾期</span>}
      </h2>
      {error && <div className="form-banner" role="alert">{error}</div>}
      <p className="meta">
        {o.orgName} · {o.source} · {o.category}
        {o.assigneeName && ` · 承办：${o.assigneeKind}「${o.assigneeName}」`}
        {o.dueDate && ` · 时限 ${o.dueDate}`}
        {o.rating && ` · 评价：${o.rating}`}
      </p>
      {o.content && <p>{o.content}</p>}
      <ol className="timeline" aria-label="办理时间线">
        {o.steps.map((s) => (
          <li key={s.id}>
            <span className="step">{s.step}</span>
            <span className="meta">{s.actorName} · {new Date(s.at).toLocaleString('zh-CN')}</span>
            {s.note && <div>{s.note}</div>}
            {s.attachments.length > 0 && (
              <div className="meta">
                附件：
                {s.attachments.map((a) => (
                  <button key={a.id} type="button" className="link" onClick={() => void call('ledger.attachments.get', { id: a.id }).then((f) => downloadBase64(f.fileName, f.base64, f.mime), (e: unknown) => setError(errorText(e)))}>
                    {a.fileName}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
      {o.feedback && <p><b>办理反馈：</b>{o.feedback}</p>}
      {!o.received && o.status !== '已销号' && <OrderStepForm key={o.status} order={o as OrderRecord} onDone={() => { void load(); onChanged(); }} />}
      {o.received && <p className="meta">该工单由社区报送，本机只读。</p>}
    </div>
  );
}
