import type { Ctx } from '../context.ts';
import { listOrgUnits, subtreeIds } from '../org/handlers.ts';
import { assertInScope } from '../security/scope.ts';
import type { RowGroup } from './table.ts';

export interface UnitLite {
  id: string;
  parentId: string | null;
  level: 'county' | 'street' | 'community';
  name: string;
  code: string;
}

/** The unit and its subtree, in 区划代码 order, after the caller's scope check. */
export function unitsUnder(ctx: Ctx, orgId: string): { root: UnitLite; units: UnitLite[] } {
  assertInScope(ctx, orgId);
  const ids = new Set(subtreeIds(ctx, orgId));
  const units = listOrgUnits(ctx).filter((u) => ids.has(u.id));
  return { root: units.find((u) => u.id === orgId)!, units };
}

/**
 * Rows per street (subtotal) and community, plus 合计. A unit's own people (posted to a street
 * or the county office itself) get a 本级 row so that every item lands in exactly one leaf row
 * and each subtotal is the sum of the rows under it.
 */
export function orgGroups<T>(root: UnitLite, units: readonly UnitLite[], items: readonly T[], orgOf: (t: T) => string): RowGroup<T>[] {
  const byOrg = new Map<string, T[]>();
  for (const it of items) {
    const k = orgOf(it);
    const list = byOrg.get(k);
    if (list) list.push(it);
    else byOrg.set(k, [it]);
  }
  const own = (id: string) => byOrg.get(id) ?? [];
  const children = new Map<string, UnitLite[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const out: RowGroup<T>[] = [];
  // Everything under a unit, its own office included (memoised: each unit is walked once).
  const memo = new Map<string, T[]>();
  const under = (u: UnitLite): T[] => {
    let r = memo.get(u.id);
    if (!r) memo.set(u.id, (r = [...own(u.id), ...(children.get(u.id) ?? []).flatMap(under)]));
    return r;
  };
  const emit = (u: UnitLite, parent: string | null): void => {
    if (u.level === 'community') {
      out.push({ key: u.id, label: u.name, level: 'community', parent, items: own(u.id) });
      return;
    }
    const kids = children.get(u.id) ?? [];
    if (u.id !== root.id) out.push({ key: u.id, label: `${u.name}小计`, level: u.level, parent, items: under(u) });
    if (own(u.id).length) out.push({ key: `${u.id}:self`, label: `${u.name}（本级）`, level: 'self', parent: u.id, items: own(u.id) });
    for (const k of kids) emit(k, u.id);
  };
  emit(root, null);
  out.push({ key: 'total', label: '合计', level: 'total', parent: null, items: under(root) });
  return out;
}

/** Leaf rows only (communities and 本级), the rows a subtotal sums. */
export function isLeaf(level: string): boolean {
  return level === 'community' || level === 'self';
}
