import { useState } from 'react';
import { countChanges, useDirty } from '../../components/useDirty.ts';
import { mayCall } from '../../access.ts';
import type { SchemeRecord } from '../../../../core/assessment/contract.ts';
import type { SchemeConfig, VetoRule } from '../../../../core/assessment/scheme-schema.ts';
import { leafIndicators, POPULATIONS } from '../../../../core/assessment/scheme-schema.ts';
import { ApiError, call, errorText } from '../../api/client.ts';
import { Dialog } from '../../components/Dialog.tsx';

interface Props {
  scheme: SchemeRecord;
  onClose: () => void;
  onSaved: () => void | Promise<void>;
}

const ROUNDING = { floor: '向下取整', round: '四舍五入', ceil: '向上取整' } as const;

/** A key not yet used by any component, indicator or sub-item of the scheme. */
function freshKey(cfg: SchemeConfig, prefix: string): string {
  const used = new Set(cfg.components.flatMap((c) => [c.key, ...c.indicators.flatMap((i) => [i.key, ...i.children.map((ch) => ch.key)])]));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Keys a veto rule may point at inside an indicator: itself and its sub-items. */
const keysOf = (ind: SchemeConfig['components'][number]['indicators'][number]) => [ind.key, ...ind.children.map((ch) => ch.key)];

const newIndicator = (cfg: SchemeConfig) => ({ key: freshKey(cfg, 'ind'), name: '新指标', maxPoints: 10, auto: null, children: [] });

/** Edits a scheme's weights, indicator points, thresholds, quota, ballot options and vetoes. */
export function SchemeDialog({ scheme, onClose, onSaved }: Props) {
  const [name, setName] = useState(scheme.name);
  const [population, setPopulation] = useState(scheme.population);
  const [cfg, setCfg] = useState<SchemeConfig>(() => structuredClone(scheme.config));
  const [error, setError] = useState<string | null>(null);
  const weightSum = cfg.components.reduce((s, c) => s + c.weight, 0);
  const readOnly = scheme.usedByLockedCycle;
  // A role that cannot save sees the scheme but edits nothing (its edits would only end in 无权执行).
  const mayEdit = mayCall('assessment.saveScheme');
  const patch = (f: (c: SchemeConfig) => void) => {
    const next = structuredClone(cfg);
    f(next);
    setCfg(next);
  };
  const save = async (asNew: boolean): Promise<boolean> => {
    try {
      await call('assessment.saveScheme', { ...(asNew ? {} : { id: scheme.id }), orgId: scheme.orgId, year: scheme.year, population, name, config: cfg });
      await onSaved();
      return true;
    } catch (e) {
      setError(e instanceof ApiError && e.issues.length ? e.issues.map((i) => i.message).join('；') : errorText(e));
      return false;
    }
  };
  const changes = !mayEdit ? 0 : countChanges({ name: scheme.name, population: scheme.population, cfg: scheme.config }, { name, population, cfg });
  // A scheme used by a locked cycle can only be saved as a new one.
  const { leave } = useDirty(changes, { label: `考核方案“${scheme.name}”（${changes} 处修改）`, save: () => save(readOnly) });
  const close = () => void leave().then((ok) => ok && onClose());
  const vetoText = (v: VetoRule) =>
    v.kind === 'voteShare' ? `“${v.option}”票超过有效票的 ${v.above.num}/${v.above.den} → ${v.grade}` : `指标“${leafIndicators(cfg).find((l) => l.key === v.indicatorKey)?.name ?? v.indicatorKey}”得分不高于 ${v.atOrBelow} → ${v.grade}`;

  return (
    <Dialog
      wide
      title={`考核方案：${scheme.year}年度`}
      onClose={close}
      banner={error ? <div className="form-banner" role="alert">{error}</div> : readOnly ? <div className="form-banner tie">此方案已被锁定的考核周期使用，只能另存为新方案。</div> : null}
      footer={
        <>
          <button type="button" onClick={close}>取消</button>
          {mayEdit && <button type="button" onClick={() => void save(true)}>另存为新方案</button>}
          {mayEdit && <button type="button" className="primary" disabled={readOnly} onClick={() => void save(false)}>保存</button>}
        </>
      }
    >
      <fieldset className="scheme-editor" disabled={!mayEdit}>
        <label>方案名称<input value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>
          考核对象
          <select value={population} onChange={(e) => setPopulation(e.target.value as typeof population)}>
            {POPULATIONS.map((p) => <option key={p}>{p}</option>)}
          </select>
        </label>
        <h3>考核项目与指标（权重合计 <span className={Math.abs(weightSum - 100) > 1e-9 ? 'bad' : 'good'}>{weightSum}%</span>）</h3>
        {cfg.components.map((c, i) => (
          <fieldset key={c.key}>
            <legend>
              <input aria-label="考核项目名称" value={c.name} onChange={(e) => patch((n) => void (n.components[i]!.name = e.target.value))} />
              权重 <input aria-label={`${c.name}权重`} type="number" className="num" value={c.weight} onChange={(e) => patch((n) => void (n.components[i]!.weight = Number(e.target.value)))} />%
              <select aria-label={`${c.name}评分来源`} value={c.source} onChange={(e) => patch((n) => void (n.components[i]!.source = e.target.value as 'scores' | 'votes'))}>
                <option value="scores">按指标打分</option>
                <option value="votes">按民主测评计分</option>
              </select>
              {cfg.components.length > 1 && (
                <button type="button" className="link" onClick={() => patch((n) => {
                  n.vetoRules = n.vetoRules.filter((v) => v.kind !== 'indicator' || !c.indicators.some((x) => keysOf(x).includes(v.indicatorKey)));
                  n.components.splice(i, 1);
                })}>删除项目</button>
              )}
            </legend>
            {c.indicators.map((ind, j) => (
              <span key={ind.key} className="indicator">
                <input aria-label="指标名称" value={ind.name} onChange={(e) => patch((n) => void (n.components[i]!.indicators[j]!.name = e.target.value))} />
                满分 <input aria-label={`${ind.name}满分`} type="number" className="num" value={ind.maxPoints} onChange={(e) => patch((n) => void (n.components[i]!.indicators[j]!.maxPoints = Number(e.target.value)))} />
                {ind.auto && <span className="muted small-text">（培训学时自动）</span>}
                <button type="button" className="link" aria-label={`删除指标${ind.name}`} onClick={() => patch((n) => {
                  n.vetoRules = n.vetoRules.filter((v) => v.kind !== 'indicator' || !keysOf(ind).includes(v.indicatorKey));
                  n.components[i]!.indicators.splice(j, 1);
                })}>删除</button>
              </span>
            ))}
            {c.source === 'scores' && (
              <button type="button" className="link" onClick={() => patch((n) => void n.components[i]!.indicators.push(newIndicator(n)))}>添加指标</button>
            )}
          </fieldset>
        ))}
        {!readOnly && (
          <button type="button" onClick={() => patch((n) => void n.components.push({
            key: freshKey(n, 'comp'), name: '新考核项目', weight: 0, source: 'scores', indicators: [newIndicator(n)],
          }))}>添加考核项目</button>
        )}
        <h3>等次与分数线</h3>
        <div className="row-wrap">
          {cfg.thresholds.map((t, i) => (
            <label key={t.grade}>
              {t.grade} ≥
              <input type="number" className="num" value={t.minTotal} onChange={(e) => patch((n) => void (n.thresholds[i]!.minTotal = Number(e.target.value)))} />
            </label>
          ))}
        </div>
        <h3>{cfg.gradeLabels[0]}名额</h3>
        <div className="row-wrap">
          <label>占考核人数<input type="number" className="num" value={cfg.quota.percent} onChange={(e) => patch((n) => void (n.quota.percent = Number(e.target.value)))} />%</label>
          <label>
            取整
            <select value={cfg.quota.rounding} onChange={(e) => patch((n) => void (n.quota.rounding = e.target.value as SchemeConfig['quota']['rounding']))}>
              {Object.entries(ROUNDING).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </label>
        </div>
        <h3>测评选项（折算分）</h3>
        <div className="row-wrap">
          {cfg.voteOptions.map((o, i) => (
            <label key={o.label}>
              {o.label}
              <input type="number" className="num" value={o.points} onChange={(e) => patch((n) => void (n.voteOptions[i]!.points = Number(e.target.value)))} />
            </label>
          ))}
        </div>
        <h3>一票否决</h3>
        <ul className="veto-list">
          {cfg.vetoRules.map((v, i) => (
            <li key={i}>
              {vetoText(v)}
              {v.kind === 'voteShare' && (
                <>
                  　比例 <input type="number" className="num" value={v.above.num} onChange={(e) => patch((n) => void ((n.vetoRules[i] as typeof v).above.num = Number(e.target.value)))} />
                  / <input type="number" className="num" value={v.above.den} onChange={(e) => patch((n) => void ((n.vetoRules[i] as typeof v).above.den = Number(e.target.value)))} />
                </>
              )}
              <button type="button" className="link" onClick={() => patch((n) => void n.vetoRules.splice(i, 1))}>删除</button>
            </li>
          ))}
        </ul>
      </fieldset>
    </Dialog>
  );
}
