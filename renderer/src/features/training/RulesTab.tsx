import { useEffect, useState } from 'react';
import type { RuleRecord } from '../../../../core/training/contract-config.ts';
import { POST_CATEGORIES, POSTS } from '../../../../core/codes/tables.ts';
import { REQUIREMENT_UNITS, TRAINING_LEVELS } from '../../../../core/training/codes.ts';
import { call, errorText } from '../../api/client.ts';
import { Can, RoleNote } from '../../components/RoleGate.tsx';
import { mayCall } from '../../access.ts';
import { useDirty } from '../../components/useDirty.ts';

type Draft = { year: string; post: string; postCategory: string; unit: string; amount: string; minLevel: string; isSample: boolean; remarks: string };

const toDraft = (r: RuleRecord): Draft => ({
  year: r.year === null ? '' : String(r.year), post: r.post ?? '', postCategory: r.postCategory ?? '', unit: r.unit,
  amount: String(r.amount), minLevel: r.minLevel ?? '', isSample: r.isSample, remarks: r.remarks ?? '',
});

/** Editable annual requirements and the category list. */
export function RulesTab() {
  const [rules, setRules] = useState<Draft[]>([]);
  const [baseRules, setBaseRules] = useState<Draft[]>([]);
  const [isDefault, setIsDefault] = useState(false);
  const [categories, setCategories] = useState('');
  const [baseCategories, setBaseCategories] = useState('');
  // Core says whether this account's save would pass (role, and the county unit in its scope).
  const [editable, setEditable] = useState({ rules: false, categories: false });
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Each save reloads only its own section: the other one may hold unsaved edits.
  const loadRules = async () => {
    const r = await call('training.requirements.list', {});
    setRules(r.rules.map(toDraft));
    setBaseRules(r.rules.map(toDraft));
    setIsDefault(r.isDefault);
    setEditable((e) => ({ ...e, rules: r.editable }));
  };
  const loadCategories = async () => {
    const c = await call('training.categories.list', {});
    setCategories(c.names.join('\n'));
    setBaseCategories(c.names.join('\n'));
    setEditable((e) => ({ ...e, categories: c.editable }));
  };
  useEffect(() => void Promise.all([loadRules(), loadCategories()]).catch((e: unknown) => setError(errorText(e))), []);

  const patch = (i: number, p: Partial<Draft>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const saveRules = async (): Promise<boolean> => {
    try {
      setError(null);
      await call('training.requirements.save', {
        rules: rules.map((r) => ({
          year: r.year ? Number(r.year) : null, post: r.post || null, postCategory: r.postCategory || null,
          unit: r.unit as RuleRecord['unit'], amount: Number(r.amount), minLevel: r.minLevel || null, isSample: r.isSample, remarks: r.remarks,
        })) as never,
      });
      await loadRules();
      setMessage('年度要求已保存');
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const saveCategories = async (): Promise<boolean> => {
    try {
      setError(null);
      await call('training.categories.save', { names: categories.split('\n').map((s) => s.trim()).filter(Boolean) });
      await loadCategories();
      setMessage('培训类别已保存');
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };
  const rulesChanged = editable.rules && JSON.stringify(rules) !== JSON.stringify(baseRules);
  const categoriesChanged = editable.categories && categories !== baseCategories;
  useDirty(rulesChanged, { label: '年度培训要求', save: saveRules, discard: () => setRules(baseRules) });
  useDirty(categoriesChanged, { label: '培训类别', save: saveCategories, discard: () => setCategories(baseCategories) });
  const ro = !editable.rules;

  const choice = (value: string, values: readonly string[], onChange: (v: string) => void, label: string, empty: string) => (
    <select aria-label={label} value={value} disabled={ro} onChange={(e) => onChange(e.target.value)}>
      {empty && <option value="">{empty}</option>}
      {values.map((v) => <option key={v}>{v}</option>)}
    </select>
  );

  return (
    <div className="pane" style={{ overflow: 'auto' }}>
      <div className="toolbar">
        <span className="pane-title">年度培训要求</span>
        <span className="spacer" />
        {editable.rules ? <Can op="training.requirements.save">
        <button type="button" onClick={() => setRules([...rules, { year: '', post: '', postCategory: '', unit: '学时', amount: '40', minLevel: '', isSample: false, remarks: '' }])}>＋ 增加规则</button>
        <button type="button" className="primary" disabled={!rulesChanged} onClick={() => void saveRules()}>保存要求</button>
        </Can> : mayCall('training.requirements.save') ? <span className="role-note">培训要求与类别按县级设置执行，此处只读</span> : <RoleNote op="training.requirements.save" action="培训要求设置" />}
      </div>
      {isDefault && <div className="sample-note">当前为系统自带的示例规则（依据未经本地确认）：书记、居委会主任每年县级及以上培训不少于 7 天；其他人员每年不少于 40 学时。请按本地文件修改后保存。</div>}
      <p className="muted small-text">规则匹配：职务规则优先于岗位类别规则，岗位类别规则优先于“所有人员”规则；填写年度的规则在该年度替代“每年”规则。</p>
      {message && <div className="statusbar" role="status">{message}</div>}
      {error && <div className="form-banner" role="alert">{error}</div>}
      <table className="plain rules-table">
        <thead>
          <tr><th>年度</th><th>职务</th><th>岗位类别</th><th>单位</th><th>要求数量</th><th>最低层级</th><th>示例</th><th>备注</th><th /></tr>
        </thead>
        <tbody>
          {rules.map((r, i) => (
            <tr key={i}>
              <td><input aria-label="年度" readOnly={ro} placeholder="每年" value={r.year} onChange={(e) => patch(i, { year: e.target.value })} /></td>
              <td>{choice(r.post, POSTS, (v) => patch(i, { post: v }), '职务', '（任意）')}</td>
              <td>{choice(r.postCategory, POST_CATEGORIES, (v) => patch(i, { postCategory: v }), '岗位类别', '（任意）')}</td>
              <td>{choice(r.unit, REQUIREMENT_UNITS, (v) => patch(i, { unit: v }), '单位', '')}</td>
              <td><input aria-label="要求数量" readOnly={ro} value={r.amount} onChange={(e) => patch(i, { amount: e.target.value })} /></td>
              <td>{choice(r.minLevel, TRAINING_LEVELS, (v) => patch(i, { minLevel: v }), '最低层级', '（不限）')}</td>
              <td><input type="checkbox" aria-label="示例" disabled={ro} checked={r.isSample} onChange={(e) => patch(i, { isSample: e.target.checked })} /></td>
              <td><input aria-label="备注" readOnly={ro} value={r.remarks} onChange={(e) => patch(i, { remarks: e.target.value })} /></td>
              <td>{!ro && <button type="button" onClick={() => setRules(rules.filter((_, j) => j !== i))}>删除</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <span className="pane-title">培训类别（每行一个）</span>
        {editable.categories && <Can op="training.categories.save">
          <button type="button" disabled={!categoriesChanged} onClick={() => void saveCategories()}>保存类别</button>
        </Can>}
      </div>
      <textarea aria-label="培训类别" rows={10} cols={30} readOnly={!editable.categories} value={categories} onChange={(e) => setCategories(e.target.value)} />
    </div>
  );
}
