import { useEffect, useRef, useState } from 'react';
import { hasDirtyEditors, leaveAll, setLeaveAsker, type LeaveChoice } from './useDirty.ts';

interface Pending {
  labels: string[];
  answer: (c: LeaveChoice) => void;
}

/**
 * Mounted once inside the logged-in shell: asks 保存 / 放弃 / 取消 for the editors in
 * useDirty.ts, holds page links while the answer is pending, and warns on window close.
 */
export function LeaveConfirm() {
  const [pending, setPending] = useState<Pending | null>(null);
  const saveRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setLeaveAsker((labels) => new Promise<LeaveChoice>((answer) => setPending({ labels, answer })));
    // A page link (the sidebar, a "go to" link) is a navigation: ask first, then follow it.
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href^="#/"]');
      if (!a || !hasDirtyEditors() || e.defaultPrevented) return;
      e.preventDefault();
      const href = a.getAttribute('href')!;
      void leaveAll().then((ok) => {
        if (ok) window.location.hash = href.slice(1);
      });
    };
    // Closing the window or reloading: the browser (or Electron's will-prevent-unload) asks.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (!hasDirtyEditors()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      setLeaveAsker(null);
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, []);

  useEffect(() => {
    if (!pending) return;
    saveRef.current?.focus();
    const choose = (c: LeaveChoice) => {
      setPending(null);
      pending.answer(c);
    };
    // Capture phase and stopImmediatePropagation: Escape here answers 取消 and must not also
    // reach the dialog underneath (which would ask again or close).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopImmediatePropagation();
        choose('cancel');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [pending]);

  if (!pending) return null;
  const choose = (c: LeaveChoice) => {
    setPending(null);
    pending.answer(c);
  };
  return (
    <div className="backdrop leave-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="leave-title" aria-describedby="leave-body">
        <header>
          <h2 id="leave-title">有未保存的修改</h2>
        </header>
        <div className="dialog-body" id="leave-body">
          <p>离开前是否保存以下修改？</p>
          <ul className="leave-list">
            {pending.labels.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
        <footer>
          <button type="button" onClick={() => choose('cancel')}>
            取消
          </button>
          <button type="button" className="danger" onClick={() => choose('discard')}>
            放弃修改
          </button>
          <button type="button" ref={saveRef} className="primary" onClick={() => choose('save')}>
            保存
          </button>
        </footer>
      </div>
    </div>
  );
}
