import type { ImportPreview } from '../../../../core/roster-io/contract.ts';

/** Every change an update would make, per person and field, old → new; pay fields flagged. */
export function ChangesList({ preview }: { preview: ImportPreview }) {
  const updates = preview.rows.filter((r) => r.action === 'update');
  if (!updates.length) return null;
  const pay = updates.reduce((n, r) => n + r.changes.filter((c) => c.pay).length, 0);
  return (
    <div className="rio-mapping rio-changes" aria-label="将要修改的内容">
      <p>
        将更新 {updates.length} 人的以下内容（空白单元格不会清除原有内容；要清除请填写“（清空）”）
        {pay > 0 && <span className="rio-warning">，其中 {pay} 项影响薪酬定级（标 ★）</span>}：
      </p>
      <table>
        <thead>
          <tr><th>行</th><th>姓名</th><th>项目</th><th>原值</th><th>新值</th></tr>
        </thead>
        <tbody>
          {updates.flatMap((r) =>
            r.changes.map((c) => (
              <tr key={`${r.row}-${c.field}`} className={c.pay ? 'rio-pay' : undefined}>
                <td>{r.row}</td>
                <td>{r.name}</td>
                <td>{c.pay ? `★ ${c.header}` : c.header}</td>
                <td>{c.old}</td>
                <td>{c.new}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
