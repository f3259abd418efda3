import { describe, expect, it } from 'vitest';
import { buildOrgTree, defaultOrgFor } from '../../renderer/src/features/roster/orgTree.ts';
import type { OrgUnit } from '../../core/org/contract.ts';

// Issue 12: every walk over parentId stops on a loop (a cycle in the stored tree, e.g. one
// received before the bundle checks refused them), in the renderer as in core.

const unit = (id: string, parentId: string | null, level: OrgUnit['level']): OrgUnit => ({
  id, parentId, level, name: id, code: '610402000000', codeEdition: null, staffUnit: false, updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('renderer org tree walks with a cycle', () => {
  it('defaultOrgFor returns instead of looping when a unit is its own parent or two units point at each other', () => {
    const units = [unit('county', null, 'county'), unit('a', 'a', 'community'), unit('b', 'c', 'community'), unit('c', 'b', 'street')];
    expect(defaultOrgFor(units, 'county')).toBe('');
    expect(defaultOrgFor(units, 'c')).toBe('b');
    expect(buildOrgTree(units).map((n) => n.unit.id)).toEqual(['county']);
  });
});
