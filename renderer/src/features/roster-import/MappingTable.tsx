import type { ImportPreview } from '../../../../core/roster-io/contract.ts';

interface Props {
  preview: ImportPreview;
  /** Column index → chosen field (null = ignore); only the user's changes. */
  overrides: Record<number, string | null>;
  onChange: (index: number, field: string | null) => void;
}

const SOURCE: Record<ImportPreview['mappingSource'], string> = { detected: '自动识别', remembered: '沿用上次为此表头保存的设置', input: '按您的修改' };

/** The detected column mapping, editable: each sheet column → a roster field or 忽略. */
export function MappingTable({ preview, overrides, onChange }: Props) {
  return (
    <div className="rio-mapping">
      <p className="muted">列对应关系（{SOURCE[preview.mappingSource]}）。修改后请点“重新预检”。</p>
      <table>
        <thead>
          <tr>
            <th>列</th>
            <th>表格中的表头</th>
            <th>导入为</th>
          </tr>
        </thead>
        <tbody>
          {preview.mapping.map((m) => {
            const value = m.index in overrides ? overrides[m.index] : m.field;
            return (
              <tr key={m.index} className={value ? undefined : 'rio-ignored'}>
                <td>{m.letter}</td>
                <td>{m.header}</td>
                <td>
                  <select aria-label={`${m.letter} 列“${m.header}”导入为`} value={value ?? ''} onChange={(e) => onChange(m.index, e.target.value || null)}>
                    <option value="">（忽略此列）</option>
                    {preview.fields.map((f) => (
                      <option key={f.key} value={f.key}>
                        {f.header}
                      </option>
                    ))}
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
