import { useState } from 'react';
import type { PersonRecord } from '../../../../core/roster/contract.ts';
import { retireInput } from '../../../../core/roster/person-schema.ts';
import { localIsoDate } from '../../../../core/roster/dates.ts';
import { LEAVING_STATUSES } from '../../../../core/codes/tables.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { countChanges, useDirty } from '../../components/useDirty.ts';

interface Props {
  person: { id: string; name?: string };
  onSaved: (p: PersonRecord) => void;
  onClose: () => void;
}

export function RetireDialog({ person, onSaved, onClose }: Props) {
  const [status, setStatus] = useState<string>('离任');
  const [today] = useState(() => localIsoDate(new Date()));
  const [date, setDate] = useState(today);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const changes = countChanges({ status: '离任', date: today, reason: '' }, { status, date, reason });
  const { leave } = useDirty(changes, { label: `离岗办理：${person.name ?? ''}（${changes} 处修改）`, save: submit });
  const close = () => void leave().then((ok) => ok && onClose());

  async function submit(): Promise<boolean> {
    const input = { id: person.id, status, date, reason };
    const parsed = retireInput.safeParse(input);
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))));
      setBanner(null);
      return false;
    }
    setSaving(true);
    try {
      onSaved(await call('roster.retire', parsed.data));
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setBanner(errorText(e));
      return false;
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      title={`离岗办理：${person.name}`}
      onClose={close}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <span className="muted">记录与历史将完整保留</span>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary danger" disabled={saving} onClick={() => void submit()}>
            {saving ? '正在办理…' : '确认办理'}
          </button>
        </>
      }
    >
      <div className="grid-fields one">
        <Field name="status" label="离岗类型" required error={errors.status} htmlFor="rt-status">
          <select id="rt-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {LEAVING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
        <Field name="date" label="离岗日期" required error={errors.date} htmlFor="rt-date">
          <input id="rt-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field name="reason" label="离岗原因" required error={errors.reason} htmlFor="rt-reason">
          <textarea id="rt-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
    </Dialog>
  );
}
