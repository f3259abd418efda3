import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { isAsking } from './useDirty.ts';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  wide?: boolean;
  /** Shown above the body, e.g. the server's overall message. */
  banner?: ReactNode;
  /** Enter in a field or Ctrl+S saves (a form dialog passes its save here). */
  onSubmit?: () => void;
}

/**
 * A modal dialog: Escape closes it (through onClose, which an editor guards with useDirty's
 * leave()), focus starts inside it, Enter in a field or Ctrl+S calls onSubmit.
 */
export function Dialog({ title, onClose, children, footer, wide, banner, onSubmit }: Props) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    // Only the topmost dialog answers Escape; the leave question answers it itself.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || isAsking() || e.defaultPrevented) return;
      const dialogs = document.querySelectorAll('.backdrop > [role="dialog"]');
      if (dialogs.length && dialogs[dialogs.length - 1] !== ref.current) return;
      e.preventDefault();
      closeRef.current();
    };
    window.addEventListener('keydown', onKey);
    ref.current?.querySelector<HTMLElement>('.dialog-body input, .dialog-body select, .dialog-body textarea')?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="backdrop">
      <div ref={ref} className={wide ? 'dialog wide' : 'dialog'} role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onSubmit && ((e) => submitKey(e, onSubmit))}>
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

/** Ctrl+S anywhere, or Enter in a one-line field (not a textarea, button or list), submits. */
function submitKey(e: ReactKeyboardEvent, onSubmit: () => void): void {
  const t = e.target as HTMLElement;
  const ctrlS = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's';
  const enter = e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing && t.tagName === 'INPUT' && (t as HTMLInputElement).type !== 'file';
  if (!ctrlS && !enter) return;
  e.preventDefault();
  onSubmit();
}
