import { randomUUID } from 'node:crypto';
import { salaryPaySheets } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { salaryContract } from './contract.ts';
import { paySheetXlsx } from './export.ts';
import { computeSheet, frozenSheet, paySheetFor } from './paysheet.ts';

type SheetOps = Pick<typeof salaryContract, 'salary.paySheet' | 'salary.confirmMonth' | 'salary.exportPaySheet'>;

// Lines go in through one prepared statement: a county sheet has ~15,000 of them and the
// query builder's per-row cost would dominate confirmation.

export const paySheetHandlers: HandlersFor<SheetOps> = {
  'salary.paySheet': (ctx, input) => paySheetFor(ctx, input.orgId, input.month),

  'salary.confirmMonth': (tx, input) => {
    if (frozenSheet(tx, input.orgId, input.month)) throw new AppError('conflict', `「月份」${input.month} 的工资表已确认，不能重复确认`);
    const s = computeSheet(tx, input.orgId, input.month);
    if (!s.lines.length) throw new AppError('validation', `「月份」${input.month} 没有可发放的人员（均未定级或不在岗），未确认`);
    const sheetId = randomUUID();
    const seq = tx.seq();
    const stamp = { createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: seq };
    tx.db.insert(salaryPaySheets).values({
      id: sheetId, orgId: input.orgId, month: input.month, schemeId: s.scheme.id, schemeName: s.scheme.name,
      confirmedAt: tx.nowIso, confirmedBy: tx.actor.name, totalFen: s.totals.totalFen, missing: s.missing, ...stamp,
    }).run();
    const insert = tx.sqlite.prepare(`INSERT INTO salary_pay_lines (id, org_id, created_at, updated_at, change_seq, sheet_id, line_no, person_id,
      person_name, org_name, post, level, grade, base_fen, allowances_fen, allowances, performance_fen, total_fen, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    s.lines.forEach((l, i) =>
      insert.run(randomUUID(), l.orgId, tx.nowIso, tx.nowIso, seq, sheetId, i + 1, l.personId, l.name, l.orgName, l.post, l.level, l.grade,
        l.baseFen, l.allowancesFen, JSON.stringify(l.allowances), l.performanceFen, l.totalFen, l.note));
    tx.audit({ entity: 'salary_pay_sheet', entityId: sheetId, after: { orgId: input.orgId, month: input.month, totals: s.totals, communities: s.communities } });
    return frozenSheet(tx, input.orgId, input.month)!;
  },

  'salary.exportPaySheet': async (ctx, input) => {
    const s = paySheetFor(ctx, input.orgId, input.month);
    const buf = await paySheetXlsx(s);
    return { fileName: `${s.orgName}-${s.month}-工资表.xlsx`, base64: buf.toString('base64') };
  },
};
