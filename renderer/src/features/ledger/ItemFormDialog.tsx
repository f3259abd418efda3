import { useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { ItemRecord } from '../../../../core/ledger/lists/contract.ts';
import type { AttachmentInput } from '../../../../core/ledger/attachments.ts';
import { ITEM_KINDS, type ItemKind } from '../../../../core/ledger/codes.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { announceSaved } from '../../components/SavedNotice.tsx';
import { AttachmentPicker } from './AttachmentPicker.tsx';

type Form = Record<'orgId' | 'kind' | 'sourceUnitName' | 'title' | 'content' | 'category' | 'registeredOn' | 'deadline' | 'progress' | 'measures', string>;

function toForm(i: ItemRecord | null, orgId: string): Form {
  return {
    orgId: i?.orgId ?? orgId, kind: i?.kind ?? '问题', sourceUnitName: i?.sourceUnitName ?? '', title: i?.title ?? '', content: i?.content ?? '',
    category: i?.category ?? '', registeredOn: i?.registeredOn ?? '', deadline: i?.deadline ?? '', progress: String(i?.progress ?? 0), measures: i?.measures ?? '',
  };
}

interface Props {
  initial: ItemRecord | null;
  orgs: OrgUnit[];
  defaultOrgId: string;
  onClose: () => void;
  onSaved: (i: ItemRecord) => void;
}

export function ItemFormDialog({ initial, orgs, defaultOrgId, onClose, onSaved }: Props) {
  const [start] = useState<Form>(() => toForm(initial, defaultOrgId));
  const [f, setF] = useState<Form>(start);
  const [files, setFiles] = useState<AttachmentInput[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((cur) => ({ ...cur, [k]: e.target.value }));
  const input = (k: keyof Form, type = 'text') => <input id={`if-${k}`} type={type} value={f[k]} onChange={set(k)} />;

  const save = async (): Promise<boolean> => {
    const common = {
      title: f.title, content: f.content || null, category: f.category, deadline: f.deadline || null,
      progress: f.progress.trim() === '' ? 0 : Number(f.progress), measures: f.measures || null, attachments: files,
    };
    try {
      const saved = initial
        ? await call('ledger.items.update', { ...common, id: initial.id })
        : await call('ledger.items.create', { ...common, orgId: f.orgId, kind: f.kind as ItemKind, sourceUnitName: f.sourceUnitName || null, registeredOn: f.registeredOn || null });
      onSaved(saved);
      announceSaved(initial ? `已保存清单条目“${saved.title}”（${changes} 处修改）` : `已新建清单条目“${saved.title}”`);
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setBanner(errorText(e));
      return false;
    }
  };
  const changes = countChanges(start, f) + files.length;
  const { leave } = useDirty(changes, { label: `${initial ? '修改清单条目' : '新建清单条目'}（${changes} 处修改）`, save });
  const close = () => void leave().then((ok) => ok && onClose());

  return (
    <Dialog
      title={initial ? '修改清单条目' : '新建清单条目'}
      wide
      onClose={close}
      onSubmit={() => void save()}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <button type="button" onClick={close}>取消</button>
          <button type="button" className="primary" onClick={() => void save()}>保存</button>
        </>
      }
    >
      <div className="grid-fields">
        {!initial && (
          <Field name="kind" label="清单类型" required error={errors.kind} htmlFor="if-kind">
            <select id="if-kind" value={f.kind} onChange={set('kind')}>
              {ITEM_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
            </select>
          </Field>
        )}
        {!initial && (
          <Field name="orgId" label="责任单位" required error={errors.orgId} htmlFor="if-orgId">
            <select id="if-orgId" value={f.orgId} onChange={set('orgId')}>
              {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </Field>
        )}
        <Field name="title" label="标题" required error={errors.title} wide htmlFor="if-title">{input('title')}</Field>
        <Field name="category" label="类别" required error={errors.category} htmlFor="if-category">{input('category')}</Field>
        {!initial && <Field name="sourceUnitName" label="来源单位（空则为责任单位）" error={errors.sourceUnitName} htmlFor="if-sourceUnitName">{input('sourceUnitName')}</Field>}
        {!initial && <Field name="registeredOn" label="登记日期（空则为今天）" error={errors.registeredOn} htmlFor="if-registeredOn">{input('registeredOn', 'date')}</Field>}
        <Field name="deadline" label="时限" error={errors.deadline} htmlFor="if-deadline">{input('deadline', 'date')}</Field>
        <Field name="progress" label="进度（%）" error={errors.progress} htmlFor="if-progress">{input('progress', 'number')}</Field>
        <Field name="content" label="内容" error={errors.content} wide htmlFor="if-content">
          <textarea id="if-content" rows={3} value={f.content} onChange={set('content')} />
        </Field>
        {(f.kind === '整改' || initial?.kind === '整改') && (
          <Field name="measures" label="整改措施" required error={errors.measures} wide htmlFor="if-measures">
            <textarea id="if-measures" rows={2} value={f.measures} onChange={set('measures')} />
          </Field>
        )}
        <Field name="attachments" label="佐证材料（每个文件不超过 2 MB，每条合计不超过 10 MB）" error={errors.attachments} wide htmlFor="if-attachments">
          <AttachmentPicker id="if-attachments" onChange={setFiles} />
        </Field>
      </div>
    </Dialog>
  );
}
