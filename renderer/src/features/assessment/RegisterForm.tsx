import type { SheetRow } from '../../../../core/assessment/contract.ts';
import type { SheetSummary } from '../../../../core/assessment/contract-sheet-page.ts';

/** 年度考核登记表 for one person, laid out for A4; the print stylesheet hides the app around it. */
export function RegisterForm({ sheet, row, onClose }: { sheet: SheetSummary; row: SheetRow; onClose: () => void }) {
  const cfg = sheet.scheme.config;
  const options = cfg.voteOptions.map((o) => o.label);
  return (
    <div className="print-overlay">
      <div className="print-actions">
        <button type="button" className="primary" onClick={() => window.print()}>打印</button>
        <button type="button" onClick={onClose}>关闭</button>
      </div>
      <article className="print-sheet print-doc" aria-label="考核登记表">
        <h2>{sheet.cycle.year}年度考核登记表</h2>
        {sheet.scheme.isSample && <p className="sample-note">（依据示例方案，仅供参考）</p>}
        <table className="register">
          <tbody>
            <tr><th>姓名</th><td>{row.name}</td><th>单位</th><td>{row.orgName}</td><th>职务</th><td>{row.posts.join('、')}</td></tr>
            <tr><th>考核方案</th><td colSpan={5}>{sheet.scheme.name}</td></tr>
            <tr><th>个人自评</th><td colSpan={5} className="tall">{row.selfAssessment}</td></tr>
            <tr><th>述职记录</th><td colSpan={5} className="tall">{row.reportNotes}</td></tr>
            {cfg.components.map((c) => (
              <tr key={c.key}>
                <th>{c.name}（{c.weight}%）</th>
                <td colSpan={4}>
                  {sheet.leaves.filter((l) => l.componentKey === c.key).map((l) => `${l.name} ${row.scores[l.key] ?? '—'}/${l.maxPoints}`).join('　')}
                  {c.source === 'votes' && options.map((o) => `${o} ${row.votes.counts[o] ?? 0} 票`).join('　')}
                </td>
                <td>{row.components[c.key] ?? '—'}</td>
              </tr>
            ))}
            <tr><th>综合得分</th><td>{row.total}</td><th>单位内排名</th><td>{row.rank} / {sheet.rowCount}</td><th>拟定等次</th><td>{row.tie ? '并列待定' : row.proposedGrade}</td></tr>
            <tr><th>否决情况</th><td colSpan={5}>{row.vetoes.map((v) => v.reason).join('；') || '无'}</td></tr>
            <tr><th>审定等次</th><td>{row.finalGrade ?? ''}</td><th>调整理由</th><td colSpan={3}>{row.finalReason ?? ''}</td></tr>
            <tr><th>审定单位意见</th><td colSpan={5} className="tall">{sheet.cycle.status === 'locked' ? `已于 ${sheet.cycle.lockedAt?.slice(0, 10)} 确认` : ''}<span className="sign">（盖章）　　年　　月　　日</span></td></tr>
          </tbody>
        </table>
      </article>
    </div>
  );
}
