import { randomBytes } from 'node:crypto';
import type { Role } from './roles.ts';

export interface Session {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  orgScopeId: string | null;
  mustChangePassword: boolean;
  lastSeen: number;
  locked: boolean;
}

export type SessionLookup =
  | { ok: true; session: Session }
  | { ok: false; reason: 'login_required' | 'session_locked' };

/** In-memory sessions of one running app. They end with the process: a restart means a new login. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly idleMinutes: () => number;
  constructor(idleMinutes: () => number) {
    this.idleMinutes = idleMinutes;
  }

  create(s: Omit<Session, 'id' | 'lastSeen' | 'locked'>, now: number): Session {
    const session: Session = { ...s, id: randomBytes(24).toString('base64url'), lastSeen: now, locked: false };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Finds a session and applies the idle lock; a locked session stays locked until unlocked. */
  lookup(id: string | null | undefined, now: number, touch: boolean): SessionLookup {
    const s = id ? this.sessions.get(id) : undefined;
    if (!s) return { ok: false, reason: 'login_required' };
    if (!s.locked && now - s.lastSeen > this.idleMinutes() * 60_000) s.locked = true;
    if (s.locked) return { ok: false, reason: 'session_locked' };
    if (touch) s.lastSeen = now;
    return { ok: true, session: s };
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  unlock(id: string, now: number): void {
    const s = this.sessions.get(id);
    if (s) {
      s.locked = false;
      s.lastSeen = now;
    }
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of a user (disabled, password reset by an administrator). */
  endAllFor(userId: string): void {
    for (const [id, s] of this.sessions) if (s.userId === userId) this.sessions.delete(id);
  }
}
