import { useEffect, useState } from 'react';
import { getTransport, resetTransport } from './api/client.ts';
import { TOKEN_REJECTED } from './api/transport.ts';
import { NAV } from './nav.tsx';
import { NoToken } from './NoToken.tsx';

function currentPath(): string {
  const p = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return NAV.some((n) => n.path === p) ? p : NAV[0]!.path;
}

export function App() {
  const [path, setPath] = useState(currentPath);
  const [, setRejected] = useState(false);
  useEffect(() => {
    const onRejected = () => {
      resetTransport();
      setRejected(true);
    };
    window.addEventListener(TOKEN_REJECTED, onRejected);
    return () => window.removeEventListener(TOKEN_REJECTED, onRejected);
  }, []);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // No Electron bridge and no token: explain how to open the app, and make no API calls.
  if (getTransport().kind === 'none') return <NoToken />;

  const entry = NAV.find((n) => n.path === path) ?? NAV[0]!;
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="主导航">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">台</span>
          <span>基层党建台账</span>
        </div>
        <ul>
          {NAV.map((n) => (
            <li key={n.path}>
              <a href={`#/${n.path}`} className={n.path === entry.path ? 'active' : undefined} aria-current={n.path === entry.path ? 'page' : undefined}>
                {n.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">{entry.render()}</main>
    </div>
  );
}
