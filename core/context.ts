import type Database from 'better-sqlite3';
import type { Db } from '../db/open.ts';

/** Who is calling. Until accounts exist every call comes from the local installation. */
export interface Actor {
  kind: 'installation' | 'user';
  id: string;
  name: string;
}

/** What every handler gets: the database, the caller and a clock (never `Date.now()` directly). */
export interface Ctx {
  db: Db;
  sqlite: Database.Database;
  actor: Actor;
  now(): Date;
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
