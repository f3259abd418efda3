import type { OrgUnit } from './contract.ts';

export const LEVEL_LABEL = { county: '县（区）', street: '街道（乡镇）', community: '社区' } as const;
const CHILD_LEVEL = { county: 'street', street: 'community', community: null } as const;

// 统计用区划代码: province 2 + city 2 + county 2 + street 3 + community 3. A unit's code
// keeps its parent's significant prefix and fills only its own segment.
const SIGNIFICANT = { county: 6, street: 9, community: 12 } as const;

/** Problems with placing a unit of `level` and `code` under `parent`, in Chinese; empty if fine. */
export function checkOrgPlacement(level: OrgUnit['level'], code: string, parent: OrgUnit | null): string[] {
  const problems: string[] = [];
  if (parent === null && level !== 'county') problems.push(`「上级单位」${LEVEL_LABEL[level]}必须有上级单位`);
  if (parent) {
    const child = CHILD_LEVEL[parent.level];
    if (child === null) problems.push('「上级单位」社区下不能再建立下级单位');
    else if (child !== level) problems.push(`「层级」${LEVEL_LABEL[parent.level]}下只能建立${LEVEL_LABEL[child]}`);
  }
  const n = SIGNIFICANT[level];
  if (/0{3}$/.test(code.slice(0, n)) && level !== 'county') problems.push(`「区划代码」${LEVEL_LABEL[level]}的代码第 ${n - 2}–${n} 位不能全为 0`);
  if (code.slice(n) !== '0'.repeat(12 - n)) problems.push(`「区划代码」${LEVEL_LABEL[level]}的代码后 ${12 - n} 位应为 0`);
  if (parent) {
    const p = SIGNIFICANT[parent.level];
    if (code.slice(0, p) !== parent.code.slice(0, p))
      problems.push(`「区划代码」前 ${p} 位应与上级单位“${parent.name}”的代码 ${parent.code.slice(0, p)} 一致`);
  }
  return problems;
}

/** The problem with marking a unit of `level` as 本级工作人员单位, in Chinese; null if fine. */
export function staffUnitProblem(level: OrgUnit['level'], staffUnit: boolean): string | null {
  if (!staffUnit || level === 'street') return null;
  return `「本级工作人员单位」只有街道（乡镇）可以标记，${LEVEL_LABEL[level]}不能标记`;
}

// A person is on one community's roster (所属社区), or on the roster of a street marked as
// keeping its own office staff (本级工作人员单位). A county never holds people directly.
/** The Chinese message when `unit` cannot hold people; null for a community or a marked street. */
export function communityOnlyProblem(unit: Pick<OrgUnit, 'level' | 'name' | 'staffUnit'>): string | null {
  if (unit.level === 'community') return null;
  if (unit.level === 'street' && unit.staffUnit) return null;
  const streetHint = unit.level === 'street' ? '（或将该街道标记为本级工作人员单位）' : '';
  return `「所属社区」“${unit.name}”是${LEVEL_LABEL[unit.level]}，人员只能登记在社区下，请选择其下的社区${streetHint}`;
}
