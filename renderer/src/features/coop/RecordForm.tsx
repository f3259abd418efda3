import { useState } from 'react';
import { ApiError, errorText, issuesByPath } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { callAny, type FormSpec } from './specs.ts';
import { countChanges, useDirty } from '../../components/useDirty.ts';

type Values = Record<string, string>;

/** A form built from a spec: one Field per input, the server's issues shown under each. */
export function RecordForm({ spec, initial, orgId, onClose, onSaved }: {
  spec: FormSpec;
  initial: Record<string, unknown> | null;
  orgId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [start] = useState<Values>(() => Object.fromEntries(spec.fields.map((f) => [f.key, f.toText ? f.toText(initial?.[f.key]) : String(initial?.[f.key] ?? f.initial ?? '')])));
  const [v, setV] = useState<Values>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: string) => (e: { target: { value: string } }) => setV((cur) => ({ ...cur, [k]: e.target.value }));

  const save = async (): Promise<boolean> => {
    if (saving) return false;
    setSaving(true);
    const body: Record<string, unknown> = { orgId: (initial?.orgId as string | undefined) ?? orgId };
    for (const f of spec.fields) body[f.key] = f.fromText ? f.fromText(v[f.key] ?? '', initial?.[f.key]) : (v[f.key] ?? '');
    try {
      await callAny(initial ? spec.update : spec.create, initial ? { ...body, id: initial.id } : body);
      onSaved();
      return true;
    } catch (e) {
      // Issues on list items (topics.0.title) show under their list's field.
      const byPath = e instanceof ApiError ? issuesByPath(e.issues) : {};
      const mapped: Record<string, string> = {};
      for (const [p, m] of Object.entries(byPath)) mapped[p.split('.')[0]!] ??= m;
      setErrors(mapped);
      setBanner(errorText(e));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const changes = countChanges(start, v);
  const { leave } = useDirty(changes, { label: `${initial ? '修改' : '新建'}${spec.title}（${changes} 处修改）`, save });
  const close = () => void leave().then((ok) => ok && onClose());

  return (
    <Dialog
      title={`${initial ? '修改' : '新建'}${spec.title}`}
      wide
      onClose={close}
      onSubmit={() => void save()}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <button type="button" onClick={close}>取消</button>
          <button type="button" className="primary" disabled={saving} onClick={() => void save()}>保存</button>
        </>
      }
    >
      <div className="grid-fields">
        {spec.fields.map((f) => {
          const id = `coop-${f.key}`;
          const control =
            f.options ? (
              <select id={id} value={v[f.key]} onChange={set(f.key)}>
                {f.optional && <option value="">（无）</option>}
                {f.options().map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
            ) : f.type === 'textarea' ? (
              <textarea id={id} rows={3} value={v[f.key]} placeholder={f.placeholder} onChange={set(f.key)} />
            ) : (
              <input id={id} type={f.type ?? 'text'} value={v[f.key]} placeholder={f.placeholder} onChange={set(f.key)} />
            );
          return (
            <Field key={f.key} name={f.key} label={f.label} required={f.required} error={errors[f.key]} wide={f.type === 'textarea'} htmlFor={id}>
              {control}
            </Field>
          );
        })}
      </div>
    </Dialog>
  );
}
