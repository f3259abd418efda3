import { useEffect, useMemo, useRef, useState } from 'react';
import type { Login } from './api/session.ts';
import { navFor } from './access.ts';
import { ChangePasswordDialog } from './features/auth/ChangePassword.tsx';
import { LockOverlay, useIdleLock } from './features/auth/LockOverlay.tsx';
import { NAV } from './nav.tsx';
import { LeaveConfirm } from './components/LeaveConfirm.tsx';
import { leaveAll } from './components/useDirty.ts';
import { SavedNoticeHost } from './components/SavedNotice.tsx';

function hashPath(): string {
  return window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
}

interface Props {
  login: Login;
  locked: boolean;
  onLock: () => void;
  onUnlocked: () => void;
  onLogout: () => void;
}

/** The logged-in app: the navigation the role may use, the user bar, and the idle lock over it all. */
export function Shell({ login, locked, onLock, onUnlocked, onLogout }: Props) {
  const { user } = login;
  const { entries, landing } = useMemo(() => navFor(user.role, NAV), [user.role]);
  const [path, setPath] = useState(hashPath);
  const pathRef = useRef(path);
  const [changing, setChanging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    const onHash = () => {
      const next = hashPath();
      // A page the role may open asks for its first data now, while React renders it.
      if (next !== pathRef.current) entries.find((n) => n.path === next)?.onEnter?.();
      pathRef.current = next;
      setPath(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [entries]);
  useIdleLock(!locked, login.idleMinutes, onLock);

  const entry = entries.find((n) => n.path === path) ?? entries.find((n) => n.path === landing);
  return (
    <>
      <div className={locked ? 'shell locked' : 'shell'} aria-hidden={locked || undefined}>
        <nav className="sidebar" aria-label="主导航">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">台</span>
            <span>基层党建台账</span>
          </div>
          <ul>
            {entries.map((n) => (
              <li key={n.path}>
                <a href={`#/${n.path}`} className={n.path === entry?.path ? 'active' : undefined} aria-current={n.path === entry?.path ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="content">
          <header className="userbar" aria-label="当前用户">
            {notice && (
              <span className="userbar-notice" role="status">
                {notice}
              </span>
            )}
            <span className="userbar-name">{user.displayName}</span>
            <span className="role-badge">{user.roleLabel}</span>
            {user.orgScopeName && <span className="muted small-text">管辖：{user.orgScopeName}</span>}
            <button type="button" className="link" onClick={() => setChanging(true)}>
              修改密码
            </button>
            <button type="button" className="link" onClick={() => void leaveAll().then((ok) => ok && onLogout())}>
              退出登录
            </button>
          </header>
          <main className="content-main">{entry ? entry.render() : <p className="placeholder">当前角色没有可用的页面。</p>}</main>
          <SavedNoticeHost />
        </div>
      </div>
      {changing && (
        <ChangePasswordDialog
          onClose={() => setChanging(false)}
          onDone={() => {
            setChanging(false);
            setNotice('密码已修改');
          }}
        />
      )}
      <LeaveConfirm />
      {locked && <LockOverlay name={user.displayName} username={user.username} onUnlocked={onUnlocked} onLogout={onLogout} />}
    </>
  );
}
