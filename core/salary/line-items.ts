import type { PayItem, PayLine } from './contract.ts';

// Lines frozen before pay items existed (issue 15) stored only the three totals and the
// named allowances; their items are rebuilt from those so every line reads the same way.

export function legacyItems(l: Pick<PayLine, 'baseFen' | 'allowances' | 'performanceFen'>): PayItem[] {
  const items: PayItem[] = [{ key: 'level', label: '等级工资', fen: l.baseFen }];
  for (const a of l.allowances) items.push({ key: `allowance.${a.name}`, label: a.name, fen: a.amountFen });
  if (l.performanceFen) items.push({ key: 'performance', label: '绩效工资', fen: l.performanceFen });
  return items;
}

export function parseItems(json: string | unknown, fallback: () => PayItem[]): PayItem[] {
  const v = typeof json === 'string' ? (JSON.parse(json) as PayItem[]) : (json as PayItem[]);
  return v.length ? v : fallback();
}
