import type { z } from 'zod';
import { gridInput } from './contract.ts';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { gridAreas, gridRegistrations, people, type GridAreaRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { validationError, type FieldIssue } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import { conflict, insertRow, keepingOrg, listWhere, loadRow, orgNameMap, plain, sameOrg, softRemove, updateRow, storedWith } from '../coop/store.ts';
import type { gridContract, GridRecord } from './contract.ts';

type Ops = Pick<typeof gridContract, 'ledger.grid.areas.list' | 'ledger.grid.areas.create' | 'ledger.grid.areas.update' | 'ledger.grid.areas.remove'>;
type GridValues = { orgId: string; name: string; leaderPersonId: string | null; workerPersonIds: string[] };

const registered = sql<number>`(SELECT count(*) FROM grid_registrations g WHERE g.grid_id = grid_areas.id AND g.deleted_at IS NULL AND g.left_date IS NULL)`;

function personNames(ctx: Ctx, ids: string[]): Map<string, { name: string; orgId: string }> {
  if (!ids.length) return new Map();
  return new Map(ctx.db.select({ id: people.id, name: people.name, orgId: people.orgId }).from(people).where(and(inArray(people.id, [...new Set(ids)]), isNull(people.deletedAt))).all().map((p) => [p.id, p]));
}

function toRecord(r: GridAreaRow, orgName: string, names: Map<string, { name: string }>, n: number): GridRecord {
  return {
    ...plain(r), orgName, registered: n,
    leaderName: r.leaderPersonId ? (names.get(r.leaderPersonId)?.name ?? null) : null,
    workerNames: r.workerPersonIds.map((p) => names.get(p)?.name ?? ''),
  };
}

export function getGrid(ctx: Ctx, id: string): GridRecord {
  const row = loadRow<GridAreaRow>(ctx, gridAreas, id, '网格');
  const n = ctx.db.select({ n: registered }).from(gridAreas).where(eq(gridAreas.id, id)).get()!.n;
  return toRecord(row, orgNameMap(ctx).get(row.orgId) ?? '', personNames(ctx, [...(row.leaderPersonId ? [row.leaderPersonId] : []), ...row.workerPersonIds]), n);
}

/** 网格长 and 网格员 come from this community's roster; grid names are unique per community. */
function checkGrid(ctx: Ctx, g: GridValues, selfId: string | null): void {
  keepingOrg(ctx, g.orgId, ['community']);
  const issues: FieldIssue[] = [];
  const found = personNames(ctx, [...(g.leaderPersonId ? [g.leaderPersonId] : []), ...g.workerPersonIds]);
  if (g.leaderPersonId && found.get(g.leaderPersonId)?.orgId !== g.orgId) issues.push({ path: 'leaderPersonId', message: '「网格长」不在本社区的花名册中' });
  g.workerPersonIds.forEach((p, i) => {
    if (found.get(p)?.orgId !== g.orgId) issues.push({ path: `workerPersonIds.${i}`, message: `「网格员」第 ${i + 1} 人不在本社区的花名册中` });
  });
  if (new Set(g.workerPersonIds).size !== g.workerPersonIds.length) issues.push({ path: 'workerPersonIds', message: '「网格员」有重复' });
  if (issues.length) throw validationError(issues);
  const clash = ctx.db.select({ id: gridAreas.id }).from(gridAreas).where(and(eq(gridAreas.orgId, g.orgId), eq(gridAreas.name, g.name), isNull(gridAreas.deletedAt))).all().find((r) => r.id !== selfId);
  if (clash) throw conflict('name', `「网格名称」“${g.name}”在本社区已存在`);
}

export const areaHandlers: HandlersFor<Ops> = {
  'ledger.grid.areas.list': (ctx, input) => {
    const names = orgNameMap(ctx);
    const rows = ctx.db.select({ g: gridAreas, n: registered }).from(gridAreas).where(listWhere(ctx, gridAreas, input.orgId)).orderBy(asc(gridAreas.orgId), asc(gridAreas.name)).all();
    const persons = personNames(ctx, rows.flatMap((r) => [...(r.g.leaderPersonId ? [r.g.leaderPersonId] : []), ...r.g.workerPersonIds]));
    return { rows: rows.map((r) => toRecord(r.g, names.get(r.g.orgId) ?? '', persons, r.n)) };
  },
  'ledger.grid.areas.create': (tx, input) => {
    checkGrid(tx, input, null);
    const id = insertRow(tx, gridAreas, input);
    const after = getGrid(tx, id);
    tx.audit({ entity: 'grid_area', entityId: id, after });
    return after;
  },
  'ledger.grid.areas.update': (tx, input) => {
    const { id, ...patch } = input;
    const fields = storedWith<z.output<typeof gridInput>>(tx, gridAreas, id, '网格', gridInput, patch);
    const before = getGrid(tx, id);
    sameOrg(before, fields.orgId);
    checkGrid(tx, fields, id);
    updateRow(tx, gridAreas, id, fields);
    const after = getGrid(tx, id);
    tx.audit({ entity: 'grid_area', entityId: id, before, after });
    return after;
  },
  'ledger.grid.areas.remove': (tx, input) => {
    const before = getGrid(tx, input.id);
    const live = tx.db.select({ id: gridRegistrations.id }).from(gridRegistrations).where(and(eq(gridRegistrations.gridId, input.id), isNull(gridRegistrations.deletedAt))).get();
    if (live) throw validationError([{ path: 'id', message: `「网格」${before.name}尚有双报到人员，请先调整其网格` }]);
    softRemove(tx, gridAreas, input.id, input.reason);
    tx.audit({ entity: 'grid_area', entityId: input.id, before, after: { deleted: true, reason: input.reason } });
    return { id: input.id, removed: true as const };
  },
};
