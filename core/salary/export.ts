import { safeRow } from '../xlsx/safe.ts';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../excel.ts';
import type { PaySheet } from './contract.ts';

// The pay sheet as an .xlsx workbook: one row per person, a subtotal row per community
// and a grand total. Amounts are written in 元 as numbers with two decimals, computed
// from the integer fen (fen / 100 is exact to two decimals for display).

const yuan = (fen: number) => fen / 100;
const MONEY = '#,##0.00';

// The printout says what the screen says: who sealed a copied line, and each correction's month and reason.
function lineNote(l: PaySheet['lines'][number]): string {
  const parts = l.sealed ? [`已由${l.sealed.orgName}于 ${l.sealed.confirmedAt.slice(0, 10)} 确认`] : [];
  for (const c of l.corrections) parts.push(`${c.kind} ${c.month} ${(Math.abs(c.amountFen) / 100).toFixed(2)} 元：${c.reason}`);
  if (l.note) parts.push(l.note);
  return parts.join('；');
}

export async function paySheetXlsx(s: PaySheet): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet(`${s.month} 工资表`);
  const allowanceNames = [...new Set(s.lines.flatMap((l) => l.allowances.map((a) => a.name)))];
  ws.addRow([`${s.orgName} ${s.month} 社区工作者工资表${s.status === 'confirmed' ? '（已确认）' : '（草稿）'}`]);
  ws.addRow([`薪酬方案：${s.scheme.name}`]);
  const header = ['序号', '社区', '姓名', '岗位', '级别', '上年度考核', '等级工资', ...allowanceNames, '津贴合计', '绩效工资', '补发扣回', '应发合计', '备注'];
  ws.addRow(header).font = { bold: true };
  let n = 0;
  for (const c of s.communities) {
    for (const l of s.lines.filter((x) => x.orgId === c.orgId)) {
      const byName = new Map(l.allowances.map((a) => [a.name, a.amountFen]));
      ws.addRow(safeRow([++n, l.orgName, l.name, l.post, l.level, l.grade ?? '', yuan(l.baseFen), ...allowanceNames.map((a) => yuan(byName.get(a) ?? 0)),
        yuan(l.allowancesFen), yuan(l.performanceFen), yuan(l.correctionFen), yuan(l.totalFen), lineNote(l)]));
    }
    const sub = ws.addRow(['', c.orgName, `小计 ${c.count} 人`, '', '', '', yuan(c.baseFen), ...allowanceNames.map(() => ''),
      yuan(c.allowancesFen), yuan(c.performanceFen), yuan(c.correctionFen), yuan(c.totalFen), '']);
    sub.font = { bold: true };
  }
  const t = s.totals;
  ws.addRow(['', '合计', `${t.count} 人`, '', '', '', yuan(t.baseFen), ...allowanceNames.map(() => ''), yuan(t.allowancesFen), yuan(t.performanceFen), yuan(t.correctionFen), yuan(t.totalFen), '']).font = { bold: true };
  for (let col = 7; col <= header.length - 1; col++) ws.getColumn(col).numFmt = MONEY;
  ws.getColumn(2).width = 16;
  ws.getColumn(header.length).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
