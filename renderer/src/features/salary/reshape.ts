import type { SchemeConfig } from '../../../../core/salary/scheme-schema.ts';

// Keeps an edited draft well-formed while the user changes its shape: arrays follow the
// number of levels, and a table's rows follow the post list (by position, so a renamed
// post keeps its amounts). Validation itself stays in core.

const fit = <T,>(xs: readonly T[], n: number, fill: T): T[] => Array.from({ length: n }, (_, i) => (i < xs.length ? xs[i]! : fill));

/**
 * What becomes of a post name stored elsewhere in the config: the same name while the post
 * exists, the new name of a post renamed at the same position, or null when it was removed.
 */
export function postRenamer(posts: readonly string[], previousPosts: readonly string[]): (name: string) => string | null {
  const now = new Set(posts);
  const before = new Set(previousPosts);
  return (name) => {
    if (now.has(name)) return name;
    const i = previousPosts.indexOf(name);
    const to = i >= 0 ? posts[i] : undefined;
    return to !== undefined && !before.has(to) ? to : null;
  };
}

const follow = <T extends { post: string }>(xs: readonly T[], rename: (name: string) => string | null): T[] =>
  xs.flatMap((x) => {
    const post = rename(x.post);
    return post === null ? [] : [{ ...x, post }];
  });

/** Sets one post's 岗位工资 / 岗位津贴; the row goes only when both are exactly 0 (a mistyped NaN stays for core to name). */
export function withPostPay(list: SchemeConfig['postPay'], post: string, patch: { amountFen?: number; allowanceFen?: number }): SchemeConfig['postPay'] {
  const cur = list.find((p) => p.post === post) ?? { post, amountFen: 0, allowanceFen: 0 };
  return [...list.filter((p) => p.post !== post), { ...cur, ...patch }].filter((p) => p.amountFen !== 0 || p.allowanceFen !== 0);
}

export function reshape(c: SchemeConfig, previousPosts: readonly string[] = c.posts.map((p) => p.name)): SchemeConfig {
  const rename = postRenamer(c.posts.map((p) => p.name), previousPosts);
  // Every other place that names a post follows a rename (or a removal), as the table rows do.
  const ofPost = c.probation?.ofPost ? rename(c.probation.ofPost) : null;
  c = {
    ...c,
    postPay: follow(c.postPay, rename),
    performancePay: { ...c.performancePay, postCoefficients: follow(c.performancePay.postCoefficients, rename) },
    probation: c.probation && { ...c.probation, ofPost },
  };
  const n = c.levelCount;
  const m = c.amountModel;
  if (m.kind === 'none') return c;
  if (m.kind === 'coefficient')
    return { ...c, amountModel: { ...m, coefficients: fit(m.coefficients, n, null), postCoefficients: follow(m.postCoefficients, rename).map((r) => ({ ...r, coefficients: fit(r.coefficients, n, null) })) } };
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
