import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { orgUnits, trainingCategories, trainingClasses, trainingRequirementRules, trainingSeries } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { DEFAULT_CATEGORIES, type RequirementUnit } from './codes.ts';
import type { RuleRecord, trainingConfigContract } from './contract-config.ts';
import { ruleAudience, ruleLabel, SAMPLE_RULES, type RequirementRule } from './requirements.ts';
import { inScope } from '../security/scope.ts';
import { roleMay } from '../security/access.ts';

// The category list and the requirement rules are installation-wide settings kept as
// shared records (so they travel in bundles). Both tables stay empty until first edited;
// until then the built-in defaults apply ("seed on first use").

function everStored(ctx: Ctx, table: typeof trainingCategories | typeof trainingRequirementRules): boolean {
  return (ctx.db.select({ n: count() }).from(table).get()?.n ?? 0) > 0;
}

export function categoryNames(ctx: Ctx): string[] {
  if (!everStored(ctx, trainingCategories)) return [...DEFAULT_CATEGORIES];
  return ctx.db.select({ name: trainingCategories.name }).from(trainingCategories)
    .where(isNull(trainingCategories.deletedAt)).orderBy(asc(trainingCategories.sortOrder)).all().map((r) => r.name);
}

export function loadRules(ctx: Ctx): RequirementRule[] {
  if (!everStored(ctx, trainingRequirementRules)) return SAMPLE_RULES.map((r, i) => ({ ...r, id: `sample-${i + 1}` }));
  return ctx.db.select().from(trainingRequirementRules).where(isNull(trainingRequirementRules.deletedAt))
    .orderBy(asc(trainingRequirementRules.sortOrder)).all()
    .map((r) => ({ id: r.id, year: r.year, post: r.post, postCategory: r.postCategory, unit: r.unit as RequirementUnit, amount: r.amount, minLevel: r.minLevel, isSample: r.isSample, sortOrder: r.sortOrder, remarks: r.remarks }));
}

function toRuleRecord(r: RequirementRule): RuleRecord {
  return { ...r, label: ruleLabel(r), audience: ruleAudience(r) };
}

function topUnitId(ctx: Ctx): string | null {
  return ctx.db.select({ id: orgUnits.id }).from(orgUnits).where(and(isNull(orgUnits.parentId), isNull(orgUnits.deletedAt))).orderBy(asc(orgUnits.code)).get()?.id ?? null;
}

/** Settings rows belong to the top of the org tree (the county office that set them). */
function rootOrgId(tx: TxCtx): string {
  const root = topUnitId(tx);
  if (!root) throw new AppError('conflict', '请先建立组织架构，再修改培训设置');
  return root;
}

/**
 * Whether the caller's save of `op` would pass: the role may call it and the top unit the rows are
 * kept on is in the caller's scope (false for an account scoped below it and at a community
 * installation). An empty org tree counts as editable: the save then says what is missing.
 */
function mayEdit(ctx: Ctx, op: 'training.categories.save' | 'training.requirements.save'): boolean {
  const a = ctx.actor;
  if (a.kind === 'user' && !(a.role && roleMay(a.role, op))) return false;
  const root = topUnitId(ctx);
  return root === null || inScope(ctx, root);
}

function usedCategory(tx: TxCtx, name: string): boolean {
  const inClasses = tx.db.select({ n: count() }).from(trainingClasses).where(and(eq(trainingClasses.category, name), isNull(trainingClasses.deletedAt))).get()?.n ?? 0;
  const inSeries = tx.db.select({ n: count() }).from(trainingSeries).where(and(eq(trainingSeries.category, name), isNull(trainingSeries.deletedAt))).get()?.n ?? 0;
  return inClasses + inSeries > 0;
}

export const configHandlers: HandlersFor<typeof trainingConfigContract> = {
  'training.categories.list': (ctx) => ({ names: categoryNames(ctx), isDefault: !everStored(ctx, trainingCategories), editable: mayEdit(ctx, 'training.categories.save') }),

  'training.categories.save': (tx, input) => {
    const seen = new Set<string>();
    const issues = [];
    for (const [i, n] of input.names.entries()) {
      if (seen.has(n)) issues.push({ path: `names.${i}`, message: `「类别」“${n}”重复` });
      seen.add(n);
    }
    const before = categoryNames(tx);
    for (const n of before) if (!seen.has(n) && usedCategory(tx, n)) issues.push({ path: 'names', message: `「类别」“${n}”已被培训班次或讲堂使用，不能删除` });
    if (issues.length) throw validationError(issues);
    const stamp = { updatedAt: tx.nowIso, changeSeq: tx.seq() };
    tx.db.update(trainingCategories).set({ ...stamp, deletedAt: tx.nowIso, deleteReason: '类别列表更新' }).where(isNull(trainingCategories.deletedAt)).run();
    const orgId = rootOrgId(tx);
    input.names.forEach((name, i) =>
      tx.db.insert(trainingCategories).values({ id: randomUUID(), orgId, name, sortOrder: i + 1, createdAt: tx.nowIso, ...stamp }).run());
    tx.audit({ entity: 'training_categories', before, after: input.names });
    return { names: categoryNames(tx), isDefault: false, editable: true };
  },

  'training.requirements.list': (ctx) => ({ rules: loadRules(ctx).map(toRuleRecord), isDefault: !everStored(ctx, trainingRequirementRules), editable: mayEdit(ctx, 'training.requirements.save') }),

  'training.requirements.save': (tx, input) => {
    const before = loadRules(tx);
    const stamp = { updatedAt: tx.nowIso, changeSeq: tx.seq() };
    tx.db.update(trainingRequirementRules).set({ ...stamp, deletedAt: tx.nowIso, deleteReason: '规则更新' }).where(isNull(trainingRequirementRules.deletedAt)).run();
    const orgId = rootOrgId(tx);
    input.rules.forEach((r, i) =>
      tx.db.insert(trainingRequirementRules).values({ ...r, id: randomUUID(), orgId, sortOrder: i + 1, createdAt: tx.nowIso, ...stamp }).run());
    const after = loadRules(tx);
    tx.audit({ entity: 'training_requirement_rules', before, after });
    return { rules: after.map(toRuleRecord), isDefault: false, editable: true };
  },
};
