import type { z } from 'zod';
import { registrationInput } from './contract.ts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { gridAreas, gridRegistrations, gridServiceFeedback, gridServiceRecords, type GridRegistrationRow, type GridServiceFeedbackRow, type GridServiceRecordRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { validationError, type FieldIssue } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import { localIsoDate } from '../../roster/dates.ts';
import { quarterDue, quarterEnd, quarterStart, quartersBetween } from '../coop/dates.ts';
import { conflict, insertRow, keepingOrg, listWhere, loadRow, orgNameMap, plain, sameOrg, softRemove, updateRow, storedWith } from '../coop/store.ts';
import type { gridContract, RegistrationRecord } from './contract.ts';

type Ops = Omit<typeof gridContract, 'ledger.grid.areas.list' | 'ledger.grid.areas.create' | 'ledger.grid.areas.update' | 'ledger.grid.areas.remove'>;
type RegValues = { orgId: string; gridId: string | null; registeredDate: string; receiptDate: string | null; leftDate: string | null };

/** Ended quarters of service (plus the grace period) without feedback to the member's unit. */
export function feedbackMissing(r: { registeredDate: string; leftDate: string | null }, sent: Set<string>, today: string): string[] {
  const last = r.leftDate && r.leftDate < today ? r.leftDate : today;
  return quartersBetween(r.registeredDate, last).filter((q) => !sent.has(q) && quarterDue(q) < today);
}

function extras(ctx: Ctx, ids: string[]) {
  const services = new Map<string, number>();
  const sent = new Map<string, Set<string>>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    for (const s of ctx.db.select({ r: gridServiceRecords.registrationId }).from(gridServiceRecords).where(and(inArray(gridServiceRecords.registrationId, part), isNull(gridServiceRecords.deletedAt))).all())
      services.set(s.r, (services.get(s.r) ?? 0) + 1);
    for (const f of ctx.db.select({ r: gridServiceFeedback.registrationId, q: gridServiceFeedback.quarter }).from(gridServiceFeedback).where(and(inArray(gridServiceFeedback.registrationId, part), isNull(gridServiceFeedback.deletedAt))).all())
      sent.set(f.r, (sent.get(f.r) ?? new Set()).add(f.q));
  }
  return { services, sent };
}

function toRecords(ctx: Ctx, rows: GridRegistrationRow[]): RegistrationRecord[] {
  const names = orgNameMap(ctx);
  const grids = new Map(ctx.db.select({ id: gridAreas.id, name: gridAreas.name }).from(gridAreas).all().map((g) => [g.id, g.name]));
  const { services, sent } = extras(ctx, rows.map((r) => r.id));
  const today = localIsoDate(ctx.now());
  return rows.map((r) => ({
    ...plain(r), orgName: names.get(r.orgId) ?? '', gridName: r.gridId ? (grids.get(r.gridId) ?? null) : null,
    services: services.get(r.id) ?? 0, feedbackMissing: feedbackMissing(r, sent.get(r.id) ?? new Set(), today),
  }));
}

export function getRegistration(ctx: Ctx, id: string): RegistrationRecord {
  return toRecords(ctx, [loadRow<GridRegistrationRow>(ctx, gridRegistrations, id, '双报到登记')])[0]!;
}

function checkRegistration(ctx: Ctx, r: RegValues): void {
  keepingOrg(ctx, r.orgId, ['community']);
  const issues: FieldIssue[] = [];
  if (r.receiptDate && r.receiptDate < r.registeredDate) issues.push({ path: 'receiptDate', message: '「回执日期」不能早于报到日期' });
  if (r.leftDate && r.leftDate < r.registeredDate) issues.push({ path: 'leftDate', message: '「退出日期」不能早于报到日期' });
  if (r.gridId) {
    const g = ctx.db.select({ orgId: gridAreas.orgId }).from(gridAreas).where(and(eq(gridAreas.id, r.gridId), isNull(gridAreas.deletedAt))).get();
    if (g?.orgId !== r.orgId) issues.push({ path: 'gridId', message: '「所在网格」不是本社区的网格' });
  }
  if (issues.length) throw validationError(issues);
}

export const registrationHandlers: HandlersFor<Ops> = {
  'ledger.grid.registrations.list': (ctx, input) => {
    const rows = ctx.db.select().from(gridRegistrations).where(listWhere(ctx, gridRegistrations, input.orgId)).orderBy(asc(gridRegistrations.orgId), asc(gridRegistrations.registeredDate)).all() as GridRegistrationRow[];
    return { rows: toRecords(ctx, rows) };
  },
  'ledger.grid.registrations.create': (tx, input) => {
    checkRegistration(tx, input);
    const id = insertRow(tx, gridRegistrations, input);
    const after = getRegistration(tx, id);
    tx.audit({ entity: 'grid_registration', entityId: id, after });
    return after;
  },
  'ledger.grid.registrations.update': (tx, input) => {
    const { id, ...patch } = input;
    const fields = storedWith<z.output<typeof registrationInput>>(tx, gridRegistrations, id, '双报到登记', registrationInput, patch);
    const before = getRegistration(tx, id);
    sameOrg(before, fields.orgId);
    checkRegistration(tx, fields);
    updateRow(tx, gridRegistrations, id, fields);
    const after = getRegistration(tx, id);
    tx.audit({ entity: 'grid_registration', entityId: id, before, after });
    return after;
  },
  'ledger.grid.registrations.remove': (tx, input) => {
    const before = getRegistration(tx, input.id);
    softRemove(tx, gridRegistrations, input.id, input.reason);
    tx.audit({ entity: 'grid_registration', entityId: input.id, before, after: { deleted: true, reason: input.reason } });
    return { id: input.id, removed: true as const };
  },
  'ledger.grid.services.list': (ctx, input) => {
    const reg = getRegistration(ctx, input.registrationId);
    const services = ctx.db.select().from(gridServiceRecords).where(and(eq(gridServiceRecords.registrationId, reg.id), isNull(gridServiceRecords.deletedAt))).orderBy(asc(gridServiceRecords.date)).all() as GridServiceRecordRow[];
    const feedback = ctx.db.select().from(gridServiceFeedback).where(and(eq(gridServiceFeedback.registrationId, reg.id), isNull(gridServiceFeedback.deletedAt))).orderBy(asc(gridServiceFeedback.quarter)).all() as GridServiceFeedbackRow[];
    return { services: services.map((s) => ({ ...plain(s), orgName: reg.orgName })), feedback: feedback.map((f) => ({ ...plain(f), orgName: reg.orgName })) };
  },
  'ledger.grid.services.create': (tx, input) => {
    const reg = getRegistration(tx, input.registrationId);
    if (input.date < reg.registeredDate) throw validationError([{ path: 'date', message: `「服务日期」早于报到日期 ${reg.registeredDate}` }]);
    if (reg.leftDate && input.date > reg.leftDate) throw validationError([{ path: 'date', message: `「服务日期」晚于退出日期 ${reg.leftDate}` }]);
    const id = insertRow(tx, gridServiceRecords, { ...input, orgId: reg.orgId });
    const after = { ...plain(tx.db.select().from(gridServiceRecords).where(eq(gridServiceRecords.id, id)).get() as GridServiceRecordRow), orgName: reg.orgName };
    tx.audit({ entity: 'grid_service_record', entityId: id, after });
    return after;
  },
  'ledger.grid.feedback.create': (tx, input) => {
    const reg = getRegistration(tx, input.registrationId);
    if (quarterEnd(input.quarter) < reg.registeredDate) throw validationError([{ path: 'quarter', message: `「季度」${input.quarter} 早于报到日期 ${reg.registeredDate}` }]);
    if (input.sentDate < quarterStart(input.quarter)) throw validationError([{ path: 'sentDate', message: `「反馈日期」早于 ${input.quarter} 开始` }]);
    const dup = tx.db.select({ id: gridServiceFeedback.id }).from(gridServiceFeedback).where(and(eq(gridServiceFeedback.registrationId, reg.id), eq(gridServiceFeedback.quarter, input.quarter), isNull(gridServiceFeedback.deletedAt))).get();
    if (dup) throw conflict('quarter', `「季度」${input.quarter} 已向党员所在单位反馈`);
    const id = insertRow(tx, gridServiceFeedback, { ...input, orgId: reg.orgId });
    const after = { ...plain(tx.db.select().from(gridServiceFeedback).where(eq(gridServiceFeedback.id, id)).get() as GridServiceFeedbackRow), orgName: reg.orgName };
    tx.audit({ entity: 'grid_service_feedback', entityId: id, after });
    return after;
  },
};
