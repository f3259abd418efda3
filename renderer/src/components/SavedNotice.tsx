import { useCallback, useEffect, useState } from 'react';
import { Toast } from './Toast.tsx';

// "Every save says so": a dialog that closes on save has nowhere left to say 已保存, so it
// announces the save here and the one host in the shell shows it as a short toast.

let show: ((message: string) => void) | null = null;

/** Shows "已保存…" at the foot of the page (no-op before the shell is mounted, e.g. first run). */
export function announceSaved(message: string): void {
  show?.(message);
}

/** Mounted once, in the shell. */
export function SavedNoticeHost() {
  const [notice, setNotice] = useState<{ text: string; n: number } | null>(null);
  useEffect(() => {
    show = (text) => setNotice((prev) => ({ text, n: (prev?.n ?? 0) + 1 }));
    return () => {
      show = null;
    };
  }, []);
  const close = useCallback(() => setNotice(null), []);
  // Keyed by count: a second save restarts the timer and the announcement.
  return notice ? <Toast key={notice.n} message={notice.text} ms={5000} onClose={close} /> : null;
}
