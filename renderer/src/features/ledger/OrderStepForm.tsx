import { useEffect, useState } from 'react';
import type { OrderRecord } from '../../../../core/ledger/orders/contract.ts';
import type { AttachmentInput } from '../../../../core/ledger/attachments.ts';
import { ASSIGNEE_KINDS, RATINGS } from '../../../../core/ledger/codes.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { mayCall } from '../../access.ts';
import { Field, FormBanner } from '../../components/Field.tsx';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { AttachmentPicker } from './AttachmentPicker.tsx';

// The next step of the loop for the order's status. The core decides what is allowed; a
// refused step comes back as a Chinese message shown above the form.
const NEXT: Record<string, { op: string; label: string } | undefined> = {
  已登记: { op: 'ledger.orders.build', label: '建单' },
  已建单: { op: 'ledger.orders.dispatch', label: '派单' },
  已派单: { op: 'ledger.orders.take', label: '接单' },
  已接单: { op: 'ledger.orders.handle', label: '办理反馈' },
  已办理: { op: 'ledger.orders.rate', label: '评单' },
  已评单: { op: 'ledger.orders.close', label: '销号' },
};

const BLANK = { note: '', assigneeKind: '志愿服务队', assigneeName: '', assigneeId: '', dueDate: '', takenBy: '', feedback: '', rating: '满意' };

export function OrderStepForm({ order, onDone }: { order: OrderRecord; onDone: () => void }) {
  const next = NEXT[order.status];
  const [f, setF] = useState(BLANK);
  const [files, setFiles] = useState<AttachmentInput[]>([]);
  // Bumped by 放弃修改: remounts the file picker, which keeps its own list of chosen names.
  const [round, setRound] = useState(0);
  const [members, setMembers] = useState<{ id: string; name: string }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  useEffect(() => {
    if (order.status === '已建单' && f.assigneeKind === '党员')
      void call('roster.list', { orgId: order.orgId }).then((r) => setMembers(r.rows.map((p) => ({ id: p.id, name: p.name }))), () => setMembers([]));
  }, [order.status, order.orgId, f.assigneeKind]);
  const shown = !!next && mayCall(next.op);
  // Typed feedback on a 不满意 order is a 返办, not the 销号 the main button does.
  const reopen = order.status === '已评单' && order.rating === '不满意' && f.feedback !== '';
  useDirty(shown ? countChanges(BLANK, f) + files.length : 0, {
    label: `工单“${next?.label ?? ''}”（未提交）`,
    save: () => submit(reopen ? 'ledger.orders.handle' : next!.op),
    discard: () => (setF(BLANK), setFiles([]), setRound((r) => r + 1)),
  });
  if (!next || !shown) return null;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((cur) => ({ ...cur, [k]: e.target.value }));

  async function submit(op: string): Promise<boolean> {
    const base = { id: order.id, note: f.note || null, attachments: files };
    const input: Record<string, unknown> =
      op === 'ledger.orders.dispatch'
        ? { ...base, assigneeKind: f.assigneeKind, assigneeName: f.assigneeName || null, assigneeId: f.assigneeKind === '党员' ? f.assigneeId || null : null, dueDate: f.dueDate }
        : op === 'ledger.orders.take' ? { ...base, takenBy: f.takenBy || null }
        : op === 'ledger.orders.handle' ? { ...base, feedback: f.feedback }
        : op === 'ledger.orders.rate' ? { ...base, rating: f.rating }
        : base;
    try {
      await call(op as 'ledger.orders.build', input as never);
      // The next status mounts a fresh form (OrderDetail keys it by status).
      onDone();
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setBanner(errorText(e));
      return false;
    }
  }

  const op = next.op;
  return (
    <div className="step-form" aria-label="下一步">
      <h3>下一步：{next.label}</h3>
      <FormBanner message={banner} />
      <div className="grid-fields">
        {op === 'ledger.orders.dispatch' && (
          <>
            <Field name="assigneeKind" label="承办方类型" required error={errors.assigneeKind} htmlFor="os-assigneeKind">
              <select id="os-assigneeKind" value={f.assigneeKind} onChange={set('assigneeKind')}>
                {ASSIGNEE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            </Field>
            {f.assigneeKind === '党员' ? (
              <Field name="assigneeId" label="承办党员" required error={errors.assigneeId} htmlFor="os-assigneeId">
                <select id="os-assigneeId" value={f.assigneeId} onChange={set('assigneeId')}>
                  <option value="">（请选择）</option>
                  {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
                </select>
              </Field>
            ) : (
              <Field name="assigneeName" label="承办方" required error={errors.assigneeName} htmlFor="os-assigneeName">
                <input id="os-assigneeName" value={f.assigneeName} onChange={set('assigneeName')} />
              </Field>
            )}
            <Field name="dueDate" label="办理时限" required error={errors.dueDate} htmlFor="os-dueDate">
              <input id="os-dueDate" type="date" value={f.dueDate} onChange={set('dueDate')} />
            </Field>
          </>
        )}
        {op === 'ledger.orders.take' && (
          <Field name="takenBy" label="接单人（空则为承办方）" error={errors.takenBy} htmlFor="os-takenBy">
            <input id="os-takenBy" value={f.takenBy} onChange={set('takenBy')} />
          </Field>
        )}
        {(op === 'ledger.orders.handle' || (order.status === '已评单' && order.rating === '不满意')) && (
          <Field name="feedback" label="办理反馈" required error={errors.feedback} wide htmlFor="os-feedback">
            <textarea id="os-feedback" rows={3} value={f.feedback} onChange={set('feedback')} />
          </Field>
        )}
        {op === 'ledger.orders.rate' && (
          <Field name="rating" label="群众评价" required error={errors.rating} htmlFor="os-rating">
            <select id="os-rating" value={f.rating} onChange={set('rating')}>
              {RATINGS.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </Field>
        )}
        <Field name="note" label="说明" error={errors.note} wide htmlFor="os-note">
          <input id="os-note" value={f.note} onChange={set('note')} />
        </Field>
        <Field name="attachments" label="佐证材料" error={errors.attachments} wide htmlFor="os-attachments">
          <AttachmentPicker key={round} id="os-attachments" onChange={setFiles} />
        </Field>
      </div>
      <button type="button" className="primary" onClick={() => void submit(op)}>{next.label}</button>
      {order.status === '已评单' && order.rating === '不满意' && (
        <button type="button" onClick={() => void submit('ledger.orders.handle')}>返办（重新办理）</button>
      )}
    </div>
  );
}
