import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';
import { EDUCATION_KEYS, GRADE_ACTIONS, GRADE_ACTION_LABELS } from '../../../../core/salary/scheme-schema.ts';
import { fenToYuan, yuanToFen } from '../../../../core/salary/money.ts';
import { reshape } from './reshape.ts';
import { AllowancesEditor } from './AllowancesEditor.tsx';
import { ComponentsEditor } from './ComponentsEditor.tsx';

interface Props {
  config: SchemeConfig;
  onChange: (c: SchemeConfig) => void;
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

/** Posts and bands, credits, per-grade consequences and allowances of one scheme version. */
export function RulesEditor({ config: c, onChange }: Props) {
  const setPost = (i: number, patch: Partial<SchemeConfig['posts'][number]>) => {
    const before = c.posts.map((p) => p.name);
    onChange(reshape({ ...c, posts: c.posts.map((p, j) => (j === i ? { ...p, ...patch } : p)) }, before));
  };
  const eduYears = (k: (typeof EDUCATION_KEYS)[number]) => c.educationCredits.find((e) => e.education === k)?.years;
  const setEdu = (k: (typeof EDUCATION_KEYS)[number], v: string) => {
    const rest = c.educationCredits.filter((e) => e.education !== k);
    onChange({ ...c, educationCredits: v.trim() === '' ? rest : [...rest, { education: k, years: num(v) }] });
  };
  return (
    <div className="rules-editor salary-form">
      <table className="plain">
        <thead><tr><th>岗位</th><th>对应岗位类别</th><th>起点级</th><th>最高级</th><th /></tr></thead>
        <tbody>
          {c.posts.map((p, i) => (
            <tr key={i}>
              <td><input type="text" aria-label={`岗位${i + 1}名称`} value={p.name} onChange={(e) => setPost(i, { name: e.target.value })} /></td>
              <td>
                <select value={p.category ?? ''} onChange={(e) => setPost(i, { category: (e.target.value || null) as never })}>
                  <option value="">（不对应）</option><option>正职</option><option>副职</option><option>其他</option>
                </select>
              </td>
              <td><input type="number" aria-label={`${p.name}起点级`} value={p.minLevel} onChange={(e) => setPost(i, { minLevel: num(e.target.value) })} /></td>
              <td><input type="number" aria-label={`${p.name}最高级`} value={p.maxLevel} onChange={(e) => setPost(i, { maxLevel: num(e.target.value) })} /></td>
              <td><button type="button" className="link" disabled={c.posts.length < 2} onClick={() => onChange(reshape({ ...c, posts: c.posts.filter((_, j) => j !== i) }))}>删除</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange(reshape({ ...c, posts: [...c.posts, { name: `岗位${c.posts.length + 1}`, category: null, minLevel: 1, maxLevel: c.levelCount }] }))}>
        添加岗位
      </button>
      <table className="plain">
        <thead><tr><th colSpan={4}>学历视同工作年限（年）</th></tr><tr>{EDUCATION_KEYS.map((k) => <th key={k}>{k}</th>)}</tr></thead>
        <tbody><tr>{EDUCATION_KEYS.map((k) => (
          <td key={k}><input type="number" aria-label={`${k}视同年限`} value={eduYears(k) ?? ''} onChange={(e) => setEdu(k, e.target.value)} /></td>
        ))}</tr></tbody>
      </table>
      <table className="plain">
        <thead><tr><th>职业资格</th><th>计入方式</th><th>加级</th><th>津贴（元/月）</th></tr></thead>
        <tbody>
          {c.qualificationCredits.map((q, i) => {
            const set = (patch: Partial<typeof q>) => onChange({ ...c, qualificationCredits: c.qualificationCredits.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <tr key={q.qualification}>
                <td>{q.qualification}</td>
                <td><select value={q.kind} onChange={(e) => set({ kind: e.target.value as 'levels' | 'allowance' })}><option value="levels">加级</option><option value="allowance">津贴</option></select></td>
                <td><input type="number" value={q.levels} disabled={q.kind !== 'levels'} onChange={(e) => set({ levels: num(e.target.value) })} /></td>
                <td><input type="text" value={fenToYuan(q.allowanceFen)} disabled={q.kind !== 'allowance'} onChange={(e) => set({ allowanceFen: yuanToFen(e.target.value) ?? Number.NaN })} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className="plain">
        <thead><tr><th>考核等次</th><th>晋级规则</th><th>{c.performanceKind === 'coefficient' ? '绩效系数（×等级工资）' : '绩效金额（元/月）'}</th></tr></thead>
        <tbody>
          {c.grades.map((g, i) => {
            const set = (patch: Partial<typeof g>) => onChange({ ...c, grades: c.grades.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <tr key={i}>
                <td>{g.grade}</td>
                <td><select aria-label={`${g.grade}晋级规则`} value={g.action} onChange={(e) => set({ action: e.target.value as never })}>
                  {GRADE_ACTIONS.map((a) => <option key={a} value={a}>{GRADE_ACTION_LABELS[a]}</option>)}
                </select></td>
                <td>{c.performanceKind === 'coefficient'
                  ? <input type="number" step="0.01" aria-label={`${g.grade}绩效`} value={Number.isNaN(g.performance) ? '' : g.performance} onChange={(e) => set({ performance: num(e.target.value) })} />
                  : <input type="text" aria-label={`${g.grade}绩效`} value={fenToYuan(g.performance)} onChange={(e) => set({ performance: yuanToFen(e.target.value) ?? Number.NaN })} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label>
        绩效方式
        <select value={c.performanceKind} onChange={(e) => onChange({ ...c, performanceKind: e.target.value as never })}>
          <option value="coefficient">系数</option><option value="amount">金额</option>
        </select>
      </label>
      <AllowancesEditor allowances={c.allowances} onChange={(allowances) => onChange({ ...c, allowances })} />
      <ComponentsEditor config={c} onChange={onChange} />
    </div>
  );
}
