import type { OrgTreeUnit as OrgUnit } from '../../../core/org/contract.ts';
import { unitsInScope } from '../access.ts';

/**
 * A select of org units, indented by level (县 → 街道 → 社区), as the pages' unit filter. It offers only
 * the account's own scope: a unit outside it could only answer "无权访问".
 */
export function OrgSelect({ label, orgs, value, onChange }: { label: string; orgs: readonly OrgUnit[]; value: string; onChange: (id: string) => void }) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {unitsInScope(orgs).map((o) => (
        <option key={o.id} value={o.id}>
          {o.level === 'county' ? '' : o.level === 'street' ? '　' : '　　'}
          {o.name}
        </option>
      ))}
    </select>
  );
}
