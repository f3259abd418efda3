import type { z } from 'zod';
import { agreementInput } from './contract.ts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { coopAgreementReports, coopAgreements, coopUnits, type CoopAgreementReportRow, type CoopAgreementRow, type CoopUnitRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { validationError, type FieldIssue } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import { localIsoDate } from '../../roster/dates.ts';
import type { AgreementRecord, coopContract } from './contract.ts';
import { quarterDue, quarterEnd, quarterStart, quartersBetween } from './dates.ts';
import { conflict, insertRow, keepingOrg, listWhere, loadRow, orgNameMap, plain, sameOrg, softRemove, updateRow, storedWith } from './store.ts';
import { COOP_LEVELS } from './units.ts';

type Ops = Pick<
  typeof coopContract,
  'ledger.coop.agreements.list' | 'ledger.coop.agreements.create' | 'ledger.coop.agreements.update' | 'ledger.coop.agreements.remove' | 'ledger.coop.reports.list' | 'ledger.coop.reports.create'
>;

/** Quarters of the term, up to today, whose report is past its grace period and missing. */
export function overdueQuarters(a: { startDate: string; endDate: string }, reported: Set<string>, today: string): string[] {
  const last = a.endDate < today ? a.endDate : today;
  return quartersBetween(a.startDate, last).filter((q) => !reported.has(q) && quarterDue(q) < today);
}

function toRecord(r: CoopAgreementRow, unitName: string, orgName: string, reported: string[], today: string): AgreementRecord {
  const overdue = overdueQuarters(r, new Set(reported), today);
  return {
    ...plain(r), orgName, unitName,
    inForce: r.startDate <= today && today <= r.endDate,
    reportedQuarters: [...reported].sort(), overdueQuarters: overdue, overdue: overdue.length > 0,
  };
}

function reportedBy(ctx: Ctx, ids: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = ctx.db
      .select({ a: coopAgreementReports.agreementId, q: coopAgreementReports.quarter })
      .from(coopAgreementReports)
      .where(and(inArray(coopAgreementReports.agreementId, ids.slice(i, i + 500)), isNull(coopAgreementReports.deletedAt)))
      .all();
    for (const r of rows) out.set(r.a, [...(out.get(r.a) ?? []), r.q]);
  }
  return out;
}

export function getAgreement(ctx: Ctx, id: string): AgreementRecord {
  const row = loadRow<CoopAgreementRow>(ctx, coopAgreements, id, '共建协议');
  const unit = ctx.db.select({ name: coopUnits.name }).from(coopUnits).where(eq(coopUnits.id, row.unitId)).get();
  return toRecord(row, unit?.name ?? '', orgNameMap(ctx).get(row.orgId) ?? '', reportedBy(ctx, [id]).get(id) ?? [], localIsoDate(ctx.now()));
}

function checkAgreement(ctx: Ctx, input: { orgId: string; unitId: string; signedDate: string; startDate: string; endDate: string }): void {
  keepingOrg(ctx, input.orgId, COOP_LEVELS);
  const issues: FieldIssue[] = [];
  if (input.endDate < input.startDate) issues.push({ path: 'endDate', message: `「终止日期」${input.endDate} 早于开始日期 ${input.startDate}` });
  if (input.signedDate > input.endDate) issues.push({ path: 'signedDate', message: '「签订日期」不能晚于终止日期' });
  const unit = ctx.db.select().from(coopUnits).where(and(eq(coopUnits.id, input.unitId), isNull(coopUnits.deletedAt))).get() as CoopUnitRow | undefined;
  if (!unit) issues.push({ path: 'unitId', message: '「共建单位」不存在或已删除' });
  else if (unit.orgId !== input.orgId) issues.push({ path: 'unitId', message: `「共建单位」${unit.name}不是本组织登记的共建单位` });
  if (issues.length) throw validationError(issues);
}

export const agreementHandlers: HandlersFor<Ops> = {
  'ledger.coop.agreements.list': (ctx, input) => {
    const today = localIsoDate(ctx.now());
    const names = orgNameMap(ctx);
    const rows = ctx.db
      .select({ a: coopAgreements, unitName: coopUnits.name })
      .from(coopAgreements)
      .innerJoin(coopUnits, eq(coopUnits.id, coopAgreements.unitId))
      .where(listWhere(ctx, coopAgreements, input.orgId))
      .orderBy(asc(coopAgreements.orgId), asc(coopAgreements.startDate))
      .all();
    // Reports are kept at their agreement's org, so one scoped query finds them all.
    const reported = new Map<string, string[]>();
    for (const r of ctx.db.select({ a: coopAgreementReports.agreementId, q: coopAgreementReports.quarter }).from(coopAgreementReports).where(listWhere(ctx, coopAgreementReports, input.orgId)).all())
      reported.set(r.a, [...(reported.get(r.a) ?? []), r.q]);
    return { rows: rows.map((r) => toRecord(r.a, r.unitName, names.get(r.a.orgId) ?? '', reported.get(r.a.id) ?? [], today)) };
  },
  'ledger.coop.agreements.create': (tx, input) => {
    checkAgreement(tx, input);
    const id = insertRow(tx, coopAgreements, input);
    const after = getAgreement(tx, id);
    tx.audit({ entity: 'coop_agreement', entityId: id, after });
    return after;
  },
  'ledger.coop.agreements.update': (tx, input) => {
    const { id, ...patch } = input;
    const fields = storedWith<z.output<typeof agreementInput>>(tx, coopAgreements, id, '共建协议', agreementInput, patch);
    const before = getAgreement(tx, id);
    sameOrg(before, fields.orgId);
    checkAgreement(tx, fields);
    updateRow(tx, coopAgreements, id, fields);
    const after = getAgreement(tx, id);
    tx.audit({ entity: 'coop_agreement', entityId: id, before, after });
    return after;
  },
  'ledger.coop.agreements.remove': (tx, input) => {
    const before = getAgreement(tx, input.id);
    softRemove(tx, coopAgreements, input.id, input.reason);
    tx.audit({ entity: 'coop_agreement', entityId: input.id, before, after: { deleted: true, reason: input.reason } });
    return { id: input.id, removed: true as const };
  },
  'ledger.coop.reports.list': (ctx, input) => {
    const a = getAgreement(ctx, input.agreementId);
    const rows = ctx.db
      .select()
      .from(coopAgreementReports)
      .where(and(eq(coopAgreementReports.agreementId, input.agreementId), isNull(coopAgreementReports.deletedAt)))
      .orderBy(asc(coopAgreementReports.quarter))
      .all() as CoopAgreementReportRow[];
    return { rows: rows.map((r) => ({ ...plain(r), orgName: a.orgName })) };
  },
  'ledger.coop.reports.create': (tx, input) => {
    const a = getAgreement(tx, input.agreementId);
    const issues: FieldIssue[] = [];
    if (quarterEnd(input.quarter) < a.startDate || quarterStart(input.quarter) > a.endDate)
      issues.push({ path: 'quarter', message: `「季度」${input.quarter} 不在协议期限 ${a.startDate} 至 ${a.endDate} 内` });
    if (input.submittedDate < quarterStart(input.quarter)) issues.push({ path: 'submittedDate', message: `「报送日期」早于 ${input.quarter} 开始` });
    if (issues.length) throw validationError(issues);
    if (a.reportedQuarters.includes(input.quarter)) throw conflict('quarter', `「季度」${input.quarter} 的书面报告已报送`);
    const id = insertRow(tx, coopAgreementReports, { ...input, orgId: a.orgId });
    const after = { ...plain(tx.db.select().from(coopAgreementReports).where(eq(coopAgreementReports.id, id)).get() as CoopAgreementReportRow), orgName: a.orgName };
    tx.audit({ entity: 'coop_agreement_report', entityId: id, after });
    return after;
  },
};
