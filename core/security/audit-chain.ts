import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

// A tamper-evident audit trail: each row's hash covers its own fields and the previous row's
// hash. The newest row's (seq, hash) is kept as the chain head in `settings` ('audit.head').
// An append first checks that the head still names the last row; if it does not (rows cut off
// the end, the last row edited), it writes an explicit chain-break row saying what was expected
// and what was found, instead of silently sealing over the damage. Triggers (migration 0006)
// refuse UPDATE and DELETE, so only someone who opens the file with the key and drops them can
// change history, and even they cannot hide it from the county anchor (core/bundle/audit-anchor.ts).

export interface AuditFields {
  at: string;
  actor: string;
  actorName: string | null;
  operation: string;
  entity: string | null;
  entityId: string | null;
  before: string | null;
  after: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  subject?: string | null;
  orgId?: string | null;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export const GENESIS = '0'.repeat(64);
export const CHAIN_BREAK_OP = 'audit.chainBreak';

export function rowHash(id: number, prevHash: string, f: AuditFields): string {
  const fields: unknown[] = [id, prevHash, f.at, f.actor, f.actorName, f.operation, f.entity, f.entityId, f.before, f.after, f.outcome];
  // Rows written before `subject`/`orgId` existed hash without them, so old chains still verify.
  if ((f.subject ?? null) !== null || (f.orgId ?? null) !== null) fields.push(f.subject ?? null, f.orgId ?? null);
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

const lastRow = (sqlite: Database.Database) =>
  sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;

/** The stored head; databases from before the head hash was kept only have the counter. */
export function readHead(sqlite: Database.Database): { seq: number; hash: string | null } | null {
  const s = sqlite.prepare("SELECT value FROM settings WHERE key = 'audit.head'").get() as { value: string } | undefined;
  if (s) return JSON.parse(s.value) as ChainHead;
  const c = sqlite.prepare("SELECT value FROM counters WHERE name = 'audit.head'").get() as { value: number } | undefined;
  return c ? { seq: c.value, hash: null } : null;
}

function insertRow(sqlite: Database.Database, id: number, prevHash: string, f: AuditFields): string {
  const hash = rowHash(id, prevHash, f);
  sqlite
    .prepare(
      `INSERT INTO audit_log (id, at, actor, actor_name, operation, entity, entity_id, before, after, outcome, subject, org_id, prev_hash, hash)
       VALUES (@id, @at, @actor, @actorName, @operation, @entity, @entityId, @before, @after, @outcome, @subject, @orgId, @prevHash, @hash)`,
    )
    .run({ ...f, subject: f.subject ?? null, orgId: f.orgId ?? null, id, prevHash, hash });
  return hash;
}

/** Appends one chained row; call inside the transaction that makes the change it records. */
export function appendAudit(sqlite: Database.Database, f: AuditFields): number {
  let last = lastRow(sqlite);
  const head = readHead(sqlite);
  const found = { seq: last?.id ?? 0, hash: last?.hash ?? GENESIS };
  if (head && (head.seq !== found.seq || (head.hash !== null && head.hash !== found.hash))) {
    const id = found.seq + 1;
    const hash = insertRow(sqlite, id, found.hash, {
      at: f.at, actor: 'system:audit-chain', actorName: '系统', operation: CHAIN_BREAK_OP, entity: 'audit_log', entityId: null,
      before: JSON.stringify({ expected: head }), after: JSON.stringify({ found }), outcome: 'failed',
    });
    last = { id, hash };
  }
  const id = (last?.id ?? 0) + 1;
  const hash = insertRow(sqlite, id, last?.hash ?? GENESIS, f);
  sqlite
    .prepare("INSERT INTO settings(key, value) VALUES ('audit.head', @v) ON CONFLICT(key) DO UPDATE SET value = @v")
    .run({ v: JSON.stringify({ seq: id, hash }) });
  sqlite.prepare("INSERT INTO counters(name, value) VALUES ('audit.head', @id) ON CONFLICT(name) DO UPDATE SET value = @id").run({ id });
  return id;
}

export type ProblemKind = 'gap' | 'link' | 'edit' | 'break' | 'truncated' | 'head' | 'unprotected';

export interface ChainProblem {
  kind: ProblemKind;
  /** The row the problem was found at (null: the table as a whole). */
  id: number | null;
  /** The affected rows, inclusive. */
  from: number | null;
  to: number | null;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** Chinese descriptions of each break found, at most 100. */
  problems: ChainProblem[];
}

const short = (h: string | null) => (h ? `${h.slice(0, 12)}…` : '未知');

export function verifyAuditChain(sqlite: Database.Database): ChainReport {
  const problems: ChainProblem[] = [];
  const add = (p: ChainProblem) => problems.length < 100 && problems.push(p);
  let prevHash = GENESIS;
  let expectedId = 1;
  let rows = 0;
  const stmt = sqlite.prepare(
    'SELECT id, at, actor, actor_name AS actorName, operation, entity, entity_id AS entityId, before, after, outcome, subject, org_id AS orgId, prev_hash AS prevHash, hash FROM audit_log ORDER BY id',
  );
  for (const r of stmt.iterate() as Iterable<AuditFields & { id: number; prevHash: string; hash: string }>) {
    rows++;
    if (r.id !== expectedId)
      add({ kind: 'gap', id: r.id, from: expectedId, to: r.id - 1, message: `第 ${expectedId}–${r.id - 1} 条审计记录缺失（被删除）` });
    if (r.prevHash !== prevHash) add({ kind: 'link', id: r.id, from: r.id, to: r.id, message: `第 ${r.id} 条记录与前一条的链接不符` });
    if (rowHash(r.id, r.prevHash, r) !== r.hash) add({ kind: 'edit', id: r.id, from: r.id, to: r.id, message: `第 ${r.id} 条记录的内容被修改过` });
    if (r.operation === CHAIN_BREAK_OP) chainBreak(r, add);
    prevHash = r.hash;
    expectedId = r.id + 1;
  }
  const last = expectedId - 1;
  const head = readHead(sqlite);
  if ((head?.seq ?? 0) > last)
    add({ kind: 'truncated', id: null, from: last + 1, to: head!.seq, message: `审计记录应到第 ${head!.seq} 条为止，实际只到第 ${last} 条（末尾记录被删除）` });
  else if ((head?.seq ?? 0) < last || (head?.hash && head.hash !== prevHash))
    add({ kind: 'head', id: null, from: head?.seq ?? 0, to: last, message: `记账的链头（第 ${head?.seq ?? 0} 条）与实际最后一条（第 ${last} 条）不符，记录被改动过` });
  const triggers = sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')").get() as { n: number };
  if (triggers.n < 2) add({ kind: 'unprotected', id: null, from: null, to: null, message: '审计表的防修改、防删除触发器已被移除' });
  return { ok: problems.length === 0, rows, problems };
}

function chainBreak(r: { id: number; before: string | null; after: string | null }, add: (p: ChainProblem) => void): void {
  const expected = (JSON.parse(r.before ?? '{}') as { expected?: { seq: number; hash: string | null } }).expected;
  const found = (JSON.parse(r.after ?? '{}') as { found?: ChainHead }).found;
  if (!expected || !found) return;
  if (expected.seq > found.seq)
    add({ kind: 'truncated', id: r.id, from: found.seq + 1, to: expected.seq, message: `第 ${found.seq + 1}–${expected.seq} 条审计记录在第 ${r.id} 条之前被从末尾删除（审计链断开）` });
  else
    add({ kind: 'break', id: r.id, from: Math.min(expected.seq, found.seq), to: found.seq, message: `第 ${r.id} 条：审计链断开，应接在第 ${expected.seq} 条（${short(expected.hash)}）之后，实际最后一条是第 ${found.seq} 条（${short(found.hash)}）` });
}
