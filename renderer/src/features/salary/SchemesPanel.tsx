import { useCallback, useEffect, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';
import type { OpOutput } from '../../../../core/contract/index.ts';
import { fenToYuan, yuanToFen } from '../../../../core/salary/money.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { GridEditor } from './GridEditor.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { reshape, switchAmountKind } from './reshape.ts';
import { Can } from '../../components/RoleGate.tsx';
import { useDirty } from '../../components/useDirty.ts';
import { mayCall } from '../../access.ts';

interface Draft {
  id?: string;
  orgId: string;
  name: string;
  docNo: string | null;
  effectiveDate: string;
  sample: boolean;
  config: SchemeConfig;
}

type Summary = OpOutput<'salary.schemes'>[number];
type RealSample = OpOutput<'salary.sampleSchemes'>[number];

const message = (e: unknown) => (e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));

/** Scheme versions by effective date, and the editor of the selected one. */
export function SchemesPanel({ orgs }: { orgs: OrgUnit[] }) {
  const [list, setList] = useState<Summary[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The first confirmed month paid under the open version: it is then frozen (copy to change it).
  const [frozen, setFrozen] = useState<string | null>(null);
  const [samples, setSamples] = useState<RealSample[]>([]);
  const root = orgs.find((o) => o.parentId === null);
  // The draft as last opened or saved: any difference is unsaved work, asked about before leaving.
  const [baseline, setBaseline] = useState<string | null>(null);
  // A role that may not save, or a version already paid under, gets a read-only form: nothing
  // typed there could be saved, so nothing there counts as unsaved work.
  const mayEdit = mayCall('salary.saveScheme') && !(draft?.id && frozen);
  const dirty = mayEdit && !!draft && JSON.stringify(draft) !== baseline;
  const { leave } = useDirty(dirty, { label: `薪酬方案“${draft?.name ?? ''}”（有未保存的修改）`, save: () => save(), discard: () => setDraft(null) });
  const show = (d: Draft | null, saved: boolean) => {
    setDraft(d);
    setBaseline(saved && d ? JSON.stringify(d) : null);
  };

  const load = useCallback(async () => {
    try {
      setList(await call('salary.schemes', {}));
    } catch (e) {
      setError(errorText(e));
    }
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => void call('salary.sampleSchemes', {}).then(setSamples, () => setSamples([])), []);

  const fromSample = async (key: string) => {
    const s = samples.find((x) => x.key === key);
    if (!s) return;
    if (!root) return setError('请先在花名册中建立组织架构');
    if (!(await leave())) return;
    setFrozen(null);
    show({ orgId: root.id, name: s.name, docNo: s.docNo, effectiveDate: `${new Date().getFullYear()}-01-01`, sample: true, config: s.config }, false);
    setNotice(`已按“${s.name}”填好（来源：${s.source}），请核对本地文件后修改并保存。`);
  };

  const open = async (id: string, ask = true) => {
    if (ask && !(await leave())) return;
    try {
      const s = await call('salary.scheme', { id });
      show({ id: s.id, orgId: s.orgId, name: s.name, docNo: s.docNo, effectiveDate: s.effectiveDate, sample: s.sample, config: s.config }, true);
      setFrozen(s.confirmedMonth);
      setError(null);
      setNotice(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const newSample = async () => {
    if (!root) return setError('请先在花名册中建立组织架构');
    if (!(await leave())) return;
    const s = await call('salary.sampleScheme', {});
    setFrozen(null);
    show({ orgId: root.id, name: s.name, docNo: null, effectiveDate: `${new Date().getFullYear()}-01-01`, sample: true, config: s.config }, false);
    setNotice('已按示例填好，请核对本地文件后修改金额并保存。');
  };

  async function save(): Promise<boolean> {
    if (!draft) return true;
    try {
      const saved = await call('salary.saveScheme', { ...draft, ...(draft.id ? { id: draft.id } : {}) });
      show({ ...draft, id: saved.id }, true);
      setError(null);
      setNotice('已保存。已确认的月份不受影响。');
      await load();
      return true;
    } catch (e) {
      setError(message(e));
      return false;
    }
  }

  const copy = async () => {
    if (!draft?.id) return;
    if (!(await leave())) return;
    const date = window.prompt('新版本的生效日期（YYYY-MM-DD）', `${new Date().getFullYear() + 1}-01-01`);
    if (!date) return;
    try {
      const c = await call('salary.copyScheme', { id: draft.id, effectiveDate: date });
      await load();
      await open(c.id, false);
      setNotice(`已复制为 ${date} 起生效的新版本。`);
    } catch (e) {
      setError(message(e));
    }
  };

  const setConfig = (config: SchemeConfig) => draft && setDraft({ ...draft, config });
  const c = draft?.config;
  return (
    <div className="salary-split">
      <aside className="salary-list">
        <div className="panel-title">方案版本</div>
        <ul>
          {list.map((s) => (
            <li key={s.id}>
              <button type="button" className={draft?.id === s.id ? 'item on' : 'item'} onClick={() => void open(s.id)}>
                <span>{s.effectiveDate} 起</span>
                <span className="muted small-text">{s.name}{s.sample ? '（示例）' : ''}</span>
              </button>
            </li>
          ))}
          {!list.length && <li className="muted small-text" style={{ padding: 10 }}>还没有薪酬方案</li>}
        </ul>
        <div className="panel-actions">
          <Can op="salary.saveScheme" note="方案编制">
            <button type="button" onClick={() => void newSample()}>按示例新建</button>
            <select aria-label="按地方示例新建" value="" onChange={(e) => void fromSample(e.target.value)}>
              <option value="">按地方示例新建…</option>
              {samples.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
            </select>
          </Can>
        </div>
      </aside>
      <div className="salary-main">
        {error && <div className="form-banner" role="alert">{error}</div>}
        {notice && <div className="muted small-text" role="status">{notice}</div>}
        {!draft && <div className="empty-guide"><p>选择左侧的方案版本，或“按示例新建”。示例金额不是任何地方的正式标准，须按本地文件修改。</p></div>}
        {draft && c && (
          <>
            <fieldset className="scheme-fields" disabled={!mayEdit}>
            <div className="salary-form">
              <label>方案名称<input type="text" aria-label="方案名称" value={draft.name} size={36} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
              <label>文号<input type="text" aria-label="文号" value={draft.docNo ?? ''} onChange={(e) => setDraft({ ...draft, docNo: e.target.value || null })} /></label>
              <label>生效日期<input type="date" aria-label="生效日期" value={draft.effectiveDate} onChange={(e) => setDraft({ ...draft, effectiveDate: e.target.value })} /></label>
              <label>级数<input type="number" aria-label="级数" value={c.levelCount} onChange={(e) => setConfig(reshape({ ...c, levelCount: Number(e.target.value) || c.levelCount }))} /></label>
              <label>晋级间隔（年）<input type="number" aria-label="晋级间隔" value={c.stepYears} onChange={(e) => setConfig({ ...c, stepYears: Number(e.target.value) })} /></label>
              <label>金额模式
                <select aria-label="金额模式" value={c.amountModel.kind} onChange={(e) => setConfig(switchAmountKind(c, e.target.value as SchemeConfig['amountModel']['kind']))}>
                  <option value="coefficient">基数 × 等级系数</option><option value="table">岗位 × 级别对照表</option><option value="none">不设等级工资</option>
                </select>
              </label>
              {c.amountModel.kind === 'coefficient' && (
                <label>工资基数（元/月）
                  <input type="text" aria-label="工资基数" defaultValue={fenToYuan(c.amountModel.baseFen)} key={draft.id ?? 'new'}
                    onChange={(e) => c.amountModel.kind === 'coefficient' && setConfig({ ...c, amountModel: { ...c.amountModel, baseFen: yuanToFen(e.target.value) ?? Number.NaN } })} />
                </label>
              )}
              {c.amountModel.kind === 'coefficient' && (
                <>
                  <label>基数来源<input type="text" aria-label="基数来源" size={40} value={c.amountModel.baseSource ?? ''}
                    onChange={(e) => c.amountModel.kind === 'coefficient' && setConfig({ ...c, amountModel: { ...c.amountModel, baseSource: e.target.value || null } })} /></label>
                  <label>基数版本<input type="text" aria-label="基数版本" size={8} value={c.amountModel.baseEdition ?? ''}
                    onChange={(e) => c.amountModel.kind === 'coefficient' && setConfig({ ...c, amountModel: { ...c.amountModel, baseEdition: e.target.value || null } })} /></label>
                </>
              )}
              {draft.sample && <span className="badge sample">示例</span>}
            </div>
            <GridEditor config={c} onChange={setConfig} editable={mayEdit} />
            <RulesEditor key={draft.id ?? 'new'} config={c} onChange={setConfig} />
            </fieldset>
            <div className="toolbar">
              {draft.id && frozen && <span className="badge frozen">已用于 {frozen} 已确认的工资表，不能直接修改，请复制为新版本</span>}
              <Can op="salary.saveScheme">
                <button type="button" className="primary" disabled={!!(draft.id && frozen)} onClick={() => void save()}>保存方案</button>
                <button type="button" disabled={!draft.id} onClick={() => void copy()}>复制为新版本</button>
              </Can>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
