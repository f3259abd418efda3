import type { z } from 'zod';
import { meetingInput } from './contract.ts';
import { and, asc, eq, gte, isNull, lte, ne } from 'drizzle-orm';
import { coopAgreements, coopMeetings, coopUnits, type CoopMeetingRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { validationError, type FieldIssue } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import type { coopContract, MeetingRecord } from './contract.ts';
import { addDays, quarterEnd, quarterOf, quarterStart, TOPIC_LEAD_DAYS } from './dates.ts';
import { insertRow, keepingOrg, listWhere, loadRow, orgNameMap, plain, sameOrg, softRemove, updateRow, storedWith } from './store.ts';
import { COOP_LEVELS } from './units.ts';

type Ops = Pick<typeof coopContract, 'ledger.coop.meetings.list' | 'ledger.coop.meetings.create' | 'ledger.coop.meetings.update' | 'ledger.coop.meetings.remove'>;
type MeetingValues = Omit<CoopMeetingRow, 'id' | 'createdAt' | 'updatedAt' | 'changeSeq' | 'deletedAt' | 'deleteReason' | 'origin'>;

/** Warnings that do not refuse the record: late 议题 and a second host in one quarter. */
function warningsFor(ctx: Ctx, m: MeetingValues & { id?: string }): string[] {
  const out: string[] = [];
  const due = addDays(m.date, -TOPIC_LEAD_DAYS);
  for (const t of m.topics) {
    if (!t.submittedDate) out.push(`议题“${t.title}”未记提交日期（议题应在会前 ${TOPIC_LEAD_DAYS} 天提交）`);
    else if (t.submittedDate > due) out.push(`议题“${t.title}”于 ${t.submittedDate} 提交，晚于会前 ${TOPIC_LEAD_DAYS} 天（${due}）`);
  }
  if (m.hostUnitId) {
    const q = quarterOf(m.date);
    const others = ctx.db
      .select({ host: coopMeetings.hostUnitId })
      .from(coopMeetings)
      .where(and(eq(coopMeetings.orgId, m.orgId), isNull(coopMeetings.deletedAt), gte(coopMeetings.date, quarterStart(q)), lte(coopMeetings.date, quarterEnd(q)), m.id ? ne(coopMeetings.id, m.id) : undefined))
      .all();
    if (others.some((o) => o.host && o.host !== m.hostUnitId)) out.push(`${q} 已有其他单位担任轮值主席`);
  }
  return out;
}

function toRecord(ctx: Ctx, r: CoopMeetingRow, orgName: string, unitNames: Map<string, string>): MeetingRecord {
  return {
    ...plain(r), orgName, quarter: quarterOf(r.date),
    hostUnitName: r.hostUnitId ? (unitNames.get(r.hostUnitId) ?? null) : null,
    warnings: warningsFor(ctx, r),
  };
}

function unitNameMap(ctx: Ctx): Map<string, string> {
  return new Map(ctx.db.select({ id: coopUnits.id, name: coopUnits.name }).from(coopUnits).all().map((u) => [u.id, u.name]));
}

export function getMeeting(ctx: Ctx, id: string): MeetingRecord {
  const row = loadRow<CoopMeetingRow>(ctx, coopMeetings, id, '联席会议');
  return toRecord(ctx, row, orgNameMap(ctx).get(row.orgId) ?? '', unitNameMap(ctx));
}

/** The host must be a member unit: kept by this org, with an agreement in force on the day. */
function checkMeeting(ctx: Ctx, m: MeetingValues, selfId: string | null): void {
  keepingOrg(ctx, m.orgId, COOP_LEVELS);
  const issues: FieldIssue[] = [];
  if (m.hostUnitId) {
    const unit = ctx.db.select().from(coopUnits).where(and(eq(coopUnits.id, m.hostUnitId), isNull(coopUnits.deletedAt))).get();
    const member =
      unit?.orgId === m.orgId &&
      ctx.db
        .select({ id: coopAgreements.id })
        .from(coopAgreements)
        .where(and(eq(coopAgreements.unitId, unit.id), isNull(coopAgreements.deletedAt), lte(coopAgreements.startDate, m.date), gte(coopAgreements.endDate, m.date)))
        .get();
    if (!unit) issues.push({ path: 'hostUnitId', message: '「轮值主席单位」不存在或已删除' });
    else if (!member) issues.push({ path: 'hostUnitId', message: `「轮值主席单位」${unit.name}不是本组织的成员单位（会议日期 ${m.date} 没有有效的共建协议）` });
  }
  if (m.previousMeetingId) {
    const prev = ctx.db.select().from(coopMeetings).where(and(eq(coopMeetings.id, m.previousMeetingId), isNull(coopMeetings.deletedAt))).get();
    if (!prev || prev.orgId !== m.orgId) issues.push({ path: 'previousMeetingId', message: '「上次会议」不是本组织的联席会议' });
    else if (prev.id === selfId || prev.date >= m.date) issues.push({ path: 'previousMeetingId', message: `「上次会议」（${prev.date}）应早于本次会议` });
  } else if (m.followUps.length) issues.push({ path: 'followUps', message: '「上次会议事项办理情况」需先选择上次会议' });
  if (issues.length) throw validationError(issues);
}

export const meetingHandlers: HandlersFor<Ops> = {
  'ledger.coop.meetings.list': (ctx, input) => {
    const names = orgNameMap(ctx);
    const units = unitNameMap(ctx);
    const rows = ctx.db.select().from(coopMeetings).where(listWhere(ctx, coopMeetings, input.orgId)).orderBy(asc(coopMeetings.orgId), asc(coopMeetings.date)).all() as CoopMeetingRow[];
    return { rows: rows.map((r) => toRecord(ctx, r, names.get(r.orgId) ?? '', units)) };
  },
  'ledger.coop.meetings.create': (tx, input) => {
    checkMeeting(tx, input, null);
    const id = insertRow(tx, coopMeetings, input);
    const after = getMeeting(tx, id);
    tx.audit({ entity: 'coop_meeting', entityId: id, after });
    return after;
  },
  'ledger.coop.meetings.update': (tx, input) => {
    const { id, ...patch } = input;
    const fields = storedWith<z.output<typeof meetingInput>>(tx, coopMeetings, id, '联席会议', meetingInput, patch);
    const before = getMeeting(tx, id);
    sameOrg(before, fields.orgId);
    checkMeeting(tx, fields, id);
    updateRow(tx, coopMeetings, id, fields);
    const after = getMeeting(tx, id);
    tx.audit({ entity: 'coop_meeting', entityId: id, before, after });
    return after;
  },
  'ledger.coop.meetings.remove': (tx, input) => {
    const before = getMeeting(tx, input.id);
    softRemove(tx, coopMeetings, input.id, input.reason);
    tx.audit({ entity: 'coop_meeting', entityId: input.id, before, after: { deleted: true, reason: input.reason } });
    return { id: input.id, removed: true as const };
  },
};
