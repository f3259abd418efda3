import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { people, type PersonRow } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import type { OrgUnit } from '../org/contract.ts';
import { listOrgUnits, subtreeIds } from '../org/handlers.ts';
import { inScope } from '../security/scope.ts';

// Where a row lands and whom it is about. A 所属组织 (or 街道 + 社区) column places each row in
// the named unit inside the import target's subtree, by name or 12-digit code, and by
// (street, community) when a community name repeats (the 涪陵 importer's 青龙村 case).

export interface UnitRef {
  id: string;
  name: string;
}

export interface MatchIndex {
  org: UnitRef;
  /** Every unit in the target's subtree. */
  units: Map<string, UnitRef & { parentId: string | null; code: string; level: OrgUnit['level']; staffUnit: boolean }>;
  byUnitName: Map<string, string[]>;
  byCode: Map<string, string>;
  /** Units elsewhere, to tell "outside the target" from "no such unit". */
  elsewhere: Map<string, string>;
  byId: Map<string, PersonRow>;
  /** `${orgId}\0${name}` → active people of that unit with that name. */
  byName: Map<string, PersonRow[]>;
  /** Every active ID number in the database, to find clashes with other org units. */
  activeIds: Set<string>;
  ctx: Ctx;
}

const foldName = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export function loadMatchIndex(ctx: Ctx, org: UnitRef): MatchIndex {
  const ids = new Set(subtreeIds(ctx, org.id));
  const units: MatchIndex['units'] = new Map();
  const byUnitName = new Map<string, string[]>();
  const byCode = new Map<string, string>();
  const elsewhere = new Map<string, string>();
  for (const u of listOrgUnits(ctx)) {
    if (!ids.has(u.id)) {
      elsewhere.set(foldName(u.name), u.id);
      elsewhere.set(u.code, u.id);
      continue;
    }
    units.set(u.id, { id: u.id, name: u.name, parentId: u.parentId, code: u.code, level: u.level, staffUnit: u.staffUnit });
    const k = foldName(u.name);
    byUnitName.set(k, [...(byUnitName.get(k) ?? []), u.id]);
    byCode.set(u.code, u.id);
  }
  const rows = ctx.db.select().from(people)
    .where(and(inArray(people.orgId, [...ids]), eq(people.status, '在岗'), isNull(people.deletedAt))).all();
  const byId = new Map<string, PersonRow>();
  const byName = new Map<string, PersonRow[]>();
  for (const r of rows) {
    if (r.idNumber) byId.set(r.idNumber, r);
    const k = `${r.orgId}\0${r.name}`;
    byName.set(k, [...(byName.get(k) ?? []), r]);
  }
  const activeIds = new Set(
    ctx.db.select({ v: people.idNumber }).from(people)
      .where(and(eq(people.status, '在岗'), isNull(people.deletedAt), isNotNull(people.idNumber))).all().map((r) => r.v!),
  );
  return { org, units, byUnitName, byCode, elsewhere, byId, byName, activeIds, ctx };
}

export type UnitResult = { ok: true; unit: UnitRef } | { ok: false; reason: string };

/** The unit a row names (community, or street + community), inside the target's subtree. */
export function resolveUnit(m: MatchIndex, unitText: string | null, streetText: string | null): UnitResult | null {
  if (!unitText && !streetText) return null;
  const name = foldName(unitText ?? streetText!);
  const street = unitText && streetText ? foldName(streetText) : null;
  let candidates = /^\d{12}$/.test(name) ? [m.byCode.get(name)].filter((x): x is string => !!x) : (m.byUnitName.get(name) ?? []);
  if (street) {
    const parentName = (id: string) => foldName(m.units.get(m.units.get(id)!.parentId ?? '')?.name ?? '');
    const under = candidates.filter((id) => parentName(id) === street);
    // A street name we know, and the community is not under it: say so rather than guess.
    if (candidates.length && !under.length && m.byUnitName.has(street)) return { ok: false, reason: `“${unitText}”不在“${streetText}”下` };
    if (under.length) candidates = under;
  }
  if (candidates.length === 1) {
    const u = m.units.get(candidates[0]!)!;
    return { ok: true, unit: { id: u.id, name: u.name } };
  }
  const label = unitText ?? streetText!;
  if (candidates.length > 1) return { ok: false, reason: `“${label}”有 ${candidates.length} 个同名单位，请同时填写所属街道以区分` };
  const other = m.elsewhere.get(name);
  if (other && !inScope(m.ctx, other)) return { ok: false, reason: `“${label}”超出本账号的管辖范围，不能导入` };
  if (other) return { ok: false, reason: `“${label}”不在导入目标“${m.org.name}”及其下级组织中，请选择上级单位作为导入目标` };
  return { ok: false, reason: `“${label}”不是“${m.org.name}”下已登记的组织单位（按名称或 12 位区划代码查找）` };
}
