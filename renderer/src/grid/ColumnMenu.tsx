import { useEffect, useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';

interface Props {
  api: GridApi | null;
  columns: { colId: string; label: string }[];
  onReset: () => void;
}

/** Show/hide columns (ag-grid Community has no column tool panel) and reset the remembered layout. */
export function ColumnMenu({ api, columns, onReset }: Props) {
  const [open, setOpen] = useState(false);
  const [, force] = useState(0);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  return (
    <div className="menu-anchor" ref={ref}>
      <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} disabled={!api}>
        列设置
      </button>
      {open && api && (
        <div className="popover" role="dialog" aria-label="列设置">
          <div className="popover-title">显示的列</div>
          <div className="popover-list">
            {columns.map((c) => (
              <label key={c.colId} className="check">
                <input
                  type="checkbox"
                  checked={api.getColumn(c.colId)?.isVisible() ?? false}
                  onChange={(e) => {
                    api.setColumnsVisible([c.colId], e.target.checked);
                    force((n) => n + 1);
                  }}
                />
                {c.label}
              </label>
            ))}
          </div>
          <button
            type="button"
            className="link"
            onClick={() => {
              onReset();
              force((n) => n + 1);
            }}
          >
            恢复默认布局
          </button>
        </div>
      )}
    </div>
  );
}
