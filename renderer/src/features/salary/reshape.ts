import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';

// Keeps an edited draft well-formed while the user changes its shape: arrays follow the
// number of levels, and a table's rows follow the post list (by position, so a renamed
// post keeps its amounts). Validation itself stays in core.

const fit = <T,>(xs: readonly T[], n: number, fill: T): T[] => Array.from({ length: n }, (_, i) => (i < xs.length ? xs[i]! : fill));

export function reshape(c: SchemeConfig, previousPosts: readonly string[] = c.posts.map((p) => p.name)): SchemeConfig {
  const n = c.levelCount;
  const m = c.amountModel;
  if (m.kind === 'none') return c;
  if (m.kind === 'coefficient')
    return { ...c, amountModel: { ...m, coefficients: fit(m.coefficients, n, null), postCoefficients: m.postCoefficients.map((r) => ({ ...r, coefficients: fit(r.coefficients, n, null) })) } };
  const rows = c.posts.map((p, i) => {
    const old = m.rows.find((r) => r.post === p.name) ?? m.rows.find((r) => r.post === previousPosts[i]);
    return { post: p.name, amounts: fit(old?.amounts ?? [], n, null) };
  });
  return { ...c, amountModel: { ...m, rows } };
}

export function switchAmountKind(c: SchemeConfig, kind: SchemeConfig['amountModel']['kind']): SchemeConfig {
  if (c.amountModel.kind === kind) return c;
  const amountModel: SchemeConfig['amountModel'] =
    kind === 'table'
      ? { kind, rows: c.posts.map((p) => ({ post: p.name, amounts: Array<number | null>(c.levelCount).fill(null) })) }
      : kind === 'none'
        ? { kind }
        : { kind, baseFen: 0, baseSource: null, baseEdition: null, coefficients: Array<number | null>(c.levelCount).fill(null), postCoefficients: [] };
  return { ...c, amountModel };
}
