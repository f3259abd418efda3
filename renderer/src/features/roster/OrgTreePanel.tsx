import { useMemo, useState } from 'react';
import type { OrgTreeUnit as OrgUnit } from '../../../../core/org/contract.ts';
import { buildOrgTree, CHILD_LEVEL, levelLabel, type OrgNode } from './orgTree.ts';
import { RoleNote } from '../../components/RoleGate.tsx';
import { mayCall } from '../../access.ts';

interface Props {
  units: OrgUnit[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onCreateChild: (parent: OrgUnit | null) => void;
  /** Opens the selected unit's form (name, code, the street's staff mark). */
  onEdit: (unit: OrgUnit) => void;
}

export function OrgTreePanel({ units, selectedId, onSelect, onCreateChild, onEdit }: Props) {
  const roots = useMemo(() => buildOrgTree(units), [units]);
  // Everything starts open; the user folds what they do not need.
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const selected = units.find((u) => u.id === selectedId) ?? null;
  const childLevel = selected ? CHILD_LEVEL[selected.level] : 'county';

  const toggle = (id: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  function renderNode(n: OrgNode) {
    const open = !collapsed.has(n.unit.id);
    return (
      <li key={n.unit.id} role="treeitem" aria-expanded={n.children.length ? open : undefined} aria-selected={n.unit.id === selectedId}>
        <div className={`tree-row level-${n.unit.level}${n.unit.id === selectedId ? ' selected' : ''}`}>
          {n.children.length ? (
            <button type="button" className="twisty" aria-label={open ? '收起' : '展开'} onClick={() => toggle(n.unit.id)}>
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="twisty" />
          )}
          <button type="button" className="tree-label" title={`${n.unit.name}（${n.unit.code}）`} onClick={() => onSelect(n.unit.id)}>
            {n.unit.name}
            {n.unit.staffUnit && <span className="muted small-text">（含本级人员）</span>}
          </button>
        </div>
        {open && n.children.length > 0 && <ul role="group">{n.children.map(renderNode)}</ul>}
      </li>
    );
  }

  return (
    <aside className="tree-panel" aria-label="组织筛选">
      <div className="panel-title">组织单位</div>
      <div className="tree-scroll">
        <div className={`tree-row all${selectedId === null ? ' selected' : ''}`}>
          <button type="button" className="tree-label" onClick={() => onSelect(null)}>
            全部单位
          </button>
        </div>
        <ul role="tree" aria-label="组织树">
          {roots.map(renderNode)}
        </ul>
      </div>
      <div className="panel-actions">
        {!mayCall('org.create') ? (
          <RoleNote op="org.create" action="新建组织单位" />
        ) : childLevel ? (
          <button type="button" className="small" onClick={() => onCreateChild(selected)}>
            ＋ 新建{selected ? `下级${levelLabel(childLevel)}` : levelLabel('county')}
          </button>
        ) : (
          <span className="muted small-text">社区下不再设下级单位</span>
        )}
        {selected && mayCall('org.update') && (
          <button type="button" className="small" onClick={() => onEdit(selected)}>
            修改本单位
          </button>
        )}
      </div>
    </aside>
  );
}
