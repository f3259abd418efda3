import { safeRow } from '../xlsx/safe.ts';
import { loadExcel } from '../excel.ts';
import type { Sheet } from './contract.ts';

/** The ranking list of one cycle as a workbook: one row per person, best first. */
export async function sheetToXlsx(s: Sheet): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('考核结果');
  const comps = s.scheme.config.components;
  const options = s.scheme.config.voteOptions.map((o) => o.label);
  ws.addRow([`${s.cycle.name}（${s.cycle.status === 'locked' ? '已确认' : '未确认'}）`]);
  ws.addRow([
    '排名', '姓名', '单位', '职务', ...comps.map((c) => `${c.name}（${c.weight}%）`), '总分',
    ...options.map((o) => `${o}率`), '否决情况', '拟定等次', '最终等次', '调整理由',
  ]);
  ws.getRow(2).font = { bold: true };
  for (const r of [...s.rows].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'))) {
    ws.addRow(safeRow([
      r.rank, r.name, r.orgName, r.posts.join('、'), ...comps.map((c) => r.components[c.key] ?? null), r.total,
      ...options.map((o) => (r.rates[o] === null || r.rates[o] === undefined ? null : Math.round(r.rates[o]! * 1000) / 10)),
      r.vetoes.map((v) => v.reason).join('；'), r.tie ? '并列待定' : r.proposedGrade, r.finalGrade, r.finalReason,
    ]));
  }
  ws.columns.forEach((c, i) => (c.width = i === 1 || i === 2 ? 14 : 10));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
