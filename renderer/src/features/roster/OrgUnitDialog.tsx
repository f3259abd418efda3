import { useState } from 'react';
import type { OrgUnit } from '../../../../core/org/contract.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { CHILD_LEVEL, levelLabel } from './orgTree.ts';
import { useDirty } from '../../components/useDirty.ts';

interface Props {
  /** null creates a county (the root of the tree). */
  parent: OrgUnit | null;
  onSaved: (u: OrgUnit) => void;
  onClose: () => void;
}

const SIGNIFICANT = { county: 6, street: 9, community: 12 } as const;

export function OrgUnitDialog({ parent, onSaved, onClose }: Props) {
  const level = parent ? CHILD_LEVEL[parent.level] : 'county';
  // Start the code with the parent's significant digits: the user types only the new unit's segment.
  const startCode = parent ? parent.code.slice(0, SIGNIFICANT[parent.level]) : '';
  const [code, setCode] = useState(startCode);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const changes = Number(name !== '') + Number(code !== startCode);
  const { leave } = useDirty(changes, { label: `新建${level ? levelLabel(level) : ''}（${changes} 处修改）`, save: submit });
  const close = () => void leave().then((ok) => ok && onClose());
  if (level === null) return null;

  async function submit(): Promise<boolean> {
    if (level === null || saving) return false;
    setSaving(true);
    setBanner(null);
    try {
      onSaved(await call('org.create', { parentId: parent?.id ?? null, level, name, code }));
      return true;
    } catch (e) {
      const byPath = e instanceof ApiError ? issuesByPath(e.issues) : {};
      setErrors(byPath);
      // A parent problem has no field of its own in this dialog: show it on top.
      setBanner(Object.keys(byPath).every((k) => k === 'name' || k === 'code') && Object.keys(byPath).length ? null : errorText(e));
      return false;
    } finally {
      setSaving(false);
    }
  }

  const hint =
    level === 'county' ? '12 位统计用区划代码，如 610402000000（后 6 位为 0）'
    : level === 'street' ? `前 6 位与上级相同，第 7–9 位为街道编号，后 3 位为 0，如 ${parent!.code.slice(0, 6)}001000`
    : `前 9 位与上级相同，后 3 位为社区编号，如 ${parent!.code.slice(0, 9)}001`;

  return (
    <Dialog
      title={parent ? `在“${parent.name}”下新建${levelLabel(level)}` : `新建${levelLabel('county')}`}
      onClose={close}
      onSubmit={() => void submit()}
      banner={<FormBanner message={banner} />}
      footer={
        <>
          <button type="button" onClick={close}>
            取消
          </button>
          <button type="button" className="primary" disabled={saving} onClick={submit}>
            {saving ? '正在保存…' : '保存'}
          </button>
        </>
      }
    >
      <div className="grid-fields one">
        <Field name="name" label="单位名称" required error={errors.name} htmlFor="ou-name">
          <input id="ou-name" type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field name="code" label="区划代码" required error={errors.code} htmlFor="ou-code">
          <input id="ou-code" type="text" inputMode="numeric" maxLength={12} value={code} onChange={(e) => setCode(e.target.value.trim())} />
          <div className="hint">{hint}</div>
        </Field>
      </div>
    </Dialog>
  );
}
