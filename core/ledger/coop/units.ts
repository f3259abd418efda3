import type { z } from 'zod';
import { unitInput } from './contract.ts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { coopAgreements, coopUnits, type CoopUnitRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { validationError } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import { localIsoDate } from '../../roster/dates.ts';
import type { coopContract, UnitRecord } from './contract.ts';
import { conflict, insertRow, keepingOrg, listWhere, loadRow, orgNameMap, plain, sameOrg, softRemove, updateRow, storedWith } from './store.ts';

type Ops = Pick<typeof coopContract, 'ledger.coop.units.list' | 'ledger.coop.units.create' | 'ledger.coop.units.update' | 'ledger.coop.units.remove'>;

export const COOP_LEVELS = ['street', 'community'] as const;

function inForceCount(today: string) {
  return sql<number>`(SELECT count(*) FROM coop_agreements a WHERE a.unit_id = coop_units.id AND a.deleted_at IS NULL AND a.start_date <= ${today} AND a.end_date >= ${today})`;
}

function toRecord(r: CoopUnitRow, names: Map<string, string>, agreementsInForce: number): UnitRecord {
  return { ...plain(r), orgName: names.get(r.orgId) ?? '', agreementsInForce };
}

export function getUnit(ctx: Ctx, id: string): UnitRecord {
  const row = loadRow<CoopUnitRow>(ctx, coopUnits, id, '共建单位');
  const n = ctx.db.select({ n: inForceCount(localIsoDate(ctx.now())) }).from(coopUnits).where(eq(coopUnits.id, id)).get()!.n;
  return toRecord(row, orgNameMap(ctx), n);
}

function assertNameFree(ctx: Ctx, orgId: string, name: string, exceptId: string | null): void {
  const clash = ctx.db
    .select({ id: coopUnits.id })
    .from(coopUnits)
    .where(and(eq(coopUnits.orgId, orgId), eq(coopUnits.name, name), isNull(coopUnits.deletedAt)))
    .all()
    .find((r) => r.id !== exceptId);
  if (clash) throw conflict('name', `「单位名称」“${name}”已登记为本组织的共建单位`);
}

export const unitHandlers: HandlersFor<Ops> = {
  'ledger.coop.units.list': (ctx, input) => {
    const names = orgNameMap(ctx);
    const rows = ctx.db
      .select({ u: coopUnits, n: inForceCount(localIsoDate(ctx.now())) })
      .from(coopUnits)
      .where(listWhere(ctx, coopUnits, input.orgId))
      .orderBy(asc(coopUnits.orgId), asc(coopUnits.name))
      .all();
    return { rows: rows.map((r) => toRecord(r.u, names, r.n)) };
  },
  'ledger.coop.units.create': (tx, input) => {
    keepingOrg(tx, input.orgId, COOP_LEVELS);
    assertNameFree(tx, input.orgId, input.name, null);
    const id = insertRow(tx, coopUnits, input);
    const after = getUnit(tx, id);
    tx.audit({ entity: 'coop_unit', entityId: id, after });
    return after;
  },
  'ledger.coop.units.update': (tx, input) => {
    const { id, ...patch } = input;
    const fields = storedWith<z.output<typeof unitInput>>(tx, coopUnits, id, '共建单位', unitInput, patch);
    const before = getUnit(tx, id);
    sameOrg(before, fields.orgId);
    assertNameFree(tx, fields.orgId, fields.name, id);
    updateRow(tx, coopUnits, id, fields);
    const after = getUnit(tx, id);
    tx.audit({ entity: 'coop_unit', entityId: id, before, after });
    return after;
  },
  'ledger.coop.units.remove': (tx, input) => {
    const before = getUnit(tx, input.id);
    const live = tx.db.select({ id: coopAgreements.id }).from(coopAgreements).where(and(eq(coopAgreements.unitId, input.id), isNull(coopAgreements.deletedAt))).get();
    if (live) throw validationError([{ path: 'id', message: `「共建单位」${before.name}尚有共建协议，请先删除协议` }]);
    softRemove(tx, coopUnits, input.id, input.reason);
    tx.audit({ entity: 'coop_unit', entityId: input.id, before, after: { deleted: true, reason: input.reason } });
    return { id: input.id, removed: true as const };
  },
};
