import type Database from 'better-sqlite3';
import type { Db } from '../db/open.ts';
import type { Role } from './security/roles.ts';
import type { Vault } from './security/vault.ts';
import type { SessionStore } from './security/sessions.ts';

/**
 * Who is calling. `user` comes from a login session and is held to the access matrix and its
 * org scope. `system` is in-process maintenance (tests, benchmarks, demo data written during
 * setup); no transport can produce it.
 */
export interface Actor {
  kind: 'user' | 'system';
  id: string;
  name: string;
  role?: Role;
  /** The org unit whose subtree this actor may touch; null = everything. */
  orgScopeId?: string | null;
  sessionId?: string;
}

/** Key and session services, present when the app runs behind a login (not in plain tests). */
export interface SecurityServices {
  vault: Vault;
  sessions: SessionStore;
}

/** What every handler gets: the database, the caller and a clock (never `Date.now()` directly). */
export interface Ctx {
  db: Db;
  sqlite: Database.Database;
  actor: Actor;
  now(): Date;
  security: SecurityServices | null;
  /**
   * A query that discloses something sensitive (a search that matched a full ID number) asks
   * for an audit row with this; the dispatcher writes it after the query. Absent in mutations,
   * which describe themselves with `TxCtx.audit`.
   */
  noteAccess?: (entry: AuditEntry) => void;
}

export interface AuditEntry {
  entity?: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Handed to mutations inside their transaction. */
export interface TxCtx extends Ctx {
  /** The transaction's timestamp, ISO 8601 UTC; every row it writes shares it. */
  nowIso: string;
  /** Today's local calendar date, `YYYY-MM-DD`. */
  today: string;
  /** The change sequence number of this mutation, allocated on first use. */
  seq(): number;
  /** Describe what changed; the dispatcher writes it as this mutation's single audit row. */
  audit(entry: AuditEntry): void;
}
