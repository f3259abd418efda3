import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';
import { fenToYuan, yuanToFen } from '../../../../core/salary/money.ts';

type Allowance = SchemeConfig['allowances'][number];

interface Props {
  allowances: Allowance[];
  onChange: (a: Allowance[]) => void;
}

const fen = (text: string) => yuanToFen(text) ?? Number.NaN;
const yuan = (f: number) => (Number.isNaN(f) ? '' : fenToYuan(f));

/** 津补贴: fixed monthly items, or items paid by 社区工作年限 band (from N full years on). */
export function AllowancesEditor({ allowances, onChange }: Props) {
  const set = (i: number, a: Allowance) => onChange(allowances.map((x, j) => (j === i ? a : x)));
  return (
    <table className="plain allowances-editor">
      <thead><tr><th>津贴名称</th><th>方式</th><th>金额（元/月）或年限档次</th><th /></tr></thead>
      <tbody>
        {allowances.map((a, i) => (
          <tr key={i}>
            <td><input type="text" aria-label={`津贴${i + 1}名称`} value={a.name} onChange={(e) => set(i, { ...a, name: e.target.value })} /></td>
            <td>
              <select aria-label={`津贴${i + 1}方式`} value={a.kind} onChange={(e) => set(i, e.target.value === 'fixed'
                ? { kind: 'fixed', name: a.name, amountFen: 0 }
                : { kind: 'seniority', name: a.name, bands: [{ minYears: 0, amountFen: 0 }] })}>
                <option value="fixed">固定</option><option value="seniority">按工作年限</option>
              </select>
            </td>
            <td>
              {a.kind === 'fixed' ? (
                <input type="text" aria-label={`津贴${i + 1}金额`} defaultValue={yuan(a.amountFen)} onChange={(e) => set(i, { ...a, amountFen: fen(e.target.value) })} />
              ) : (
                <span className="bands">
                  {a.bands.map((b, k) => (
                    <span key={k} className="band">
                      满<input type="number" aria-label={`津贴${i + 1}第${k + 1}档年限`} value={Number.isNaN(b.minYears) ? '' : b.minYears}
                        onChange={(e) => set(i, { ...a, bands: a.bands.map((x, m) => (m === k ? { ...x, minYears: e.target.value === '' ? Number.NaN : Number(e.target.value) } : x)) })} />年
                      <input type="text" aria-label={`津贴${i + 1}第${k + 1}档金额`} defaultValue={yuan(b.amountFen)}
                        onChange={(e) => set(i, { ...a, bands: a.bands.map((x, m) => (m === k ? { ...x, amountFen: fen(e.target.value) } : x)) })} />元
                      <button type="button" className="link" disabled={a.bands.length < 2} onClick={() => set(i, { ...a, bands: a.bands.filter((_, m) => m !== k) })}>删</button>
                    </span>
                  ))}
                  <button type="button" className="link" onClick={() => set(i, { ...a, bands: [...a.bands, { minYears: (a.bands.at(-1)?.minYears ?? 0) + 5, amountFen: 0 }] })}>加一档</button>
                </span>
              )}
            </td>
            <td><button type="button" className="link" onClick={() => onChange(allowances.filter((_, j) => j !== i))}>删除</button></td>
          </tr>
        ))}
        <tr><td colSpan={4}><button type="button" onClick={() => onChange([...allowances, { kind: 'fixed', name: `津贴${allowances.length + 1}`, amountFen: 0 }])}>添加津贴</button></td></tr>
      </tbody>
    </table>
  );
}
