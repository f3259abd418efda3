import { randomUUID } from 'node:crypto';
import { loadExcel } from '../excel.ts';
import { salarySettlements } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { safeRow } from '../xlsx/safe.ts';
import type { Settlement, salaryContract } from './contract.ts';
import { fenToYuan } from './money.ts';
import { computeSettlementWithMonths, frozenSettlement, settlementFor } from './settlement.ts';

type SettlementOps = Pick<typeof salaryContract, 'salary.settlement' | 'salary.confirmSettlement' | 'salary.exportSettlement'>;

async function settlementXlsx(s: Settlement): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet(`${s.year} 年终绩效`);
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  ws.addRow([`${s.orgName} ${s.year} 年度绩效结算${s.status === 'confirmed' ? '（已确认）' : '（草稿）'}`]);
  ws.addRow([`薪酬方案：${s.scheme.name}`]);
  ws.addRow(['序号', '社区', '姓名', '岗位', '月数', '考核等次', '预留绩效', '年度奖励基数', '等次系数', '岗位系数', '结算金额', '备注']).font = { bold: true };
  s.lines.forEach((l, i) => ws.addRow(safeRow([i + 1, l.orgName, l.name, l.post, l.months, l.grade ?? '', l.withheldFen / 100, l.yearlyFen / 100,
    l.gradeCoefficient ?? '', l.postCoefficient, l.amountFen / 100, [l.sealed ? `已由${l.sealed.orgName}确认` : '', l.note ?? ''].filter(Boolean).join('；')])));
  ws.addRow(['', '合计', `${s.totals.count} 人`, '', '', '', s.totals.withheldFen / 100, '', '', '', s.totals.amountFen / 100, '']).font = { bold: true };
  for (const col of [7, 8, 11]) ws.getColumn(col).numFmt = '#,##0.00';
  for (let c = 1; c <= 12; c++) ws.getColumn(c).width = c === 2 || c === 12 ? 18 : 11;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const settlementHandlers: HandlersFor<SettlementOps> = {
  'salary.settlement': (ctx, input) => settlementFor(ctx, input.orgId, input.year),

  'salary.confirmSettlement': (tx, input) => {
    if (frozenSettlement(tx, input.orgId, input.year)) throw new AppError('conflict', `「年度」${input.year} 的年终绩效结算已确认，不能重复确认`);
    const { settlement: s, openMonths } = computeSettlementWithMonths(tx, input.orgId, input.year);
    if (!s.lines.length) throw new AppError('validation', `「年度」${input.year} 没有需要结算的预留绩效或年度奖励，未确认`);
    // A confirmed settlement is final (one per unit and year): it may only rest on paid months
    // and on a grade for everyone, or someone's 年终绩效 would be frozen at 0 for good.
    if (openMonths.length)
      throw new AppError('validation', `「年度」${input.year} 年 ${openMonths.map((m) => `${Number(m.slice(5))} 月`).join('、')}的工资表尚未确认，请先确认全年工资表再确认年终绩效结算`);
    const ungraded = s.lines.filter((l) => !l.sealed && l.grade === null);
    if (ungraded.length)
      throw new AppError('validation', `「考核等次」${ungraded.map((l) => `“${l.name}”`).join('、')}缺少 ${input.year} 年度考核结果，请先录入考核等次再确认年终绩效结算`);
    if (input.shownTotalFen !== undefined && input.shownTotalFen !== s.totals.amountFen)
      throw new AppError('conflict', `「结算合计」已变为 ${fenToYuan(s.totals.amountFen)} 元（确认时显示 ${fenToYuan(input.shownTotalFen)} 元），请刷新后再确认`);
    const id = randomUUID();
    tx.db.insert(salarySettlements).values({
      id, orgId: input.orgId, year: input.year, schemeId: s.scheme.id, schemeName: s.scheme.name, confirmedAt: tx.nowIso, confirmedBy: tx.actor.name,
      totalFen: s.totals.amountFen, lines: s.lines, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
    }).run();
    tx.audit({ entity: 'salary_settlement', entityId: id, after: { orgId: input.orgId, year: input.year, totals: s.totals } });
    return frozenSettlement(tx, input.orgId, input.year)!;
  },

  'salary.exportSettlement': async (ctx, input) => {
    const s = settlementFor(ctx, input.orgId, input.year);
    return { fileName: `${s.orgName}-${s.year}-年终绩效结算.xlsx`, base64: (await settlementXlsx(s)).toString('base64') };
  },
};
