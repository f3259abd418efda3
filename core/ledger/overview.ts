import { z } from 'zod';
import { query } from '../contract/op.ts';
import { id, isoDate } from '../contract/fields.ts';
import { validationError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { listOrgUnits } from '../org/handlers.ts';
import { scopeIds } from '../security/scope.ts';
import { DERIVED_FIGURES, FIGURE_PROVIDERS, type Range } from './figures.ts';

// The county's view: per street and community, the figures of every provider in
// core/ledger/figures.ts over a date range, each unit's figure summed over its subtree.

export const overviewRow = z.object({
  orgId: z.string(),
  orgName: z.string(),
  level: z.string(),
  parentId: z.string().nullable(),
  depth: z.number().int(),
  figures: z.record(z.string(), z.number()),
});
export type OverviewRow = z.infer<typeof overviewRow>;
export const overviewOutput = z.object({
  from: z.string(),
  to: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(overviewRow),
});
export type Overview = z.infer<typeof overviewOutput>;

export const overviewContract = {
  'ledger.overview': query(
    '台账总览：各街道、社区的任务、清单与工单数字（按日期区间）',
    z.object({ orgId: id('组织').nullish(), from: isoDate('开始日期'), to: isoDate('结束日期') }),
    overviewOutput,
  ),
  'ledger.overview.export': query(
    '导出台账总览（.xlsx，base64）',
    z.object({ orgId: id('组织').nullish(), from: isoDate('开始日期'), to: isoDate('结束日期') }),
    z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() }),
  ),
};

export function columns(): Overview['columns'] {
  const cols = FIGURE_PROVIDERS.flatMap((p) => Object.entries(p.labels).map(([key, label]) => ({ key, label })));
  return [...cols, ...DERIVED_FIGURES.map((d) => ({ key: d.key, label: d.label }))];
}

export function ledgerOverview(ctx: Ctx, input: { orgId?: string | null; from: string; to: string }): Overview {
  if (input.to < input.from) throw validationError([{ path: 'to', message: `「结束日期」${input.to} 不能早于开始日期 ${input.from}` }]);
  const units = listOrgUnits(ctx);
  const scope = scopeIds(ctx);
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const roots = input.orgId ? [input.orgId] : units.filter((u) => !u.parentId || !units.some((p) => p.id === u.parentId)).map((u) => u.id);
  const range: Range = { from: input.from, to: input.to };
  // Only the units under the requested roots (and in the caller's scope) are counted.
  const below = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (below.has(id)) continue;
    below.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  const visible = units.filter((u) => below.has(u.id) && (!scope || scope.has(u.id)));
  const own: Record<string, Record<string, number>> = {};
  for (const p of FIGURE_PROVIDERS)
    for (const [org, figs] of Object.entries(p.compute(ctx, visible.map((u) => u.id), range)))
      for (const [k, n] of Object.entries(figs)) (own[org] ??= {})[k] = ((own[org] ??= {})[k] ?? 0) + n;
  const keys = columns().map((c) => c.key);
  const byId = new Map(units.map((u) => [u.id, u]));
  const rows: OverviewRow[] = [];
  // Depth-first, so a street is followed by its communities (the printed table reads as a tree).
  const visit = (id: string, depth: number): Record<string, number> => {
    const total: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
    for (const [k, n] of Object.entries(own[id] ?? {})) total[k] = (total[k] ?? 0) + n;
    const u = byId.get(id)!;
    const at = rows.length;
    for (const c of children.get(id) ?? []) for (const [k, n] of Object.entries(visit(c, depth + 1))) total[k] = (total[k] ?? 0) + n;
    for (const d of DERIVED_FIGURES) total[d.key] = d.derive(total);
    if (!scope || scope.has(id)) rows.splice(at, 0, { orgId: id, orgName: u.name, level: u.level, parentId: u.parentId, depth, figures: { ...total } });
    for (const d of DERIVED_FIGURES) total[d.key] = 0;
    return total;
  };
  for (const r of roots) if (byId.has(r)) visit(r, 0);
  return { from: input.from, to: input.to, columns: columns(), rows };
}
