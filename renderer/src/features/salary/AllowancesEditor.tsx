import { useEffect, useState } from 'react';
import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';
import { EDUCATION_KEYS } from '../../../../core/salary/scheme-components.ts';
import { fenToYuan, yuanToFen } from '../../../../core/salary/money.ts';
import { SW_QUALIFICATIONS } from '../../../../core/codes/tables.ts';

type Allowance = SchemeConfig['allowances'][number];
type Kind = Allowance['kind'];

interface Props {
  allowances: Allowance[];
  onChange: (a: Allowance[]) => void;
}

const fen = (text: string) => yuanToFen(text) ?? Number.NaN;
const yuan = (f: number) => (Number.isNaN(f) ? '' : fenToYuan(f));

const KINDS: [Kind, string][] = [
  ['fixed', '固定'], ['seniority', '按工作年限档次'], ['perYear', '每满一年'], ['education', '按学历'],
  ['qualification', '按社工证/职称'], ['oneShoulder', '一肩挑'], ['crossPosting', '交叉任职'],
];

function blank(kind: Kind, name: string, group: string | null): Allowance {
  switch (kind) {
    case 'fixed': case 'oneShoulder': case 'crossPosting': return { kind, name, group, amountFen: 0 };
    case 'seniority': return { kind, name, group, bands: [{ minYears: 0, amountFen: 0 }] };
    case 'perYear': return { kind, name, group, amountFen: 0, maxYears: null };
    case 'education': return { kind, name, group, rates: EDUCATION_KEYS.map((education) => ({ education, fullTimeFen: 0, partTimeFen: 0 })) };
    case 'qualification': return { kind, name, group, rates: SW_QUALIFICATIONS.map((qualification) => ({ qualification, amountFen: 0 })) };
  }
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

// Controlled: a value changed from outside (another kind resets it to 0, a row above removed)
// shows at once; what is being typed stays as typed while it means the same figure (or NaN).
function Money({ label, value, onChange }: { label: string; value: number; onChange: (f: number) => void }) {
  const [text, setText] = useState(() => yuan(value));
  useEffect(() => setText((t) => (same(fen(t), value) ? t : yuan(value))), [value]);
  return <input type="text" className="money" aria-label={label} value={text} onChange={(e) => { setText(e.target.value); onChange(fen(e.target.value)); }} />;
}

/** The amount cell of one allowance, by kind. */
function Amounts({ a, i, set }: { a: Allowance; i: number; set: (a: Allowance) => void }) {
  const n = `津贴${i + 1}`;
  switch (a.kind) {
    case 'fixed': case 'oneShoulder': case 'crossPosting':
      return <><Money label={`${n}金额`} value={a.amountFen} onChange={(f) => set({ ...a, amountFen: f })} />元</>;
    case 'perYear':
      return (
        <>每满一年 <Money label={`${n}每年金额`} value={a.amountFen} onChange={(f) => set({ ...a, amountFen: f })} />元，最多
          <input type="number" aria-label={`${n}最多年数`} value={a.maxYears ?? ''}
            onChange={(e) => set({ ...a, maxYears: e.target.value === '' ? null : Number(e.target.value) })} />年（空为不限）</>
      );
    case 'education':
      return (
        <span className="bands">
          {a.rates.map((r, k) => (
            <span key={r.education} className="band">{r.education} 全日制
              <Money label={`${n}${r.education}全日制`} value={r.fullTimeFen} onChange={(f) => set({ ...a, rates: a.rates.map((x, m) => (m === k ? { ...x, fullTimeFen: f } : x)) })} />
              在职<Money label={`${n}${r.education}在职`} value={r.partTimeFen} onChange={(f) => set({ ...a, rates: a.rates.map((x, m) => (m === k ? { ...x, partTimeFen: f } : x)) })} />元
            </span>
          ))}
        </span>
      );
    case 'qualification':
      return (
        <span className="bands">
          {a.rates.map((r, k) => (
            <span key={r.qualification} className="band">{r.qualification}
              <Money label={`${n}${r.qualification}`} value={r.amountFen} onChange={(f) => set({ ...a, rates: a.rates.map((x, m) => (m === k ? { ...x, amountFen: f } : x)) })} />元
            </span>
          ))}
        </span>
      );
    case 'seniority':
      return (
        <span className="bands">
          {a.bands.map((b, k) => (
            <span key={k} className="band">
              满<input type="number" aria-label={`${n}第${k + 1}档年限`} value={Number.isNaN(b.minYears) ? '' : b.minYears}
                onChange={(e) => set({ ...a, bands: a.bands.map((x, m) => (m === k ? { ...x, minYears: e.target.value === '' ? Number.NaN : Number(e.target.value) } : x)) })} />年
              <Money label={`${n}第${k + 1}档金额`} value={b.amountFen} onChange={(f) => set({ ...a, bands: a.bands.map((x, m) => (m === k ? { ...x, amountFen: f } : x)) })} />元
              <button type="button" className="link" disabled={a.bands.length < 2} onClick={() => set({ ...a, bands: a.bands.filter((_, m) => m !== k) })}>删</button>
            </span>
          ))}
          <button type="button" className="link" onClick={() => set({ ...a, bands: [...a.bands, { minYears: (a.bands.at(-1)?.minYears ?? 0) + 5, amountFen: 0 }] })}>加一档</button>
        </span>
      );
  }
}

/** 津补贴: fixed items, or items chosen by the person's attributes; a shared 不累加组 pays only the highest. */
export function AllowancesEditor({ allowances, onChange }: Props) {
  const set = (i: number, a: Allowance) => onChange(allowances.map((x, j) => (j === i ? a : x)));
  return (
    <table className="plain allowances-editor">
      <thead><tr><th>津贴名称</th><th>方式</th><th>金额（元/月）</th><th title="同一组内只发最高一项">不累加组</th><th /></tr></thead>
      <tbody>
        {allowances.map((a, i) => (
          <tr key={i}>
            <td><input type="text" aria-label={`津贴${i + 1}名称`} value={a.name} onChange={(e) => set(i, { ...a, name: e.target.value })} /></td>
            <td>
              <select aria-label={`津贴${i + 1}方式`} value={a.kind} onChange={(e) => set(i, blank(e.target.value as Kind, a.name, a.group))}>
                {KINDS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
              </select>
            </td>
            <td><Amounts a={a} i={i} set={(x) => set(i, x)} /></td>
            <td><input type="text" aria-label={`津贴${i + 1}不累加组`} value={a.group ?? ''} placeholder="（累加）"
              onChange={(e) => set(i, { ...a, group: e.target.value.trim() ? e.target.value : null })} /></td>
            <td><button type="button" className="link" onClick={() => onChange(allowances.filter((_, j) => j !== i))}>删除</button></td>
          </tr>
        ))}
        <tr><td colSpan={5}><button type="button" onClick={() => onChange([...allowances, blank('fixed', `津贴${allowances.length + 1}`, null)])}>添加津贴</button></td></tr>
      </tbody>
    </table>
  );
}
