import type { UserInfo } from '../../../core/security/contract.ts';
import { setSession } from './transport.ts';

export interface Login {
  user: UserInfo;
  idleMinutes: number;
}

const LOGIN_KEY = 'jiceng.login';

/** Remembers the login for this tab (a reload keeps it; the server still checks the session). */
export function saveLogin(sessionId: string | null, login: Login): void {
  if (sessionId) setSession(sessionId);
  sessionStorage.setItem(LOGIN_KEY, JSON.stringify(login));
}

export function loadLogin(): Login | null {
  const raw = sessionStorage.getItem(LOGIN_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Login;
  } catch {
    return null;
  }
}

export function clearLogin(): void {
  setSession(null);
  sessionStorage.removeItem(LOGIN_KEY);
}

export const PASSWORD_POLICY = '密码至少 8 个字符，须包含大写字母、小写字母、数字、符号中的至少 3 类，不能包含用户名，不能与最近 5 次用过的密码相同。';
