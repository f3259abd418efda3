import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { ledgerQuarterReports, type LedgerQuarterReportRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { AppError, notFound, validationError } from '../../contract/errors.ts';
import type { Ctx, TxCtx } from '../../context.ts';
import { assertInScope } from '../../security/scope.ts';
import { ledgerOverview } from '../overview.ts';
import { assertOwnRow, knownUnit, orgCondition, unitNames } from '../units.ts';
import type { QuarterRecord, quartersContract } from './contract-quarters.ts';

// 季度报告: a draft until the community confirms it; sealing recounts the quarter's figures and
// freezes the row. A correction is a new report pointing back at the sealed one.

function quarterRange(year: number, q: number) {
  const m = (q - 1) * 3 + 1;
  const end = ['03-31', '06-30', '09-30', '12-31'][q - 1]!;
  return { from: `${year}-${String(m).padStart(2, '0')}-01`, to: `${year}-${end}` };
}

function figuresOf(ctx: Ctx, orgId: string, year: number, quarter: number): Record<string, number> {
  return ledgerOverview(ctx, { orgId, ...quarterRange(year, quarter) }).rows[0]?.figures ?? {};
}

function toRecord(r: LedgerQuarterReportRow, names: Map<string, string>): QuarterRecord {
  return {
    id: r.id, orgId: r.orgId, orgName: names.get(r.orgId) ?? '', year: r.year, quarter: r.quarter, summary: r.summary,
    figures: r.figures, sealedAt: r.sealedAt, sealedBy: r.sealedBy, correctsId: r.correctsId, received: r.origin !== null,
  };
}

function load(ctx: Ctx, id: string): LedgerQuarterReportRow {
  const row = ctx.db.select().from(ledgerQuarterReports).where(and(eq(ledgerQuarterReports.id, id), isNull(ledgerQuarterReports.deletedAt))).get();
  if (!row) throw notFound('季度报告', id);
  assertInScope(ctx, row.orgId);
  return row;
}

const record = (ctx: Ctx, id: string) => {
  const r = load(ctx, id);
  return toRecord(r, unitNames(ctx));
};

function draft(tx: TxCtx, id: string): LedgerQuarterReportRow {
  const row = load(tx, id);
  assertOwnRow(tx, row.orgId);
  if (row.sealedAt) throw new AppError('conflict', `${row.year} 年第 ${row.quarter} 季度报告已于 ${row.sealedAt.slice(0, 10)} 封存，不能修改；如需更正请新建一份更正报告`);
  return row;
}

export const quarterHandlers: HandlersFor<typeof quartersContract> = {
  'ledger.quarters.list': (ctx, input) => {
    const where: (SQL | undefined)[] = [isNull(ledgerQuarterReports.deletedAt)];
    where.push(orgCondition(ctx, ledgerQuarterReports.orgId, input.orgId));
    const rows = ctx.db.select().from(ledgerQuarterReports).where(and(...where)).orderBy(desc(ledgerQuarterReports.year), desc(ledgerQuarterReports.quarter), desc(ledgerQuarterReports.createdAt)).all();
    const names = unitNames(ctx);
    return { rows: rows.map((r) => toRecord(r, names)) };
  },

  'ledger.quarters.create': (tx, input) => {
    const unit = knownUnit(tx, input.orgId, 'orgId', '报告社区');
    if (unit.level !== 'community') throw validationError([{ path: 'orgId', message: `「报告社区」“${unit.name}”不是社区` }]);
    const open = tx.db
      .select({ id: ledgerQuarterReports.id, sealedAt: ledgerQuarterReports.sealedAt })
      .from(ledgerQuarterReports)
      .where(and(eq(ledgerQuarterReports.orgId, unit.id), eq(ledgerQuarterReports.year, input.year), eq(ledgerQuarterReports.quarter, input.quarter), isNull(ledgerQuarterReports.deletedAt)))
      .all();
    if (input.correctsId) {
      const orig = load(tx, input.correctsId);
      if (!orig.sealedAt || orig.orgId !== unit.id || orig.year !== input.year || orig.quarter !== input.quarter)
        throw validationError([{ path: 'correctsId', message: '「被更正的报告」应为本社区同一季度已封存的报告' }]);
    }
    if (open.some((r) => !r.sealedAt)) throw new AppError('conflict', `${input.year} 年第 ${input.quarter} 季度已有未封存的报告草稿，请先完成它`);
    if (!input.correctsId && open.length) throw new AppError('conflict', `${input.year} 年第 ${input.quarter} 季度报告已封存；如需更正请新建更正报告`);
    const id = randomUUID();
    tx.db
      .insert(ledgerQuarterReports)
      .values({
        id, orgId: unit.id, year: input.year, quarter: input.quarter, summary: input.summary, figures: figuresOf(tx, unit.id, input.year, input.quarter),
        sealedAt: null, sealedBy: null, correctsId: input.correctsId, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
      })
      .run();
    const out = record(tx, id);
    tx.audit({ entity: 'ledger_quarter_report', entityId: id, after: out });
    return out;
  },

  'ledger.quarters.update': (tx, input) => {
    const row = draft(tx, input.id);
    tx.db.update(ledgerQuarterReports).set({ summary: input.summary, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(ledgerQuarterReports.id, row.id)).run();
    const out = record(tx, row.id);
    tx.audit({ entity: 'ledger_quarter_report', entityId: row.id, before: { summary: row.summary }, after: { summary: input.summary } });
    return out;
  },

  'ledger.quarters.seal': (tx, input) => {
    const row = draft(tx, input.id);
    const figures = figuresOf(tx, row.orgId, row.year, row.quarter);
    tx.db
      .update(ledgerQuarterReports)
      .set({ figures, sealedAt: tx.nowIso, sealedBy: tx.actor.name, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(eq(ledgerQuarterReports.id, row.id))
      .run();
    const out = record(tx, row.id);
    tx.audit({ entity: 'ledger_quarter_report', entityId: row.id, after: { sealedAt: out.sealedAt, figures, note: input.note } });
    return out;
  },
};
