import type { ApiBridge, Envelope } from '../../../core/contract/index.ts';

// Two ways to reach the dispatcher: Electron's preload bridge, or the loopback HTTP bridge
// of browser mode, which needs the per-launch token printed with the URL.

declare global {
  interface Window {
    api?: ApiBridge;
  }
}

const TOKEN_KEY = 'jiceng.token';
/** Fired when the server rejects the stored token (e.g. it belongs to an earlier launch). */
export const TOKEN_REJECTED = 'jiceng:token-rejected';

export type Transport = { kind: 'electron' | 'http'; invoke: ApiBridge['invoke'] } | { kind: 'none' };

/**
 * Takes `?token=` from the address bar into sessionStorage and removes it from the URL,
 * so it does not linger in history or get copied along with the address.
 */
export function captureToken(loc: Location = window.location): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const SESSION_KEY = 'jiceng.session';
// Kept in sessionStorage so a reload keeps the login within this tab, and a new tab logs in afresh.
let sessionId: string | null = sessionStorage.getItem(SESSION_KEY);

/** The login session passed to the runtime with every call (HTTP header X-Jiceng-Session, or the IPC argument); null after logout. */
export function setSession(id: string | null): void {
  sessionId = id;
  if (id) sessionStorage.setItem(SESSION_KEY, id);
  else sessionStorage.removeItem(SESSION_KEY);
}

export function getSession(): string | null {
  return sessionId;
}

function httpInvoke(token: string): ApiBridge['invoke'] {
  return async (name, input) => {
    let res: Response;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    if (sessionId) headers['X-Jiceng-Session'] = sessionId;
    try {
      res = await fetch(`./api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: '无法连接本机服务，请确认 jiceng serve 仍在运行' } };
    }
    if (res.status === 401) {
      forgetToken();
      window.dispatchEvent(new Event(TOKEN_REJECTED));
    }
    try {
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'internal', message: `本机服务返回了无法识别的内容（HTTP ${res.status}）` } };
    }
  };
}

export function detectTransport(): Transport {
  const api = window.api;
  if (api && typeof api.invoke === 'function') return { kind: 'electron', invoke: (name, input) => api.invoke(name, input, sessionId) };
  const token = captureToken();
  if (!token) return { kind: 'none' };
  return { kind: 'http', invoke: httpInvoke(token) };
}

/** A 401 means the stored token belongs to an earlier launch; forget it so the page explains what to do. */
export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
