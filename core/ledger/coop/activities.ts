import type { z } from 'zod';
import { activityInput } from './contract.ts';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { coopActivities, coopTeams, coopUnits, type CoopActivityRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { validationError, type FieldIssue } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import type { ActivityRecord, coopContract } from './contract.ts';
import { insertRow, keepingOrg, listWhere, loadRow, orgNameMap, plain, sameOrg, softRemove, updateRow, type Shared, storedWith } from './store.ts';
import { COOP_LEVELS } from './units.ts';

type Ops = Pick<typeof coopContract, 'ledger.coop.activities.list' | 'ledger.coop.activities.create' | 'ledger.coop.activities.update' | 'ledger.coop.activities.remove'>;

function namesOf(ctx: Ctx, table: typeof coopUnits | typeof coopTeams): Map<string, { name: string; orgId: string; deleted: boolean }> {
  return new Map(ctx.db.select({ id: table.id, name: table.name, orgId: table.orgId, d: table.deletedAt }).from(table).all().map((r) => [r.id, { name: r.name, orgId: r.orgId, deleted: r.d !== null }]));
}

function toRecord(r: CoopActivityRow, orgName: string, units: ReturnType<typeof namesOf>, teams: ReturnType<typeof namesOf>): ActivityRecord {
  return { ...plain(r), orgName, unitNames: r.unitIds.map((u) => units.get(u)?.name ?? ''), teamNames: r.teamIds.map((t) => teams.get(t)?.name ?? '') };
}

export function getActivity(ctx: Ctx, id: string): ActivityRecord {
  const row = loadRow<CoopActivityRow>(ctx, coopActivities, id, '共建活动');
  return toRecord(row, orgNameMap(ctx).get(row.orgId) ?? '', namesOf(ctx, coopUnits), namesOf(ctx, coopTeams));
}

/** Units and teams taking part must be this org's own live records. */
function checkMembers(ctx: Ctx, orgId: string, ids: string[], table: Shared, path: string, label: string, issues: FieldIssue[]): void {
  if (!ids.length) return;
  const found = new Map(ctx.db.select({ id: table.id, orgId: table.orgId }).from(table).where(and(inArray(table.id, ids), isNull(table.deletedAt))).all().map((r) => [r.id as string, r.orgId as string]));
  ids.forEach((id, i) => {
    if (found.get(id) !== orgId) issues.push({ path: `${path}.${i}`, message: `「${label}」第 ${i + 1} 项不是本组织登记的记录` });
  });
  if (new Set(ids).size !== ids.length) issues.push({ path, message: `「${label}」有重复` });
}

function checkActivity(ctx: Ctx, a: { orgId: string; unitIds: string[]; teamIds: string[]; participants: number; problemsSolved: number }): void {
  keepingOrg(ctx, a.orgId, COOP_LEVELS);
  const issues: FieldIssue[] = [];
  checkMembers(ctx, a.orgId, a.unitIds, coopUnits, 'unitIds', '参与共建单位', issues);
  checkMembers(ctx, a.orgId, a.teamIds, coopTeams, 'teamIds', '参与志愿服务队', issues);
  if (a.participants === 0 && !a.unitIds.length && !a.teamIds.length) issues.push({ path: 'participants', message: '「参与人数」不能为 0（也未选择参与单位或服务队）' });
  if (issues.length) throw validationError(issues);
}

export const activityHandlers: HandlersFor<Ops> = {
  'ledger.coop.activities.list': (ctx, input) => {
    const names = orgNameMap(ctx);
    const units = namesOf(ctx, coopUnits);
    const teams = namesOf(ctx, coopTeams);
    const rows = ctx.db.select().from(coopActivities).where(listWhere(ctx, coopActivities, input.orgId)).orderBy(asc(coopActivities.orgId), asc(coopActivities.date)).all() as CoopActivityRow[];
    return { rows: rows.map((r) => toRecord(r, names.get(r.orgId) ?? '', units, teams)) };
  },
  'ledger.coop.activities.create': (tx, input) => {
    checkActivity(tx, input);
    const id = insertRow(tx, coopActivities, input);
    const after = getActivity(tx, id);
    tx.audit({ entity: 'coop_activity', entityId: id, after });
    return after;
  },
  'ledger.coop.activities.update': (tx, input) => {
    const { id, ...patch } = input;
    const fields = storedWith<z.output<typeof activityInput>>(tx, coopActivities, id, '共建活动', activityInput, patch);
    const before = getActivity(tx, id);
    sameOrg(before, fields.orgId);
    checkActivity(tx, fields);
    updateRow(tx, coopActivities, id, fields);
    const after = getActivity(tx, id);
    tx.audit({ entity: 'coop_activity', entityId: id, before, after });
    return after;
  },
  'ledger.coop.activities.remove': (tx, input) => {
    const before = getActivity(tx, input.id);
    softRemove(tx, coopActivities, input.id, input.reason);
    tx.audit({ entity: 'coop_activity', entityId: input.id, before, after: { deleted: true, reason: input.reason } });
    return { id: input.id, removed: true as const };
  },
};
