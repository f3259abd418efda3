import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { orgUnits, people, type OrgUnitRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError, notFound, validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import type { OrgUnit, orgContract } from './contract.ts';
import { checkOrgPlacement, staffUnitProblem } from './rules.ts';
import { assertInScope, scopeIds } from '../security/scope.ts';

export function toOrgUnit(r: OrgUnitRow): OrgUnit {
  return { id: r.id, parentId: r.parentId, level: r.level, name: r.name, code: r.code, codeEdition: r.codeEdition, staffUnit: r.staffUnit, updatedAt: r.updatedAt };
}

export function listOrgUnits(ctx: Ctx): OrgUnit[] {
  return ctx.db.select().from(orgUnits).where(isNull(orgUnits.deletedAt)).orderBy(asc(orgUnits.code)).all().map(toOrgUnit);
}

export function getOrgUnit(ctx: Ctx, id: string): OrgUnit {
  const row = ctx.db.select().from(orgUnits).where(and(eq(orgUnits.id, id), isNull(orgUnits.deletedAt))).get();
  if (!row) throw notFound('组织单位', id);
  return toOrgUnit(row);
}

/** The ids of `rootId` and every unit below it. */
export function subtreeIds(ctx: Ctx, rootId: string): string[] {
  const all = listOrgUnits(ctx);
  if (!all.some((u) => u.id === rootId)) throw notFound('组织单位', rootId);
  const children = new Map<string, string[]>();
  for (const u of all) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  // A visited set, not trust in the tree: a cycle received in a bundle must not hang the walk.
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

function assertCodeFree(tx: TxCtx, code: string, exceptId: string | null): void {
  const clash = tx.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.code, code), isNull(orgUnits.deletedAt), exceptId ? ne(orgUnits.id, exceptId) : undefined))
    .get();
  if (clash) throw new AppError('conflict', `「区划代码」${code} 已被“${clash.name}”使用`, [{ path: 'code', message: `「区划代码」${code} 已被“${clash.name}”使用` }]);
}

function assertStaffMark(level: OrgUnit['level'], staffUnit: boolean): void {
  const problem = staffUnitProblem(level, staffUnit);
  if (problem) throw validationError([{ path: 'staffUnit', message: problem }]);
}

/** Creates one unit under its parent after the placement and uniqueness rules. */
export function createOrgUnit(
  tx: TxCtx,
  input: { parentId: string | null; level: OrgUnit['level']; name: string; code: string; codeEdition: string | null; staffUnit?: boolean },
): OrgUnit {
  const staffUnit = input.staffUnit ?? false;
  assertStaffMark(input.level, staffUnit);
  const parent = input.parentId ? getOrgUnit(tx, input.parentId) : null;
  if (parent) assertInScope(tx, parent.id);
  else if (scopeIds(tx)) throw new AppError('forbidden', '有管辖范围限制的账号不能新建县级单位');
  const problems = checkOrgPlacement(input.level, input.code, parent);
  if (problems.length) throw validationError(problems.map((m) => ({ path: m.includes('区划代码') ? 'code' : 'parentId', message: m })));
  assertCodeFree(tx, input.code, null);
  const id = randomUUID();
  const row = {
    id, orgId: id, parentId: input.parentId, level: input.level, name: input.name, code: input.code,
    codeEdition: input.codeEdition, staffUnit, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
  };
  tx.db.insert(orgUnits).values(row).run();
  const created = getOrgUnit(tx, id);
  tx.audit({ entity: 'org_unit', entityId: id, after: created });
  return created;
}

// Unmarking a street that holds people would leave them on a unit that may not hold people.
function assertHoldsNoPeople(tx: TxCtx, unit: OrgUnit): void {
  const n = tx.db.select({ n: sql<number>`count(*)` }).from(people).where(and(eq(people.orgId, unit.id), isNull(people.deletedAt))).get()?.n ?? 0;
  if (n > 0) {
    const message = `「本级工作人员单位」“${unit.name}”下登记有 ${n} 名人员，请先将他们调到社区，再取消标记`;
    throw new AppError('conflict', message, [{ path: 'staffUnit', message }]);
  }
}

export const orgHandlers: HandlersFor<typeof orgContract> = {
  'org.tree': (ctx) => {
    // A scoped account sees its own subtree, plus the units above it for orientation.
    const all = listOrgUnits(ctx);
    const scope = scopeIds(ctx);
    if (!scope) return all.map((u) => ({ ...u, inScope: true }));
    const byId = new Map(all.map((u) => [u.id, u]));
    const visible = new Set(scope);
    for (const id of scope) for (let p = byId.get(id)?.parentId; p && !visible.has(p); p = byId.get(p)?.parentId) visible.add(p);
    return all.filter((u) => visible.has(u.id)).map((u) => ({ ...u, inScope: scope.has(u.id) }));
  },

  'org.create': (tx, input) => createOrgUnit(tx, input),

  'org.update': (tx, input) => {
    const before = getOrgUnit(tx, input.id);
    assertInScope(tx, before.id);
    const parent = before.parentId ? getOrgUnit(tx, before.parentId) : null;
    const problems = checkOrgPlacement(before.level, input.code, parent);
    if (problems.length) throw validationError(problems.map((m) => ({ path: 'code', message: m })));
    const staffUnit = input.staffUnit ?? before.staffUnit;
    assertStaffMark(before.level, staffUnit);
    if (before.staffUnit && !staffUnit) assertHoldsNoPeople(tx, before);
    if (input.code !== before.code) {
      assertCodeFree(tx, input.code, input.id);
      if (listOrgUnits(tx).some((u) => u.parentId === input.id))
        throw new AppError('conflict', '「区划代码」该单位已有下级单位，不能直接修改代码；请先调整下级单位');
    }
    tx.db
      .update(orgUnits)
      .set({ name: input.name, code: input.code, codeEdition: input.codeEdition, staffUnit, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(eq(orgUnits.id, input.id))
      .run();
    const after = getOrgUnit(tx, input.id);
    tx.audit({ entity: 'org_unit', entityId: input.id, before, after });
    return after;
  },
};
