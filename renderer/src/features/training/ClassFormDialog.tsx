import { useEffect, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { ClassRecord } from '../../../../core/training/contract.ts';
import { COMPULSORY_LABELS, DEFAULT_CATEGORIES, TRAINING_FORMS, TRAINING_LEVELS } from '../../../../core/training/codes.ts';
import { call, errorText, issuesByPath, ApiError } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { announceSaved } from '../../components/SavedNotice.tsx';

type Form = Record<'orgId' | 'name' | 'category' | 'level' | 'host' | 'organizer' | 'form' | 'location' | 'startDate' | 'endDate' | 'days' | 'hours' | 'compulsory' | 'assessmentMethod' | 'remarks', string>;

function toForm(c: ClassRecord | null, orgId: string): Form {
  return {
    orgId: c?.orgId ?? orgId, name: c?.name ?? '', category: c?.category ?? '专题培训', level: c?.level ?? '县', host: c?.host ?? '',
    organizer: c?.organizer ?? '', form: c?.form ?? '集中', location: c?.location ?? '', startDate: c?.startDate ?? '', endDate: c?.endDate ?? '',
    days: c ? String(c.days) : '', hours: c ? String(c.hours) : '', compulsory: c?.compulsory ?? '必修', assessmentMethod: c?.assessmentMethod ?? '', remarks: c?.remarks ?? '',
  };
}

const num = (s: string) => (s.trim() === '' ? null : Number(s));

interface Props {
  initial: ClassRecord | null;
  orgs: OrgUnit[];
  defaultOrgId: string;
  onClose: () => void;
  onSaved: (c: ClassRecord) => void;
}

export function ClassFormDialog({ initial, orgs, defaultOrgId, onClose, onSaved }: Props) {
  const [start] = useState<Form>(() => toForm(initial, defaultOrgId));
  const [f, setF] = useState<Form>(start);
  const [categories, setCategories] = useState<string[]>([...DEFAULT_CATEGORIES]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => void call('training.categories.list', {}).then((r) => setCategories(r.names), () => undefined), []);

  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((cur) => ({ ...cur, [k]: e.target.value }));
  const input = (k: keyof Form, type = 'text') => <input id={`cf-${k}`} type={type} value={f[k]} onChange={set(k)} />;
  const select = (k: keyof Form, values: readonly string[]) => (
    <select id={`cf-${k}`} value={f[k]} onChange={set(k)}>
      {values.map((v) => <option key={v} value={v}>{v}</option>)}
    </select>
  );

  const save = async (): Promise<boolean> => {
    if (saving) return false;
    setSaving(true);
    const body = {
      ...f, days: num(f.days), hours: num(f.hours) ?? Number.NaN,
      compulsory: f.compulsory as (typeof COMPULSORY_LABELS)[number], level: f.level as (typeof TRAINING_LEVELS)[number], form: f.form as (typeof TRAINING_FORMS)[number],
    };
    try {
      const saved = initial ? await call('training.classes.update', { ...body, id: initial.id }) : await call('training.classes.create', body);
      onSaved(saved);
      announceSaved(initial ? `已保存培训班次“${saved.name}”（${changes} 处修改）` : `已新建培训班次“${saved.name}”`);
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setBanner(errorText(e));
      return false;
    } finally {
      setSaving(false);
    }
  };

  const changes = countChanges(start, f);
  const { leave } = useDirty(changes, { label: `${initial ? '修改培训班次' : '新建培训班次'}（${changes} 处修改）`, save });
  const close = () => void leave().then((ok) => ok && onClose());

  return (
    <Dialog
      title={initial ? '修改培训班次' : '新建培训班次'}
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
        <Field name="name" label="班次名称" required error={errors.name} wide htmlFor="cf-name">{input('name')}</Field>
        <Field name="category" label="类别" required error={errors.category} htmlFor="cf-category">{select('category', categories)}</Field>
        <Field name="level" label="层级" required error={errors.level} htmlFor="cf-level">{select('level', TRAINING_LEVELS)}</Field>
        <Field name="host" label="主办单位" error={errors.host} htmlFor="cf-host">{input('host')}</Field>
        <Field name="organizer" label="承办单位" error={errors.organizer} htmlFor="cf-organizer">{input('organizer')}</Field>
        <Field name="form" label="形式" required error={errors.form} htmlFor="cf-form">{select('form', TRAINING_FORMS)}</Field>
        <Field name="location" label="地点" error={errors.location} htmlFor="cf-location">{input('location')}</Field>
        <Field name="startDate" label="开始日期" required error={errors.startDate} htmlFor="cf-startDate">{input('startDate', 'date')}</Field>
        <Field name="endDate" label="结束日期" required error={errors.endDate} htmlFor="cf-endDate">{input('endDate', 'date')}</Field>
        <Field name="days" label="天数（空则按起止日期）" error={errors.days} htmlFor="cf-days">{input('days')}</Field>
        <Field name="hours" label="学时" required error={errors.hours} htmlFor="cf-hours">{input('hours')}</Field>
        <Field name="compulsory" label="必修/选修" error={errors.compulsory} htmlFor="cf-compulsory">{select('compulsory', COMPULSORY_LABELS)}</Field>
        <Field name="assessmentMethod" label="考核方式" error={errors.assessmentMethod} htmlFor="cf-assessmentMethod">{input('assessmentMethod')}</Field>
        <Field name="orgId" label="登记单位" required error={errors.orgId} htmlFor="cf-orgId">
          <select id="cf-orgId" value={f.orgId} onChange={set('orgId')}>
            {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </Field>
        <Field name="remarks" label="备注" error={errors.remarks} wide htmlFor="cf-remarks">{input('remarks')}</Field>
      </div>
    </Dialog>
  );
}
