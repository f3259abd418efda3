import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  wide?: boolean;
  /** Shown above the body, e.g. the server's overall message. */
  banner?: ReactNode;
}

/** A modal dialog: Escape closes it, focus starts inside it. */
export function Dialog({ title, onClose, children, footer, wide, banner }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && closeRef.current();
    window.addEventListener('keydown', onKey);
    ref.current?.querySelector<HTMLElement>('.dialog-body input, .dialog-body select, .dialog-body textarea')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="backdrop">
      <div ref={ref} className={wide ? 'dialog wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header>
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </header>
        {banner}
        <div className="dialog-body">{children}</div>
        <footer>{footer}</footer>
      </div>
    </div>
  );
}
