import { expect } from 'vitest';
import { setUpSecured, type SecuredApp } from '../../helpers/runtime.ts';

// The scripted story behind tests/security/audit-coverage.test.ts: every step is one
// successful mutation through the secured runtime, checked to add exactly one audit row
// that names the operation. `covered` collects the steps that passed.

export interface Story {
  sec: SecuredApp;
  admin: string;
  clerk: string;
  reviewer: string;
  auditor: string;
  covered: Set<string>;
  /** One audited mutation: returns its data; fails unless exactly one new `ok` row names `op`. */
  step(op: string, input: unknown, session: string): Promise<any>;
  /** Anything else (queries, set-up): data of an ok envelope. */
  get(op: string, input: unknown, session?: string | null): Promise<any>;
  sqlite(): import('better-sqlite3').Database;
}

export async function startStory(): Promise<Story> {
  const sec = await setUpSecured();
  const clerk = await sec.sessionAs('clerk');
  const reviewer = await sec.sessionAs('reviewer');
  const auditor = await sec.sessionAs('auditor');
  const covered = new Set<string>();
  const sqlite = () => sec.runtime.current()!.opened.sqlite;
  const lastId = () => (sqlite().prepare('SELECT coalesce(max(id), 0) AS m FROM audit_log').get() as { m: number }).m;
  return {
    sec, admin: sec.adminSession, clerk, reviewer, auditor, covered, sqlite,
    async step(op, input, session) {
      const before = lastId();
      const env = await sec.call(op, input, session);
      if (!env.ok) throw new Error(`${op}: ${env.error.code} ${env.error.message} ${JSON.stringify(env.error.issues ?? [])}`);
      const rows = sqlite().prepare("SELECT operation, outcome, actor LIKE 'user:%' AS byUser FROM audit_log WHERE id > ? ORDER BY id").all(before);
      expect(rows, `audit rows written by ${op}`).toEqual([{ operation: op, outcome: 'ok', byUser: 1 }]);
      covered.add(op);
      return env.data;
    },
    get: (op, input, session = sec.adminSession) => sec.ok(op, input, session),
  };
}
