import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

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

  const foldedNow = useRef(folded);
  foldedNow.current = folded;
  // Set when the row's DOM changed outside a commit we look at (mutation records already delivered).
  const changed = useRef(false);
  const watch = useRef<MutationObserver | null>(null);
  const hasMore = Boolean(more);

  // Reading scrollWidth forces a layout. Doing it after every render of the page (a grid page
  // re-renders many times while its grid fills) cost about 0.2 s of forced layouts on opening
  // 花名册 (issue 19); so the row is measured when it mounts, when its size changes, and after a
  // render that changed the row's own DOM, which are the only times its overflow can change.
  const check = useCallback(() => {
    const el = row.current;
    if (!el) return;
    if (!foldedNow.current && el.scrollWidth > el.clientWidth + 1) {
      needed.current = el.scrollWidth;
      setFolded(true);
    } else if (foldedNow.current && el.clientWidth >= needed.current) {
      setFolded(false);
      setOpen(false);
    }
  }, []);

  useLayoutEffect(() => {
    const el = row.current;
    if (!el || !hasMore) return;
    check();
    const ro = new ResizeObserver(() => check());
    ro.observe(el);
    const mo = new MutationObserver(() => (changed.current = true));
    mo.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    watch.current = mo;
    return () => {
      ro.disconnect();
      mo.disconnect();
      watch.current = null;
    };
  }, [hasMore, check]);

  useLayoutEffect(() => {
    const mo = watch.current;
    if (!mo) return;
    // This commit's DOM changes are still queued here (the observer reports them in a microtask).
    const dirty = mo.takeRecords().length > 0 || changed.current;
    changed.current = false;
    if (dirty) check();
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
