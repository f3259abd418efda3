import { useState } from 'react';
import type { OrgUnit } from '../../../../core/org/contract.ts';
import { ApiError, call, errorText, issuesByPath } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, FormBanner } from '../../components/Field.tsx';
import { CHILD_LEVEL, levelLabel } from './orgTree.ts';
import { useDirty } from '../../components/useDirty.ts';
import { announceSaved } from '../../components/SavedNotice.tsx';

interface Props {
  /** Create under this parent; null creates a county (the root of the tree). */
  parent: OrgUnit | null;
  /** Edit this unit instead of creating one (name, code, the street's staff mark). */
  editing?: OrgUnit;
  onSaved: (u: OrgUnit) => void;
  onClose: () => void;
}

const SIGNIFICANT = { county: 6, street: 9, community: 12 } as const;

export function OrgUnitDialog({ parent, editing, onSaved, onClose }: Props) {
  const level = editing ? editing.level : parent ? CHILD_LEVEL[parent.level] : 'county';
  // Start the code with the parent's significant digits: the user types only the new unit's segment.
  const startCode = editing ? editing.code : parent ? parent.code.slice(0, SIGNIFICANT[parent.level]) : '';
  const startName = editing?.name ?? '';
  const startStaff = editing?.staffUnit ?? false;
  const [code, setCode] = useState(startCode);
  const [name, setName] = useState(startName);
  const [staffUnit, setStaffUnit] = useState(startStaff);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const changes = Number(name !== startName) + Number(code !== startCode) + Number(staffUnit !== startStaff);
  const what = editing ? `修改“${editing.name}”` : `新建${level ? levelLabel(level) : ''}`;
  const { leave } = useDirty(changes, { label: `${what}（${changes} 处修改）`, save: submit });
  const close = () => void leave().then((ok) => ok && onClose());
  if (level === null) return null;

  async function submit(): Promise<boolean> {
    if (level === null || saving) return false;
    setSaving(true);
    setBanner(null);
    try {
      const saved = editing
        ? await call('org.update', { id: editing.id, name, code, codeEdition: editing.codeEdition, staffUnit })
        : await call('org.create', { parentId: parent?.id ?? null, level, name, code, staffUnit });
      onSaved(saved);
      announceSaved(editing ? `已保存“${saved.name}”（${changes} 处修改）` : `已新建${levelLabel(saved.level)}“${saved.name}”`);
      return true;
    } catch (e) {
      const byPath = e instanceof ApiError ? issuesByPath(e.issues) : {};
      setErrors(byPath);
      // A parent problem has no field of its own in this dialog: show it on top.
      const own = ['name', 'code', 'staffUnit'];
      setBanner(Object.keys(byPath).every((k) => own.includes(k)) && Object.keys(byPath).length ? null : errorText(e));
      return false;
    } finally {
      setSaving(false);
    }
  }

  const prefixOf = editing ? editing.code : parent?.code ?? '';
  const hint =
    level === 'county' ? '12 位统计用区划代码，如 610402000000（后 6 位为 0）'
    : level === 'street' ? `前 6 位与上级相同，第 7–9 位为街道编号，后 3 位为 0，如 ${prefixOf.slice(0, 6)}001000`
    : `前 9 位与上级相同，后 3 位为社区编号，如 ${prefixOf.slice(0, 9)}001`;

  return (
    <Dialog
      title={editing ? `修改${levelLabel(level)}“${editing.name}”` : parent ? `在“${parent.name}”下新建${levelLabel(level)}` : `新建${levelLabel('county')}`}
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
        {level === 'street' && (
          <Field name="staffUnit" label="本级工作人员单位" error={errors.staffUnit} htmlFor="ou-staff">
            <label className="check">
              <input id="ou-staff" type="checkbox" checked={staffUnit} onChange={(e) => setStaffUnit(e.target.checked)} />
              街道本级的工作人员直接登记在本街道名下
            </label>
            <div className="hint">不勾选时，人员只能登记在其下的社区</div>
          </Field>
        )}
      </div>
    </Dialog>
  );
}
