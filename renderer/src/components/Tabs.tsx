import type { ReactNode } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../core/org/contract.ts';
import { OrgSelect } from './OrgSelect.tsx';
import { hasDirtyEditors, leaveAll } from './useDirty.ts';

// The segmented tab bar and the unit / year pickers that the 培训, 台账 and 共建与网格 pages
// put in their toolbar: one place for their markup, roles and labels. A picker changes the
// scope every open editor saves under (or unmounts it), so it asks about unsaved work first.

export function TabBar({ label, tabs, tab, onChange }: { label: string; tabs: readonly string[]; tab: string; onChange: (t: string) => void }) {
  return (
    <div className="segmented" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'on' : undefined} onClick={() => void switchTab(tab, t, onChange)}>
          {t}
        </button>
      ))}
    </div>
  );
}

export function OrgPicker({ orgs, value, onChange }: { orgs: readonly OrgUnit[]; value: string; onChange: (id: string) => void }) {
  return (
    <label className="inline-label">
      组织
      <OrgSelect label="组织" orgs={orgs} value={value} onChange={afterLeaving(onChange)} />
    </label>
  );
}

export function YearPicker({ year, onChange }: { year: number; onChange: (y: number) => void }): ReactNode {
  return (
    <label className="inline-label">
      年度
      <input aria-label="年度" type="number" className="year-input" value={year} min={2000} max={2100} onChange={(e) => afterLeaving(onChange)(Number(e.target.value) || year)} />
    </label>
  );
}

/** Applies a scope change (unit, year) only after leaveAll() agreed; on 取消 the picker keeps its value. */
export function afterLeaving<T>(apply: (v: T) => void): (v: T) => void {
  return (v) => {
    // Nothing to ask: apply at once, so a typed year stays a plain controlled input.
    if (!hasDirtyEditors()) return apply(v);
    void leaveAll().then((ok) => {
      if (ok) apply(v);
    });
  };
}

/** A tab switch unmounts the tab's editors: ask about unsaved work first. */
export async function switchTab<T extends string>(current: T, next: T, onChange: (t: T) => void): Promise<void> {
  if (next === current) return;
  if (await leaveAll()) onChange(next);
}
