import { useState } from 'react';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { OrderRecord } from '../../../../core/ledger/orders/contract.ts';
import { ORDER_SOURCES } from '../../../../core/ledger/codes.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';

type Form = Record<'orgId' | 'source' | 'title' | 'content' | 'category', string>;

/** 点单: a resident need, described without the resident's personal data. */
export function OrderRegisterDialog({ orgs, defaultOrgId, onClose, onSaved }: { orgs: OrgUnit[]; defaultOrgId: string; onClose: () => void; onSaved: (o: OrderRecord) => void }) {
  const communities = orgs.filter((o) => o.level === 'community');
  const [start] = useState<Form>(() => ({ orgId: communities.some((c) => c.id === defaultOrgId) ? defaultOrgId : (communities[0]?.id ?? ''), source: '网格员', title: '', content: '', category: '' }));
  const [f, setF] = useState<Form>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setF((cur) => ({ ...cur, [k]: e.target.value }));

  const save = async (): Promise<boolean> => {
    try {
      onSaved(await call('ledger.orders.register', { ...f, source: f.source as (typeof ORDER_SOURCES)[number], content: f.content || null }));
      return true;
    } catch (e) {
      setErrors(e instanceof ApiError ? issuesByPath(e.issues) : {});
      setBanner(errorText(e));
      return false;
    }
  };
  const changes = countChanges(start, f);
  const { leave } = useDirty(changes, { label: `点单登记（${changes} 处修改）`, save });
  const close = () => void leave().then((ok) => ok && onClose());

  return (
    <Dialog
      title="点单登记"
      onClose={close}
      onSubmit={() => void save()}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <button type="button" onClick={close}>取消</button>
          <button type="button" className="primary" onClick={() => void save()}>登记</button>
        </>
      }
    >
      <div className="grid-fields">
        <Field name="orgId" label="登记社区" required error={errors.orgId} htmlFor="or-orgId">
          <select id="or-orgId" value={f.orgId} onChange={set('orgId')}>
            {communities.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </Field>
        <Field name="source" label="需求来源" required error={errors.source} htmlFor="or-source">
          <select id="or-source" value={f.source} onChange={set('source')}>
            {ORDER_SOURCES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </Field>
        <Field name="title" label="需求" required error={errors.title} wide htmlFor="or-title">
          <input id="or-title" value={f.title} onChange={set('title')} />
        </Field>
        <Field name="category" label="类别" required error={errors.category} htmlFor="or-category">
          <input id="or-category" value={f.category} onChange={set('category')} />
        </Field>
        <Field name="content" label="需求说明（不填写居民姓名、电话等个人信息）" error={errors.content} wide htmlFor="or-content">
          <textarea id="or-content" rows={3} value={f.content} onChange={set('content')} />
        </Field>
      </div>
    </Dialog>
  );
}
