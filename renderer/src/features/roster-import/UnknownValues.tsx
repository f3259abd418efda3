import type { ImportPreview } from '../../../../core/roster-io/contract.ts';

export type ValueChoices = Record<string, string | null>;
export const choiceKey = (table: string, value: string) => `${table}\u0000${value}`;
const KEEP_TEXT = '\u0000keep';

/** Unknown code values, grouped ("社区两委委员 ×3 → ?"): each group is mapped once. */
export function UnknownValues({ preview, choices, onChange }: {
  preview: ImportPreview;
  choices: ValueChoices;
  onChange: (table: string, value: string, code: string | null | undefined) => void;
}) {
  if (!preview.unknownValues.length) return null;
  return (
    <div className="rio-mapping" aria-label="未识别的值">
      <p className="rio-warning">以下值不在代码表中：请各选一次对应项，导入后本机会记住（可在下次导入时沿用）。</p>
      <table>
        <thead>
          <tr><th>项目</th><th>表中写法</th><th>行数</th><th>对应为</th></tr>
        </thead>
        <tbody>
          {preview.unknownValues.map((g) => {
            const k = choiceKey(g.table, g.value);
            const chosen = choices[k];
            const selected = chosen === undefined ? '' : chosen === null ? KEEP_TEXT : chosen;
            return (
              <tr key={k}>
                <td>{g.label}</td>
                <td>{g.value}</td>
                <td>×{g.count}</td>
                <td>
                  <select
                    aria-label={`“${g.value}”对应为`}
                    value={selected}
                    onChange={(e) => onChange(g.table, g.value, e.target.value === '' ? undefined : e.target.value === KEEP_TEXT ? null : e.target.value)}
                  >
                    <option value="">请选择…</option>
                    {g.keepTextAllowed && <option value={KEEP_TEXT}>不对应（只保留原文）</option>}
                    {g.options.map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
