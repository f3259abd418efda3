import { randomUUID } from 'node:crypto';
import { salaryPaySheets } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { PaySheet, salaryContract } from './contract.ts';
import { fenToYuan } from './money.ts';
import { paySheetXlsx } from './export.ts';
import { computeSheet, frozenSheet, paySheetFor } from './paysheet.ts';
import { assertTokenHolds } from './paysheet-page.ts';

type SheetOps = Pick<typeof salaryContract, 'salary.paySheet' | 'salary.confirmMonth' | 'salary.exportPaySheet'>;

// Lines go in through one prepared statement: a county sheet has ~15,000 of them and the
// query builder's per-row cost would dominate confirmation.

// One confirmed amount per person-month: what the user saw must still be what gets frozen.
// A sealed person's figure differs only because another unit confirmed the month first,
// and the message names that unit.
function assertShownHolds(s: PaySheet, shown: { personId: string; totalFen: number }[]): void {
  const byId = new Map(s.lines.map((l) => [l.personId, l]));
  for (const want of shown) {
    const l = byId.get(want.personId);
    if (!l) throw new AppError('conflict', `「人员」${want.personId} 不在 ${s.month} 的工资表中（可能已离任或调出），请刷新后再确认`);
    if (l.totalFen === want.totalFen) continue;
    const y = (f: number) => `${fenToYuan(f)} 元`;
    if (l.sealed)
      throw new AppError('conflict', `「${l.name}」${s.month} 的工资已由“${l.sealed.orgName}”于 ${l.sealed.confirmedAt.slice(0, 10)} 确认为 ${y(l.totalFen)}，不能再确认为 ${y(want.totalFen)}；如需更正，请在下一个未确认月份补发或扣回`);
    throw new AppError('conflict', `「${l.name}」${s.month} 的应发合计已变为 ${y(l.totalFen)}（确认时显示 ${y(want.totalFen)}），请刷新工资表后再确认`);
  }
}

export const paySheetHandlers: HandlersFor<SheetOps> = {
  'salary.paySheet': (ctx, input) => paySheetFor(ctx, input.orgId, input.month),

  'salary.confirmMonth': (tx, input) => {
    if (frozenSheet(tx, input.orgId, input.month)) throw new AppError('conflict', `「月份」${input.month} 的工资表已确认，不能重复确认`);
    const s = computeSheet(tx, input.orgId, input.month);
    if (input.shown) assertShownHolds(s, input.shown);
    if (input.shownToken) assertTokenHolds(input.shownToken, input.orgId, input.month, s, assertShownHolds);
    if (!s.lines.length) throw new AppError('validation', `「月份」${input.month} 没有可发放的人员（均未定级或不在岗），未确认`);
    const sheetId = randomUUID();
    const seq = tx.seq();
    const stamp = { createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: seq };
    tx.db.insert(salaryPaySheets).values({
      id: sheetId, orgId: input.orgId, month: input.month, schemeId: s.scheme.id, schemeName: s.scheme.name,
      confirmedAt: tx.nowIso, confirmedBy: tx.actor.name, totalFen: s.totals.totalFen, missing: s.missing, ...stamp,
    }).run();
    const insert = tx.sqlite.prepare(`INSERT INTO salary_pay_lines (id, org_id, created_at, updated_at, change_seq, sheet_id, line_no, person_id,
      person_name, org_name, post, level, grade, base_fen, allowances_fen, allowances, performance_fen, total_fen, note, corrections, correction_fen,
      items, deductions, deductions_fen, withheld_fen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    s.lines.forEach((l, i) =>
      insert.run(randomUUID(), l.orgId, tx.nowIso, tx.nowIso, seq, sheetId, i + 1, l.personId, l.name, l.orgName, l.post, l.level, l.grade,
        l.baseFen, l.allowancesFen, JSON.stringify(l.allowances), l.performanceFen, l.totalFen, l.note, JSON.stringify(l.corrections), l.correctionFen,
        JSON.stringify(l.items), JSON.stringify(l.deductions), l.deductionsFen, l.withheldFen));
    tx.audit({ entity: 'salary_pay_sheet', entityId: sheetId, after: { orgId: input.orgId, month: input.month, totals: s.totals, communities: s.communities } });
    return frozenSheet(tx, input.orgId, input.month)!;
  },

  'salary.exportPaySheet': async (ctx, input) => {
    const s = paySheetFor(ctx, input.orgId, input.month);
    const buf = await paySheetXlsx(s);
    return { fileName: `${s.orgName}-${s.month}-工资表.xlsx`, base64: buf.toString('base64') };
  },
};
