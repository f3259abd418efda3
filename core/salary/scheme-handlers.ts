import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { salarySchemes } from '../../db/schema/index.ts';
import { validationError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { getOrgUnit } from '../org/handlers.ts';
import type { TxCtx } from '../context.ts';
import type { salaryContract } from './contract.ts';
import { SAMPLE_SCHEME_NAME, sampleSchemeConfig } from './sample.ts';
import { realSamples } from './samples-real.ts';
import { checkScheme, nonRisingLevels } from './scheme-rules.ts';
import { schemeConfig, type SchemeConfig } from './scheme-schema.ts';
import { scopeCondition } from '../guard/scope.ts';
import { schemeSealedBy } from './seal.ts';
import { assertEffectiveDateFree, getScheme, loadSchemes } from './store.ts';

type SchemeOps = Pick<typeof salaryContract, 'salary.sampleScheme' | 'salary.sampleSchemes' | 'salary.schemes' | 'salary.scheme' | 'salary.saveScheme' | 'salary.copyScheme'>;

// Cells outside a post's band carry no meaning; they are stored empty so a copied or
// re-banded version never resurrects a stale amount.
function normalise(c: SchemeConfig): SchemeConfig {
  if (c.amountModel.kind !== 'table') return c;
  const rows = c.amountModel.rows.map((r) => {
    const p = c.posts.find((x) => x.name === r.post);
    return { ...r, amounts: r.amounts.map((a, i) => (p && i + 1 >= p.minLevel && i + 1 <= p.maxLevel ? a : null)) };
  });
  return { ...c, amountModel: { ...c.amountModel, rows } };
}

function insertScheme(tx: TxCtx, v: { orgId: string; name: string; docNo: string | null; effectiveDate: string; sample: boolean; config: SchemeConfig }) {
  const id = randomUUID();
  tx.db.insert(salarySchemes).values({ id, ...v, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() }).run();
  return id;
}

export const schemeHandlers: HandlersFor<SchemeOps> = {
  'salary.sampleScheme': () => ({ name: SAMPLE_SCHEME_NAME, config: schemeConfig.parse(sampleSchemeConfig()) }),

  // Schemes are policy: a unit lists its own and those of the units above it.
  'salary.sampleSchemes': () => realSamples().map((x) => ({ ...x, config: schemeConfig.parse(x.config) })),

  'salary.schemes': (ctx) =>
    loadSchemes(ctx, scopeCondition(ctx, salarySchemes.orgId, { policy: true })).map(({ config, ...s }) => ({
      ...s, levelCount: config.levelCount, posts: config.posts.map((p) => p.name), amountKind: config.amountModel.kind, stepYears: config.stepYears,
    })),

  'salary.scheme': (ctx, input) => {
    const s = getScheme(ctx, input.id);
    return { ...s, warnings: nonRisingLevels(s.config), confirmedMonth: schemeSealedBy(ctx, s.id) };
  },

  'salary.saveScheme': (tx, input) => {
    const issues = checkScheme(input.config);
    if (issues.length) throw validationError(issues);
    getOrgUnit(tx, input.orgId);
    const config = normalise(input.config);
    const before = input.id ? getScheme(tx, input.id) : null;
    assertEffectiveDateFree(tx, input.effectiveDate, input.id ?? null);
    const fields = { orgId: input.orgId, name: input.name, docNo: input.docNo, effectiveDate: input.effectiveDate, sample: input.sample, config };
    let id: string;
    if (before) {
      id = before.id;
      tx.db.update(salarySchemes).set({ ...fields, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(salarySchemes.id, id)).run();
    } else id = insertScheme(tx, fields);
    const after = getScheme(tx, id);
    tx.audit({ entity: 'salary_scheme', entityId: id, before, after });
    return after;
  },

  'salary.copyScheme': (tx, input) => {
    const src = getScheme(tx, input.id);
    assertEffectiveDateFree(tx, input.effectiveDate, null);
    const id = insertScheme(tx, {
      orgId: src.orgId, name: input.name ?? `${src.name}（${input.effectiveDate} 起）`, docNo: input.docNo,
      effectiveDate: input.effectiveDate, sample: src.sample, config: src.config,
    });
    const after = getScheme(tx, id);
    tx.audit({ entity: 'salary_scheme', entityId: id, after: { ...after, copiedFrom: src.id } });
    return after;
  },
};
