import { useCallback, useEffect, useState } from 'react';
import { ApiError, AUTH_REFUSED, call, errorText, getTransport, resetTransport, type AuthRefusal } from './api/client.ts';
import { clearLogin, loadLogin, saveLogin, type Login } from './api/session.ts';
import { getSession, TOKEN_REJECTED } from './api/transport.ts';
import { AuthCard } from './features/auth/AuthCard.tsx';
import { ForcedPasswordChange } from './features/auth/ChangePassword.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { RecoveryKeyScreen, SetupWizard } from './features/auth/SetupWizard.tsx';
import { NoToken } from './NoToken.tsx';
import { prefetchPages } from './nav.tsx';
import { Shell } from './Shell.tsx';

// Issue 19: the login page waits for setup.status. It is asked for as the script starts
// (main.tsx), while React renders its first frame, and the gate takes that answer once.
let earlyStatus: ReturnType<typeof call<'setup.status'>> | null = null;

/** Sends setup.status now, when the page can call the API at all. */
export function askStatusEarly(): void {
  if (getTransport().kind === 'none') return;
  earlyStatus = call('setup.status', {});
  // Never an unhandled rejection: the gate awaits it and shows the failure.
  earlyStatus.catch(() => undefined);
}

function status(): ReturnType<typeof call<'setup.status'>> {
  const early = earlyStatus;
  earlyStatus = null;
  return early ?? call('setup.status', {});
}

export function App() {
  const [, setRejected] = useState(false);
  useEffect(() => {
    const onRejected = () => {
      resetTransport();
      setRejected(true);
    };
    window.addEventListener(TOKEN_REJECTED, onRejected);
    return () => window.removeEventListener(TOKEN_REJECTED, onRejected);
  }, []);

  // No Electron bridge and no token: explain how to open the app, and make no API calls.
  if (getTransport().kind === 'none') return <NoToken />;
  return <Gate />;
}

type Screen =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'setup' }
  | { kind: 'recovery-key'; key: string }
  | { kind: 'login'; notice: string | null }
  | { kind: 'app' };

/** Decides what the user sees before the app: first-run wizard, login, forced password change, lock. */
function Gate() {
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [orgName, setOrgName] = useState<string | null>(null);
  const [login, setLogin] = useState<Login | null>(null);
  const [locked, setLocked] = useState(false);

  const toLogin = useCallback((notice: string | null) => {
    clearLogin();
    setLogin(null);
    setLocked(false);
    setScreen({ kind: 'login', notice });
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const answer = await status();
        if (!live) return;
        setOrgName(answer.orgName);
        if (answer.state === 'setup') {
          clearLogin();
          return setScreen({ kind: 'setup' });
        }
        const saved = loadLogin();
        if (!saved || !getSession()) return setScreen({ kind: 'login', notice: null });
        try {
          const user = await call('auth.me', {});
          if (!live) return;
          saveLogin(null, { ...saved, user });
          setLogin({ ...saved, user });
          setScreen({ kind: 'app' });
        } catch (e) {
          if (!live) return;
          if (e instanceof ApiError && e.reason === 'session_locked') {
            setLogin(saved);
            setLocked(true);
            setScreen({ kind: 'app' });
          } else toLogin(null);
        }
      } catch (e) {
        if (live) setScreen({ kind: 'failed', message: errorText(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, [toLogin]);

  // Past the first paint of the login page (or of the app): fetch the main pages' code meanwhile.
  const ready = screen.kind === 'login' || screen.kind === 'app';
  useEffect(() => {
    if (ready) prefetchPages();
  }, [ready]);

  useEffect(() => {
    const onRefused = (e: Event) => {
      const { reason, message } = (e as CustomEvent<AuthRefusal>).detail;
      if (reason === 'login_required') toLogin('登录已失效，请重新登录。');
      else if (reason === 'session_locked') setLocked(true);
      else if (reason === 'password_change_required') setLogin((l) => l && { ...l, user: { ...l.user, mustChangePassword: true } });
      else setScreen({ kind: 'failed', message });
    };
    window.addEventListener(AUTH_REFUSED, onRefused);
    return () => window.removeEventListener(AUTH_REFUSED, onRefused);
  }, [toLogin]);

  const logout = useCallback(async () => {
    // The session ends on the server when it can (a locked one simply expires with the process).
    await call('auth.logout', {}).catch(() => undefined);
    toLogin('已退出登录。');
  }, [toLogin]);

  switch (screen.kind) {
    case 'loading':
      return <div className="auth-screen muted">正在连接…</div>;
    case 'failed':
      return (
        <AuthCard title="无法打开台账">
          <p className="form-banner" role="alert">
            {screen.message}
          </p>
        </AuthCard>
      );
    case 'setup':
      return <SetupWizard onDone={(key) => setScreen({ kind: 'recovery-key', key })} />;
    case 'recovery-key':
      return (
        <RecoveryKeyScreen
          recoveryKey={screen.key}
          onContinue={() => {
            call('setup.status', {}).then((s) => setOrgName(s.orgName), () => undefined);
            setScreen({ kind: 'login', notice: '首次设置已完成，请用刚创建的系统管理员账号登录。' });
          }}
        />
      );
    case 'login':
      return (
        <LoginPage
          orgName={orgName}
          notice={screen.notice}
          onLogin={(l) => {
            // Each login starts on the role's own landing page, not where the previous user left off.
            history.replaceState(history.state, '', window.location.pathname + window.location.search);
            setLogin(l);
            setLocked(false);
            setScreen({ kind: 'app' });
          }}
        />
      );
    case 'app':
      if (!login) return null;
      if (login.user.mustChangePassword)
        return (
          <ForcedPasswordChange
            name={login.user.displayName}
            onLogout={() => void logout()}
            onDone={() => {
              const next = { ...login, user: { ...login.user, mustChangePassword: false } };
              saveLogin(null, next);
              setLogin(next);
            }}
          />
        );
      return <Shell login={login} locked={locked} onLock={() => setLocked(true)} onUnlocked={() => setLocked(false)} onLogout={() => void logout()} />;
  }
}
