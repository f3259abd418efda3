import type { Column } from '../table.ts';

// Configurable age bands. The cut-offs are the upper ages of the bands: [30, 35, 45] gives
// ≤30 / 31–35 / 36–45 / >45 (domain-2 §5.1); [35], [45, 60] and the like are the other sets seen.

export const DEFAULT_AGE_CUTS = [30, 35, 45];

export interface AgeBand {
  key: string;
  label: string;
  min: number;
  max: number | null;
}

export function ageBands(cuts: readonly number[]): AgeBand[] {
  const bands: AgeBand[] = [];
  let lo = 0;
  cuts.forEach((c, i) => {
    bands.push({ key: `age${i}`, label: i === 0 ? `${c}岁及以下` : `${lo}–${c}岁`, min: lo, max: c });
    lo = c + 1;
  });
  bands.push({ key: `age${cuts.length}`, label: `${cuts.at(-1) ?? 0}岁以上`, min: lo, max: null });
  return bands;
}

export function ageBandColumns<T extends { age: number }>(cuts: readonly number[], group = '年龄'): Column<T>[] {
  return ageBands(cuts).map((b) => ({
    key: b.key, label: b.label, group, kind: 'count', unit: '人',
    test: (p: T) => p.age >= b.min && (b.max === null || p.age <= b.max),
  }));
}
