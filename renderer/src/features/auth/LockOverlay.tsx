import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call, errorText } from '../../api/client.ts';
import { FormBanner } from '../../components/Field.tsx';
import { dirtyLabels } from '../../components/useDirty.ts';
import { TextInput } from './AuthCard.tsx';

/** Covers the app after the idle time; the data underneath is hidden until the password is entered. */
export function LockOverlay({ name, username, onUnlocked, onLogout }: { name: string; username: string; onUnlocked: () => void; onLogout: () => void }) {
  const [password, setPassword] = useState('');
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // 退出登录 with unsaved edits underneath: the locked session cannot save them, so say what
  // would be lost and offer 解锁 first instead of the usual 保存/放弃/取消.
  const [losing, setLosing] = useState<string[] | null>(null);
  const logout = () => {
    const labels = dirtyLabels();
    if (labels.length && !losing) setLosing(labels);
    else onLogout();
  };
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.querySelector('input')?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setBanner(null);
    try {
      await call('auth.unlock', { password });
      onUnlocked();
    } catch (err) {
      setBanner(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" ref={ref}>
      <form className="auth-card" onSubmit={submit} noValidate>
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">台</span>
          <span>基层党建台账</span>
        </div>
        <h1 id="lock-title">已锁定</h1>
        <p className="muted">
          因长时间未操作，界面已锁定。请 {name}（{username}）输入密码解锁。
        </p>
        <FormBanner message={banner} />
        <TextInput id="lock-password" label="密码" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
        {losing && (
          <div className="form-banner" role="alert">
            有未保存的修改：{losing.join('、')}。解锁后可以保存；现在退出登录将丢失这些修改。
          </div>
        )}
        <div className="auth-actions">
          <button type="button" onClick={logout}>
            {losing ? '仍要退出（放弃修改）' : '退出登录'}
          </button>
          <button type="submit" className="primary" disabled={busy || !password}>
            解锁
          </button>
        </div>
      </form>
    </div>
  );
}

const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/** Calls `onIdle` once `minutes` pass without mouse or keyboard activity (the server locks the session too). */
export function useIdleLock(active: boolean, minutes: number, onIdle: () => void): void {
  const idle = useRef(onIdle);
  idle.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    const touch = () => (last = Date.now());
    for (const ev of ACTIVITY) window.addEventListener(ev, touch, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) idle.current();
    }, 5_000);
    return () => {
      clearInterval(timer);
      for (const ev of ACTIVITY) window.removeEventListener(ev, touch, { capture: true });
    };
  }, [active, minutes]);
}
