import { useEffect, useRef, type ReactNode } from 'react';

export interface ToastAction {
  label: string;
  onClick: () => void;
}

interface Props {
  message: ReactNode;
  actions?: ToastAction[];
  /** How long it stays; the page decides what closing means (an undo offer simply lapses). */
  ms?: number;
  onClose: () => void;
}

// A short confirmation at the foot of the page with a few links (撤销, 查看…). It announces
// itself politely to screen readers and closes on its own; acting on a link closes it too.
// One toast at a time, the newest: a later one (a retire after a save, say) closes the earlier
// rather than stacking on it in the same place.
let closeCurrent: (() => void) | null = null;

export function Toast({ message, actions = [], ms = 8000, onClose }: Props) {
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    closeCurrent?.();
    const mine = () => closeRef.current();
    closeCurrent = mine;
    return () => {
      if (closeCurrent === mine) closeCurrent = null;
    };
  }, []);
  useEffect(() => {
    const t = setTimeout(onClose, ms);
    return () => clearTimeout(t);
  }, [ms, onClose]);
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>{message}</span>
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          className="link"
          onClick={() => {
            a.onClick();
            onClose();
          }}
        >
          {a.label}
        </button>
      ))}
      <button type="button" className="toast-close" aria-label="关闭提示" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
