import type { DrillResult } from '../../../../core/report/contract.ts';
import { Dialog } from '../../components/Dialog.tsx';

/** The people (or records) behind one figure; their count or sum is the figure. */
export function DrillDialog({ drill, onClose }: { drill: DrillResult; onClose: () => void }) {
  const sum = drill.rows.reduce((s, r) => s + (r.value ?? 0), 0);
  const hasValues = drill.rows.some((r) => r.value !== undefined);
  return (
    <Dialog title={drill.title} onClose={onClose} wide footer={<button type="button" onClick={onClose}>关闭</button>}>
      <p className="muted">
        共 {drill.rows.length} 条{hasValues ? `，合计 ${drill.money ? (sum / 100).toFixed(2) + ' 元' : Math.round(sum * 100) / 100}` : ''}
      </p>
      <div className="drill-list">
        <table className="chart-table" aria-label="明细">
          <thead>
            <tr><th scope="col">序号</th><th scope="col">姓名</th><th scope="col">单位</th><th scope="col">情况</th></tr>
          </thead>
          <tbody>
            {drill.rows.map((r, i) => (
              <tr key={r.id + i}><td>{i + 1}</td><td>{r.name}</td><td>{r.orgName}</td><td>{r.detail}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  );
}
