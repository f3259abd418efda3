import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The always-visible part: title, tabs, the unit picker, the main action. */
  children: ReactNode;
  /** Secondary actions: in the row while it fits, else behind a 更多 button. */
  more?: ReactNode;
  className?: string;
  label?: string;
}

/**
 * A toolbar that stays one row at 1366×768: when its content is wider than the row, the `more`
 * actions fold into a 更多 menu. They are rendered once, in the same place of the tree either way,
 * so their own state (an open import dialog, a busy flag) survives folding and unfolding; a
 * dialog they open is position:fixed and still shows while the folded menu is closed.
 */
export function Toolbar({ children, more, className, label }: Props) {
  const row = useRef<HTMLDivElement>(null);
  const anchor = useRef<HTMLDivElement>(null);
  const [folded, setFolded] = useState(false);
  const [open, setOpen] = useState(false);
  // The width the unfolded row needed when it last overflowed: unfold again once that fits.
  const needed = useRef(0);

  useLayoutEffect(() => {
    const el = row.current;
    if (!el || !more) return;
    const check = () => {
      if (!folded && el.scrollWidth > el.clientWidth + 1) {
        needed.current = el.scrollWidth;
        setFolded(true);
      } else if (folded && el.clientWidth >= needed.current) {
        setFolded(false);
        setOpen(false);
      }
    };
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => anchor.current && !anchor.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div ref={row} className={`toolbar toolbar-fit${className ? ` ${className}` : ''}`} role="toolbar" aria-label={label}>
      {children}
      {more && (
        <div ref={anchor} className={folded ? 'toolbar-more folded' : 'toolbar-more'}>
          {folded && (
            <button type="button" className="toolbar-more-button" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
              更多 ▾
            </button>
          )}
          <div
            className={open ? 'toolbar-more-items open' : 'toolbar-more-items'}
            role={folded ? 'menu' : undefined}
            aria-label={folded ? '更多操作' : undefined}
            // Choosing an action closes the menu; a dialog it opens is fixed-position and stays visible.
            onClick={(e) => folded && (e.target as HTMLElement).closest('button:not([aria-expanded])') && setOpen(false)}
          >
            {more}
          </div>
        </div>
      )}
    </div>
  );
}
