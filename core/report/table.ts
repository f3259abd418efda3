// The one tabulation engine every report uses. A report states its row groups (each a list of
// items: people, result rows, pay lines …) and its columns (each a predicate or a value over an
// item). Counting and drilling down read the same predicates, so a cell and the list behind it
// cannot disagree, and a subtotal is computed from its members, never typed in.

export type CellValue = number | string | null;

export type ColumnKind =
  /** Number of items passing `test` (drillable). */
  | 'count'
  /** Sum of `value` over the items passing `test` (drillable); `unit` says what it is. */
  | 'sum'
  /** Percentage num/den of two count or sum columns of the same row, one decimal. */
  | 'rate'
  /** Mean of `value` over the items passing `test`, one decimal. */
  | 'avg'
  /** Text computed from the row's items (names lists, yes/no). */
  | 'text';

export interface Column<T> {
  key: string;
  label: string;
  /** Header group above the label (两级表头), e.g. 年龄 or 学历. */
  group?: string;
  kind: ColumnKind;
  test?: (item: T) => boolean;
  value?: (item: T) => number;
  rate?: { num: string; den: string };
  text?: (items: readonly T[], row: RowGroup<T>) => string;
  /** 人, 元, 学时 …: how a figure reads in a comparison sentence. */
  unit?: string;
  /** Money columns hold integer fen in the payload; the UI and export show yuan. */
  money?: boolean;
}

export type RowLevel = 'county' | 'street' | 'community' | 'self' | 'total' | 'period';

export interface RowGroup<T> {
  key: string;
  label: string;
  level: RowLevel;
  /** The street a community row belongs to (for indentation and print). */
  parent?: string | null;
  items: readonly T[];
}

export interface TableRow {
  key: string;
  label: string;
  level: RowLevel;
  parent: string | null;
  cells: Record<string, CellValue>;
}

export interface ColumnView {
  key: string;
  label: string;
  group: string | null;
  kind: ColumnKind;
  unit: string | null;
  money: boolean;
  drillable: boolean;
}

export function columnView<T>(c: Column<T>): ColumnView {
  return {
    key: c.key, label: c.label, group: c.group ?? null, kind: c.kind, unit: c.unit ?? null, money: c.money ?? false,
    drillable: c.kind === 'count' || c.kind === 'sum' || c.kind === 'avg' || (c.kind === 'rate' && !!c.rate),
  };
}

const pass = <T>(c: Column<T>) => c.test ?? (() => true);

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Percentage with one decimal, null when the denominator is 0. */
export function percent(num: number, den: number): number | null {
  return den === 0 ? null : round1((num * 100) / den);
}

export function tabulate<T>(groups: readonly RowGroup<T>[], columns: readonly Column<T>[]): TableRow[] {
  // Each item sits in several rows (its community, street subtotal, 合计): evaluate every
  // predicate and value once per item, then add the results up per row.
  const index = new Map<T, number>();
  for (const g of groups) for (const it of g.items) if (!index.has(it)) index.set(it, index.size);
  const all = [...index.keys()];
  const numeric = columns.filter((c) => c.kind === 'count' || c.kind === 'sum' || c.kind === 'avg');
  const hit = numeric.map((c) => {
    const test = c.test;
    const a = new Uint8Array(all.length);
    for (let i = 0; i < all.length; i++) a[i] = !test || test(all[i]!) ? 1 : 0;
    return a;
  });
  const val = numeric.map((c) => {
    if (!c.value) return null;
    const a = new Float64Array(all.length);
    for (let i = 0; i < all.length; i++) a[i] = c.value(all[i]!);
    return a;
  });
  return groups.map((g) => {
    const ids = g.items.map((it) => index.get(it)!);
    const cells: Record<string, CellValue> = {};
    numeric.forEach((c, k) => {
      const h = hit[k]!;
      const v = val[k];
      let n = 0;
      let sum = 0;
      for (const i of ids) if (h[i]) {
        n++;
        if (v) sum += v[i]!;
      }
      cells[c.key] = c.kind === 'count' ? n : c.kind === 'sum' ? round6(sum) : n ? round1(sum / n) : null;
    });
    for (const c of columns) if (c.kind === 'text') cells[c.key] = c.text!(g.items, g);
    for (const c of columns)
      if (c.kind === 'rate') cells[c.key] = percent(Number(cells[c.rate!.num] ?? 0), Number(cells[c.rate!.den] ?? 0));
    return { key: g.key, label: g.label, level: g.level, parent: g.parent ?? null, cells };
  });
}

// Sums of fractional hours must not print as 12.000000000002.
function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The items behind one cell; for a rate, the items of its numerator. */
export function drillItems<T>(groups: readonly RowGroup<T>[], columns: readonly Column<T>[], rowKey: string, columnKey: string): T[] | null {
  const g = groups.find((x) => x.key === rowKey);
  let c = columns.find((x) => x.key === columnKey);
  if (!g || !c) return null;
  if (c.kind === 'rate') c = columns.find((x) => x.key === c!.rate!.num);
  if (!c || c.kind === 'text') return null;
  return g.items.filter(pass(c));
}
