import type { z } from 'zod';
import { teamInput } from './contract.ts';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { coopTeams, gridRegistrations, people, type CoopTeamRow, type TeamMember } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { validationError, type FieldIssue } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import { inScope } from '../../security/scope.ts';
import type { coopContract, TeamRecord } from './contract.ts';
import { insertRow, keepingOrg, listWhere, loadRow, orgNameMap, plain, sameOrg, softRemove, updateRow, storedWith } from './store.ts';
import { COOP_LEVELS } from './units.ts';

type Ops = Pick<typeof coopContract, 'ledger.coop.teams.list' | 'ledger.coop.teams.create' | 'ledger.coop.teams.update' | 'ledger.coop.teams.remove'>;
type MemberInput = { source: TeamMember['source']; personId: string | null; registrationId: string | null; name: string | null };

const toRecord = (r: CoopTeamRow, orgName: string): TeamRecord => ({ ...plain(r), orgName });

export function getTeam(ctx: Ctx, id: string): TeamRecord {
  const row = loadRow<CoopTeamRow>(ctx, coopTeams, id, '志愿服务队');
  return toRecord(row, orgNameMap(ctx).get(row.orgId) ?? '');
}

/** Members from the roster or the 双报到 list take their name from there; free entries need one. */
function resolveMembers(ctx: Ctx, orgId: string, members: MemberInput[]): TeamMember[] {
  const issues: FieldIssue[] = [];
  const out: TeamMember[] = [];
  const seen = new Set<string>();
  members.forEach((m, i) => {
    const at = `「队员」第 ${i + 1} 人`;
    if (m.source === '手工') {
      if (!m.name) issues.push({ path: `members.${i}.name`, message: `${at}「队员姓名」必须填写` });
      else out.push({ source: '手工', refId: null, name: m.name });
      return;
    }
    const key = m.source === '花名册' ? 'personId' : 'registrationId';
    const refId = m[key];
    if (!refId) {
      issues.push({ path: `members.${i}.${key}`, message: `${at}来自${m.source}，须选择具体人员` });
      return;
    }
    if (seen.has(refId)) issues.push({ path: `members.${i}.${key}`, message: `${at}重复` });
    seen.add(refId);
    if (m.source === '花名册') {
      const p = ctx.db.select({ name: people.name, orgId: people.orgId }).from(people).where(and(eq(people.id, refId), isNull(people.deletedAt))).get();
      if (!p || !inScope(ctx, p.orgId)) issues.push({ path: `members.${i}.${key}`, message: `${at}不在花名册中` });
      else out.push({ source: '花名册', refId, name: p.name });
    } else {
      const r = ctx.db.select({ name: gridRegistrations.name, orgId: gridRegistrations.orgId }).from(gridRegistrations).where(and(eq(gridRegistrations.id, refId), isNull(gridRegistrations.deletedAt))).get();
      if (!r || r.orgId !== orgId) issues.push({ path: `members.${i}.${key}`, message: `${at}不在本组织的双报到名单中` });
      else out.push({ source: '双报到', refId, name: r.name });
    }
  });
  if (issues.length) throw validationError(issues);
  return out;
}

export const teamHandlers: HandlersFor<Ops> = {
  'ledger.coop.teams.list': (ctx, input) => {
    const names = orgNameMap(ctx);
    const rows = ctx.db.select().from(coopTeams).where(listWhere(ctx, coopTeams, input.orgId)).orderBy(asc(coopTeams.orgId), asc(coopTeams.name)).all() as CoopTeamRow[];
    return { rows: rows.map((r) => toRecord(r, names.get(r.orgId) ?? '')) };
  },
  'ledger.coop.teams.create': (tx, input) => {
    keepingOrg(tx, input.orgId, COOP_LEVELS);
    const id = insertRow(tx, coopTeams, { ...input, members: resolveMembers(tx, input.orgId, input.members) });
    const after = getTeam(tx, id);
    tx.audit({ entity: 'coop_team', entityId: id, after });
    return after;
  },
  'ledger.coop.teams.update': (tx, input) => {
    const { id, ...patch } = input;
    const fields = storedWith<z.output<typeof teamInput>>(tx, coopTeams, id, '志愿服务队', teamInput, patch);
    const before = getTeam(tx, id);
    sameOrg(before, fields.orgId);
    // Stored members are already resolved (source, refId, name): only a given list is resolved again.
    const { members, ...rest } = fields;
    updateRow(tx, coopTeams, id, patch.members === undefined ? rest : { ...rest, members: resolveMembers(tx, fields.orgId, members) });
    const after = getTeam(tx, id);
    tx.audit({ entity: 'coop_team', entityId: id, before, after });
    return after;
  },
  'ledger.coop.teams.remove': (tx, input) => {
    const before = getTeam(tx, input.id);
    softRemove(tx, coopTeams, input.id, input.reason);
    tx.audit({ entity: 'coop_team', entityId: input.id, before, after: { deleted: true, reason: input.reason } });
    return { id: input.id, removed: true as const };
  },
};
