import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';
import { DEDUCTION_KEYS, DEDUCTION_LABELS } from '../../../../core/salary/scheme-components.ts';
import { fenToYuan, yuanToFen } from '../../../../core/salary/money.ts';
import { withPostPay } from './reshape.ts';

// The components of a scheme beyond the level grid and allowances (issue 15), as compact
// forms: post pay per post, 试用期, performance pay and its year-end settlement, deductions
// and step options. Validation stays in core; this only keeps the draft's shape.

interface Props {
  config: SchemeConfig;
  onChange: (c: SchemeConfig) => void;
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const money = (v: string) => yuanToFen(v) ?? Number.NaN;
const yuan = (f: number) => (Number.isNaN(f) ? '' : fenToYuan(f));

export function ComponentsEditor({ config: c, onChange }: Props) {
  const pay = c.performancePay;
  const setPay = (patch: Partial<typeof pay>) => onChange({ ...c, performancePay: { ...pay, ...patch } });
  const postPay = (post: string) => c.postPay.find((p) => p.post === post) ?? { post, amountFen: 0, allowanceFen: 0 };
  const setPostPay = (post: string, patch: { amountFen?: number; allowanceFen?: number }) => onChange({ ...c, postPay: withPostPay(c.postPay, post, patch) });
  const gradeCoef = (grade: string) => pay.settlementGrades.find((g) => g.grade === grade)?.coefficient;
  const setGradeCoef = (grade: string, v: string) => setPay({
    settlementGrades: [...pay.settlementGrades.filter((g) => g.grade !== grade), ...(v.trim() === '' ? [] : [{ grade, coefficient: num(v) }])],
  });
  const postCoef = (post: string) => pay.postCoefficients.find((g) => g.post === post)?.coefficient;
  const setPostCoef = (post: string, v: string) => setPay({
    postCoefficients: [...pay.postCoefficients.filter((g) => g.post !== post), ...(v.trim() === '' ? [] : [{ post, coefficient: num(v) }])],
  });
  const p = c.probation;
  const steps = c.stepRules;
  const setSteps = (patch: Partial<typeof steps>) => onChange({ ...c, stepRules: { ...steps, ...patch } });
  return (
    <div className="components-editor salary-form">
      <table className="plain">
        <thead><tr><th>岗位</th><th>岗位工资（元/月）</th><th>岗位津贴（元/月）</th><th title="年终绩效按岗位乘的系数，空为 1">年终岗位系数</th></tr></thead>
        <tbody>
          {c.posts.map((x) => (
            <tr key={x.name}>
              <td>{x.name}</td>
              <td><input type="text" aria-label={`${x.name}岗位工资`} defaultValue={yuan(postPay(x.name).amountFen)} onChange={(e) => setPostPay(x.name, { amountFen: money(e.target.value) })} /></td>
              <td><input type="text" aria-label={`${x.name}岗位津贴`} defaultValue={yuan(postPay(x.name).allowanceFen)} onChange={(e) => setPostPay(x.name, { allowanceFen: money(e.target.value) })} /></td>
              <td><input type="number" step="0.01" aria-label={`${x.name}年终岗位系数`} value={postCoef(x.name) ?? ''} onChange={(e) => setPostCoef(x.name, e.target.value)} /></td>
            </tr>
          ))}
        </tbody>
      </table>

      <fieldset>
        <legend>绩效工资</legend>
        <label>发放方式
          <select aria-label="绩效发放方式" value={pay.mode} onChange={(e) => setPay({ mode: e.target.value as typeof pay.mode })}>
            <option value="grade">按上年考核每月发放（见考核等次表）</option>
            <option value="withheld">按比例预留，年终按考核结算</option>
            <option value="fixed">固定月额（可加年度奖励）</option>
          </select>
        </label>
        {pay.mode === 'withheld' && <label>预留比例（%）<input type="number" aria-label="预留比例" value={Number.isNaN(pay.withheldPercent) ? '' : pay.withheldPercent} onChange={(e) => setPay({ withheldPercent: num(e.target.value) })} /></label>}
        {pay.mode === 'fixed' && <label>每月绩效（元）<input type="text" aria-label="固定绩效月额" defaultValue={yuan(pay.monthlyFen)} onChange={(e) => setPay({ monthlyFen: money(e.target.value) })} /></label>}
        {pay.mode !== 'grade' && <label>年度奖励基数（元/年）<input type="text" aria-label="年度奖励基数" defaultValue={yuan(pay.yearlyFen)} onChange={(e) => setPay({ yearlyFen: money(e.target.value) })} /></label>}
        {pay.mode !== 'grade' && (
          <table className="plain">
            <thead><tr><th>年终考核等次</th>{c.grades.map((g) => <th key={g.grade}>{g.grade}</th>)}</tr></thead>
            <tbody><tr><td>系数（空为不发）</td>{c.grades.map((g) => (
              <td key={g.grade}><input type="number" step="0.01" aria-label={`${g.grade}年终系数`} value={gradeCoef(g.grade) ?? ''} onChange={(e) => setGradeCoef(g.grade, e.target.value)} /></td>
            ))}</tr></tbody>
          </table>
        )}
      </fieldset>

      <fieldset>
        <legend>试用期</legend>
        <label><input type="checkbox" aria-label="设试用期" checked={!!p}
          onChange={(e) => onChange({ ...c, probation: e.target.checked ? { months: 3, percent: 80, ofPost: null, performancePaid: false, allowancesPaid: true } : null })} />设试用期</label>
        {p && (
          <>
            <label>月数<input type="number" aria-label="试用期月数" value={Number.isNaN(p.months) ? '' : p.months} onChange={(e) => onChange({ ...c, probation: { ...p, months: num(e.target.value) } })} /></label>
            <label>按<select aria-label="试用期参照岗位" value={p.ofPost ?? ''} onChange={(e) => onChange({ ...c, probation: { ...p, ofPost: e.target.value || null } })}>
              <option value="">本人岗级</option>{c.posts.map((x) => <option key={x.name} value={x.name}>{x.name}起点级</option>)}
            </select>的</label>
            <label><input type="number" aria-label="试用期比例" value={Number.isNaN(p.percent) ? '' : p.percent} onChange={(e) => onChange({ ...c, probation: { ...p, percent: num(e.target.value) } })} />%</label>
            <label><input type="checkbox" checked={p.performancePaid} onChange={(e) => onChange({ ...c, probation: { ...p, performancePaid: e.target.checked } })} />发绩效</label>
            <label><input type="checkbox" checked={p.allowancesPaid} onChange={(e) => onChange({ ...c, probation: { ...p, allowancesPaid: e.target.checked } })} />发津贴</label>
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>代扣（个人部分）</legend>
        {c.deductions.map((d, i) => {
          const set = (patch: Partial<typeof d>) => onChange({ ...c, deductions: c.deductions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            <div key={i} className="row">
              <select aria-label={`代扣${i + 1}类型`} value={d.key} onChange={(e) => set({ key: e.target.value as typeof d.key })}>
                {DEDUCTION_KEYS.map((k) => <option key={k} value={k}>{DEDUCTION_LABELS[k]}</option>)}
              </select>
              <select aria-label={`代扣${i + 1}方式`} value={d.kind} onChange={(e) => set({ kind: e.target.value as typeof d.kind })}>
                <option value="percent">按应发比例</option><option value="fixed">固定金额</option>
              </select>
              {d.kind === 'percent'
                ? <label><input type="number" step="0.1" aria-label={`代扣${i + 1}比例`} value={Number.isNaN(d.percent) ? '' : d.percent} onChange={(e) => set({ percent: num(e.target.value) })} />%</label>
                : <label><input type="text" aria-label={`代扣${i + 1}金额`} defaultValue={yuan(d.amountFen)} onChange={(e) => set({ amountFen: money(e.target.value) })} />元</label>}
              <button type="button" className="link" onClick={() => onChange({ ...c, deductions: c.deductions.filter((_, j) => j !== i) })}>删除</button>
            </div>
          );
        })}
        <button type="button" onClick={() => onChange({ ...c, deductions: [...c.deductions, { key: 'socialInsurance', label: null, kind: 'percent', amountFen: 0, percent: 0 }] })}>添加代扣</button>
      </fieldset>

      <fieldset>
        <legend>晋级选项</legend>
        <label>未达晋级等次的年度
          <select aria-label="未达标年度" value={steps.failedYear} onChange={(e) => setSteps({ failedYear: e.target.value as typeof steps.failedYear })}>
            <option value="notCounted">不计入年限（其他年度累计）</option><option value="resets">重新计算间隔</option>
          </select>
        </label>
        <label><input type="checkbox" aria-label="提前晋级" checked={!!steps.earlyStep}
          onChange={(e) => setSteps({ earlyStep: e.target.checked ? { grade: c.grades[0]?.grade ?? '优秀', consecutive: 2, maxTimes: 2 } : null })} />连续优秀提前晋级</label>
        {steps.earlyStep && (
          <>
            <label>连续<input type="number" aria-label="提前晋级连续年数" value={steps.earlyStep.consecutive} onChange={(e) => setSteps({ earlyStep: { ...steps.earlyStep!, consecutive: num(e.target.value) } })} />年</label>
            <select aria-label="提前晋级等次" value={steps.earlyStep.grade} onChange={(e) => setSteps({ earlyStep: { ...steps.earlyStep!, grade: e.target.value } })}>
              {c.grades.map((g) => <option key={g.grade}>{g.grade}</option>)}
            </select>
            <label>最多<input type="number" aria-label="提前晋级最多次数" value={steps.earlyStep.maxTimes} onChange={(e) => setSteps({ earlyStep: { ...steps.earlyStep!, maxTimes: num(e.target.value) } })} />次</label>
          </>
        )}
        <label><input type="checkbox" aria-label="连续降级" checked={!!steps.demoteAfter}
          onChange={(e) => setSteps({ demoteAfter: e.target.checked ? { grade: c.grades.find((g) => g.action === 'hold')?.grade ?? c.grades[0]!.grade, consecutive: 2 } : null })} />连续某等次降一级</label>
        {steps.demoteAfter && (
          <>
            <label>连续<input type="number" aria-label="降级连续年数" value={steps.demoteAfter.consecutive} onChange={(e) => setSteps({ demoteAfter: { ...steps.demoteAfter!, consecutive: num(e.target.value) } })} />年</label>
            <select aria-label="降级等次" value={steps.demoteAfter.grade} onChange={(e) => setSteps({ demoteAfter: { ...steps.demoteAfter!, grade: e.target.value } })}>
              {c.grades.map((g) => <option key={g.grade}>{g.grade}</option>)}
            </select>
          </>
        )}
      </fieldset>
    </div>
  );
}
