import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { assessmentSchemes, orgUnits } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { getOrgUnit } from '../org/handlers.ts';
import type { assessmentContract } from './contract.ts';
import { SAMPLE_NAME_PREFIX, sampleSchemeConfig } from './sample.ts';
import { checkSchemeConfig, type SchemeConfig } from './scheme-schema.ts';
import { loadSchemeRow, toSchemeRecord } from './store.ts';
import { scopeCondition } from '../guard/scope.ts';
import { inScope } from '../security/scope.ts';
import { roleMay } from '../security/access.ts';

type SchemeHandlers = Pick<
  HandlersFor<typeof assessmentContract>,
  'assessment.schemes' | 'assessment.scheme' | 'assessment.saveScheme' | 'assessment.installSample'
>;

/** The rule assessment.installSample runs on: its role, and the top unit (where the sample goes) in scope. */
function mayInstall(ctx: Ctx): boolean {
  const a = ctx.actor;
  if (a.kind === 'user' && !(a.role && roleMay(a.role, 'assessment.installSample'))) return false;
  const root = ctx.db.select({ id: orgUnits.id }).from(orgUnits).where(and(isNull(orgUnits.parentId), isNull(orgUnits.deletedAt))).orderBy(asc(orgUnits.code)).get();
  return !!root && inScope(ctx, root.id);
}

function insertScheme(tx: TxCtx, v: { orgId: string; year: number; population: string; name: string; isSample: boolean; config: SchemeConfig }) {
  const issues = checkSchemeConfig(v.config);
  if (issues.length) throw validationError(issues);
  getOrgUnit(tx, v.orgId);
  const id = randomUUID();
  tx.db.insert(assessmentSchemes).values({ ...v, id, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() }).run();
  const rec = toSchemeRecord(tx, loadSchemeRow(tx, id));
  tx.audit({ entity: 'assessment_scheme', entityId: id, after: rec });
  return rec;
}

export const schemeHandlers: SchemeHandlers = {
  'assessment.schemes': (ctx, input) => {
    const rows = ctx.db
      .select()
      .from(assessmentSchemes)
      .where(and(isNull(assessmentSchemes.deletedAt), scopeCondition(ctx, assessmentSchemes.orgId, { policy: true }), input.year ? eq(assessmentSchemes.year, input.year) : undefined))
      .orderBy(desc(assessmentSchemes.year), asc(assessmentSchemes.population), asc(assessmentSchemes.name))
      .all();
    return { rows: rows.map((r) => toSchemeRecord(ctx, r)), editable: mayInstall(ctx) };
  },

  'assessment.scheme': (ctx, input) => toSchemeRecord(ctx, loadSchemeRow(ctx, input.id)),

  'assessment.saveScheme': (tx, input) => {
    const { id, ...v } = input;
    if (!id) return insertScheme(tx, { ...v, isSample: false });
    const before = toSchemeRecord(tx, loadSchemeRow(tx, id));
    // A locked cycle's results were computed under this version; editing it would make
    // the confirmed record unreproducible. Re-open the cycle or copy the scheme instead.
    if (before.usedByLockedCycle)
      throw new AppError('conflict', `考核方案“${before.name}”已被已锁定的考核周期使用，不能修改；请先重新开启该周期，或另建新方案`);
    const issues = checkSchemeConfig(v.config);
    if (issues.length) throw validationError(issues);
    getOrgUnit(tx, v.orgId);
    const isSample = before.isSample && v.name.startsWith(SAMPLE_NAME_PREFIX);
    tx.db
      .update(assessmentSchemes)
      .set({ ...v, isSample, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(eq(assessmentSchemes.id, id))
      .run();
    const after = toSchemeRecord(tx, loadSchemeRow(tx, id));
    tx.audit({ entity: 'assessment_scheme', entityId: id, before, after });
    return after;
  },

  'assessment.installSample': (tx, input) =>
    insertScheme(tx, {
      orgId: input.orgId,
      year: input.year,
      population: '社区工作者',
      name: `${SAMPLE_NAME_PREFIX}${input.year}年度社区工作者考核方案（分数线、优秀比例、否决规则均为示例，须按本地文件修改）`,
      isSample: true,
      config: sampleSchemeConfig(),
    }),
};
