import type { Statement } from 'better-sqlite3';
import type { BundlePeerRow } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { subtreeOf } from './export.ts';
import type { Manifest } from './manifest.ts';
import { POLICY_TABLE_NAMES, type SharedTable } from './tables.ts';

// The receiving side's scope checks on rows that already passed the record schemas: what a
// bundle may carry depends on who signed it. A data bundle (community → county) carries only
// records of the sender's own subtree and cannot touch the sender's root unit; a policy bundle
// (county → community) carries only the county's own policy records. Nothing is written here.

type Parts = { table: SharedTable; rows: Record<string, unknown>[] }[];
type Unit = { id: string; parentId: string | null; level: string; name: string; code: string; codeEdition: string | null; staffUnit: boolean; deletedAt: string | null };

const POLICY = new Set<string>(POLICY_TABLE_NAMES);
const DEPTH: Record<string, number> = { county: 0, street: 1, community: 2 };
/** The root unit fields only the county may change; a bundle that differs on any is refused. */
const ROOT_FIELDS = ['parentId', 'level', 'name', 'code', 'codeEdition', 'staffUnit', 'deletedAt'] as const;
const ROOT_FIELD_LABEL: Record<(typeof ROOT_FIELDS)[number], string> = {
  parentId: '上级单位', level: '层级', name: '名称', code: '区划代码', codeEdition: '区划代码版本', staffUnit: '本级工作人员标记', deletedAt: '删除状态',
};

export type ScopeResult = { ok: true; owned: Set<string> } | { ok: false; message: string };

const where = (t: string, i: number, id: unknown) => `数据表 ${t} 第 ${i + 1} 行（编号 ${String(id)}）`;

// One prepared statement per connection: the drizzle query built and mapped per bundle cost
// 97 ms of a 150-bundle county import (170 units read 150 times).
const unitsStmt = new WeakMap<Ctx['sqlite'], Statement<[]>>();

function localUnits(ctx: Ctx): Unit[] {
  let stmt = unitsStmt.get(ctx.sqlite);
  if (!stmt) {
    stmt = ctx.sqlite.prepare<[]>('SELECT id, parent_id, level, name, code, code_edition, staff_unit, deleted_at FROM org_units').raw();
    unitsStmt.set(ctx.sqlite, stmt);
  }
  return (stmt.all() as [string, string | null, string, string, string, string | null, number, string | null][]).map(
    // staff_unit is a boolean column (0/1), compared below with the received JSON booleans.
    ([id, parentId, level, name, code, codeEdition, staffUnit, deletedAt]) => ({ id, parentId, level, name, code, codeEdition, staffUnit: staffUnit === 1, deletedAt }),
  );
}

export function checkRowScope(ctx: Ctx, manifest: Manifest, peer: BundlePeerRow, parts: Parts): ScopeResult {
  const fail = (message: string): ScopeResult => ({ ok: false, message });
  if (manifest.kind === 'policy') {
    for (const p of parts) {
      if (!POLICY.has(p.table.name)) return fail(`政策包不能携带数据表 ${p.table.name}（只下发方案、要求与代码表）`);
      for (const [i, r] of p.rows.entries())
        if (String(r.orgId) !== peer.orgId) return fail(`${where(p.table.name, i, r.id)}不是“${peer.orgName}”自己发布的记录`);
    }
    return { ok: true, owned: new Set([peer.orgId]) };
  }

  // Installation-wide and downward tables travel only county → community.
  for (const p of parts)
    if (POLICY.has(p.table.name) && p.rows.length)
      return fail(`${where(p.table.name, 0, p.rows[0]!.id)}：社区数据包不能携带该表，方案、要求与代码表只由县（区）下发`);

  const local = localUnits(ctx);
  const localById = new Map(local.map((u) => [u.id, u]));
  const root = localById.get(peer.orgId);
  if (!root) return fail(`本机组织树中没有发送单位“${peer.orgName}”`);
  const localOwned = new Set(subtreeOf(local, root.id));

  // The tree as it would be after the merge: local units with the received ones laid over.
  const merged = new Map(localById);
  const incoming = parts.find((p) => p.table.name === 'org_units')?.rows ?? [];
  for (const [i, r] of incoming.entries()) {
    const id = String(r.id);
    const at = where('org_units', i, id);
    if (String(r.orgId) !== id) return fail(`${at}：组织单位的所属单位必须是其自身`);
    if (id === root.id) {
      const changed = ROOT_FIELDS.filter((k) => (r[k] ?? null) !== root[k]);
      if (changed.length)
        return fail(`${at}：数据包不能修改发送单位“${root.name}”本身的${changed.map((k) => ROOT_FIELD_LABEL[k]).join('、')}`);
      continue;
    }
    // An existing unit outside the sender's subtree cannot be pulled into it by a bundle.
    if (localById.has(id) && !localOwned.has(id)) return fail(`${at}：该单位不在“${root.name}”的组织树内`);
    merged.set(id, { ...(r as unknown as Unit), id });
  }
  for (const [i, r] of incoming.entries()) {
    const id = String(r.id);
    if (id === root.id) continue;
    const at = where('org_units', i, id);
    // Walk up with a visited set: a received cycle (parent_id = id, or a loop of several units)
    // is refused here, never followed.
    const seen = new Set<string>();
    let cur: Unit | undefined = merged.get(id);
    while (cur && cur.id !== root.id) {
      seen.add(cur.id);
      const parent: Unit | undefined = cur.parentId ? merged.get(cur.parentId) : undefined;
      if (parent && seen.has(parent.id)) return fail(`${at}：上级单位形成循环（组织树中不能有环）`);
      if (parent && (DEPTH[cur.level] ?? 0) <= (DEPTH[parent.level] ?? 0))
        return fail(`${at}：单位“${cur.name}”的层级不能与上级单位相同或更高`);
      cur = parent;
    }
    if (!cur) return fail(`${at}：该单位不在“${root.name}”的组织树内（上级单位链未回到发送单位）`);
  }

  const owned = new Set(subtreeOf([...merged.values()], root.id));
  for (const p of parts)
    for (const [i, r] of p.rows.entries())
      if (!owned.has(String(r.orgId))) return fail(`${where(p.table.name, i, r.id)}属于“${root.name}”组织树以外的单位`);
  return { ok: true, owned };
}
