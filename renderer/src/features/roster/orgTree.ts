import type { OrgUnit } from '../../../../core/org/contract.ts';
import { communityOnlyProblem, LEVEL_LABEL } from '../../../../core/org/rules.ts';

export interface OrgNode {
  unit: OrgUnit;
  children: OrgNode[];
}

/** org.tree returns a flat list sorted by code; nest it under parents. */
export function buildOrgTree(units: OrgUnit[]): OrgNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.unit.parentId ? nodes.get(n.unit.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

const DEPTH = { county: 0, street: 1, community: 2 } as const;

export function orgOptionLabel(u: OrgUnit): string {
  return `${'　'.repeat(DEPTH[u.level])}${u.name}`;
}

export const CHILD_LEVEL = { county: 'street', street: 'community', community: null } as const;

export function levelLabel(level: OrgUnit['level']): string {
  return LEVEL_LABEL[level];
}

/** A unit people can be registered on: a community, or a street marked 本级工作人员单位 (core/org/rules.ts). */
export function holdsPeople(u: OrgUnit): boolean {
  return communityOnlyProblem(u) === null;
}

/** The default unit for a new person: the selected community (or marked street), else the first community below it. */
export function defaultOrgFor(units: OrgUnit[], selectedId: string | null): string {
  const selected = units.find((u) => u.id === selectedId);
  if (selected && holdsPeople(selected)) return selected.id;
  const under = (u: OrgUnit): boolean => {
    if (!selected) return true;
    // A visited set, not trust in the tree: a parent loop must not hang the page.
    const seen = new Set<string>();
    let p: OrgUnit | undefined = u;
    while (p && !seen.has(p.id)) {
      if (p.id === selected.id) return true;
      seen.add(p.id);
      p = units.find((x) => x.id === p!.parentId);
    }
    return false;
  };
  return units.find((u) => u.level === 'community' && under(u))?.id ?? '';
}
