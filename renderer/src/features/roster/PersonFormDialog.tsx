import { useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { PersonRecord } from '../../../../core/roster/contract.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { useCodes } from '../../api/codes.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { FORM_GROUPS, formToInput, validateForm, withIdFacts, type FieldSpec, type PersonForm } from './personFormModel.ts';
import { holdsPeople, orgOptionLabel } from './orgTree.ts';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { announceSaved } from '../../components/SavedNotice.tsx';

interface Props {
  /** Present when editing an existing person. */
  personId: string | null;
  initial: PersonForm;
  orgs: OrgUnit[];
  onSaved: (p: PersonRecord) => void;
  onClose: () => void;
}

export function PersonFormDialog({ personId, initial, orgs, onSaved, onClose }: Props) {
  const codes = useCodes();
  const [form, setForm] = useState<PersonForm>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof PersonForm>(key: K, value: PersonForm[K]) => {
    setForm((f) => (key === 'idNumber' ? withIdFacts({ ...f, idNumber: value as string }) : { ...f, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
  };

  async function submit(): Promise<boolean> {
    if (saving) return false;
    const local = validateForm(form);
    if (Object.keys(local).length) {
      setErrors(local);
      setBanner(`有 ${Object.keys(local).length} 处需要修正，请查看标红的字段。`);
      return false;
    }
    setSaving(true);
    setBanner(null);
    try {
      const input = formToInput(form);
      const saved = personId ? await call('roster.update', { id: personId, ...input }) : await call('roster.create', input);
      onSaved(saved);
      announceSaved(personId ? `已保存“${saved.name}”的人员信息（${changes} 处修改）` : `已新增人员“${saved.name}”`);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.issues.length) setErrors(issuesByPath(e.issues));
      setBanner(errorText(e));
      return false;
    } finally {
      setSaving(false);
    }
  }

  const changes = countChanges(initial, form);
  const { leave } = useDirty(changes, { label: `${personId ? `修改人员信息：${initial.name}` : '新增人员'}（${changes} 处修改）`, save: submit });
  const close = () => void leave().then((ok) => ok && onClose());

  function control(spec: FieldSpec) {
    const id = `pf-${spec.key}`;
    const invalid = spec.key in errors ? true : undefined;
    switch (spec.kind) {
      case 'text':
        return <input id={id} type="text" value={form[spec.key]} placeholder={spec.placeholder} aria-invalid={invalid} onChange={(e) => set(spec.key, e.target.value)} />;
      case 'date':
        return <input id={id} type="date" value={form[spec.key]} aria-invalid={invalid} onChange={(e) => set(spec.key, e.target.value)} />;
      case 'textarea':
        return <textarea id={id} rows={2} value={form[spec.key]} aria-invalid={invalid} onChange={(e) => set(spec.key, e.target.value)} />;
      case 'select':
        return (
          <select id={id} value={form[spec.key]} aria-invalid={invalid} onChange={(e) => set(spec.key, e.target.value)}>
            <option value="">{spec.required ? '请选择' : '（无）'}</option>
            {(codes?.[spec.table] ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        );
      case 'org':
        return (
          <select id={id} value={form.orgId} aria-invalid={invalid} onChange={(e) => set('orgId', e.target.value)}>
            <option value="">请选择</option>
            {/* Streets and counties stay in the list as headings for the tree, but only a community, or a street
                marked 本级工作人员单位, holds people (所属社区). */}
            {orgs.map((o) => (
              <option key={o.id} value={o.id} disabled={!holdsPeople(o)}>
                {orgOptionLabel(o)}
              </option>
            ))}
          </select>
        );
      case 'multi':
        return (
          <div className="checks" role="group" aria-label={spec.label}>
            {(codes?.[spec.table] ?? []).map((c) => (
              <label key={c} className="check">
                <input
                  type="checkbox"
                  checked={form.posts.includes(c)}
                  onChange={(e) => set('posts', e.target.checked ? [...form.posts, c] : form.posts.filter((p) => p !== c))}
                />
                {c}
              </label>
            ))}
          </div>
        );
      case 'flag':
        return (
          <label className="check">
            <input id={id} type="checkbox" checked={form[spec.key]} onChange={(e) => set(spec.key, e.target.checked)} />
            是
          </label>
        );
    }
  }

  return (
    <Dialog
      title={personId ? `修改人员信息：${initial.name}` : '新增人员'}
      wide
      onClose={close}
      onSubmit={() => void submit()}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <span className="muted">带 * 的为必填项；Enter 或 Ctrl+S 保存</span>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" disabled={saving || !codes} onClick={submit}>
            {saving ? '正在保存…' : '保存'}
          </button>
        </>
      }
    >
      <form
        className="person-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {FORM_GROUPS.map((g) => (
          <fieldset key={g.title}>
            <legend>{g.title}</legend>
            <div className={g.cols === 3 ? 'grid-fields cols-3' : 'grid-fields'}>
              {g.fields.map((spec) => (
                <Field
                  key={spec.key}
                  name={spec.key}
                  label={spec.label}
                  required={'required' in spec ? spec.required : false}
                  error={errors[spec.key]}
                  wide={spec.kind === 'multi' || spec.kind === 'textarea'}
                  htmlFor={spec.kind === 'multi' ? undefined : `pf-${spec.key}`}
                >
                  {control(spec)}
                </Field>
              ))}
            </div>
          </fieldset>
        ))}
      </form>
    </Dialog>
  );
}

