import { useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { SchemeRecord } from '../../../../core/assessment/contract.ts';
import { POSTS } from '../../../../core/codes/tables.ts';
import { call, errorText } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { homeUnit, unitsInScope } from '../../access.ts';

interface Props {
  orgs: OrgUnit[];
  schemes: SchemeRecord[];
  onClose: () => void;
  onCreated: (cycleId: string) => void | Promise<void>;
}

/** Picks a scheme and an org unit; the people come from the roster (在岗) by post. */
export function NewCycleDialog({ orgs: all, schemes, onClose, onCreated }: Props) {
  // Only units the account may assess: a clerk scoped to one community starts (and stays) on it,
  // not on the street above it, which would only end in 超出管辖范围 after the form is filled.
  const orgs = unitsInScope(all);
  const [schemeId, setSchemeId] = useState(schemes[0]?.id ?? '');
  const [orgId, setOrgId] = useState(orgs.find((o) => o.level === 'street')?.id ?? homeUnit(orgs));
  const [posts, setPosts] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [start] = useState({ schemeId, orgId, posts });
  const save = async (): Promise<boolean> => {
    setBusy(true);
    try {
      const c = await call('assessment.createCycle', { schemeId, orgId, posts: posts as never });
      await onCreated(c.id);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const changes = countChanges(start, { schemeId, orgId, posts });
  const { leave } = useDirty(changes, { label: `新建考核周期（${changes} 处修改）`, save });
  const close = () => void leave().then((ok) => ok && onClose());

  return (
    <Dialog
      title="新建考核周期"
      onClose={close}
      banner={error ? <div className="form-banner" role="alert">{error}</div> : null}
      footer={
        <>
          <button type="button" onClick={close}>取消</button>
          <button type="button" className="primary" disabled={busy || !schemeId || !orgId} onClick={() => void save()}>
            创建
          </button>
        </>
      }
    >
      <Field name="schemeId" label="考核方案" required htmlFor="nc-scheme">
        <select id="nc-scheme" value={schemeId} onChange={(e) => setSchemeId(e.target.value)}>
          {schemes.map((s) => (
            <option key={s.id} value={s.id}>
              {s.year} · {s.population} · {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field name="orgId" label="考核单位（含下级）" required htmlFor="nc-org">
        <select id="nc-org" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </Field>
      <Field name="posts" label="按职务选取（不选则按方案的考核对象）" wide>
        <div className="check-row">
          {POSTS.map((p) => (
            <label key={p}>
              <input type="checkbox" checked={posts.includes(p)} onChange={(e) => setPosts(e.target.checked ? [...posts, p] : posts.filter((x) => x !== p))} />
              {p}
            </label>
          ))}
        </div>
      </Field>
    </Dialog>
  );
}
