import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

// A tamper-evident audit trail: each row's hash covers its own fields and the previous row's
// hash, and the id of the newest row is kept in `counters` ('audit.head'). Editing a row,
// deleting one from the middle or cutting rows off the end all break the chain.

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
}

const GENESIS = '0'.repeat(64);

export function rowHash(id: number, prevHash: string, f: AuditFields): string {
  const canonical = JSON.stringify([id, prevHash, f.at, f.actor, f.actorName, f.operation, f.entity, f.entityId, f.before, f.after, f.outcome]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one chained row; call inside the transaction that makes the change it records. */
export function appendAudit(sqlite: Database.Database, f: AuditFields): number {
  const last = sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined;
  const id = (last?.id ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS;
  sqlite
    .prepare(
      `INSERT INTO audit_log (id, at, actor, actor_name, operation, entity, entity_id, before, after, outcome, prev_hash, hash)
       VALUES (@id, @at, @actor, @actorName, @operation, @entity, @entityId, @before, @after, @outcome, @prevHash, @hash)`,
    )
    .run({ ...f, id, prevHash, hash: rowHash(id, prevHash, f) });
  sqlite
    .prepare("INSERT INTO counters(name, value) VALUES ('audit.head', @id) ON CONFLICT(name) DO UPDATE SET value = @id")
    .run({ id });
  return id;
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** Chinese descriptions of each break found, at most 100. */
  problems: { id: number | null; message: string }[];
}

export function verifyAuditChain(sqlite: Database.Database): ChainReport {
  const problems: ChainReport['problems'] = [];
  let prevHash = GENESIS;
  let expectedId = 1;
  let rows = 0;
  const stmt = sqlite.prepare(
    'SELECT id, at, actor, actor_name AS actorName, operation, entity, entity_id AS entityId, before, after, outcome, prev_hash AS prevHash, hash FROM audit_log ORDER BY id',
  );
  for (const r of stmt.iterate() as Iterable<AuditFields & { id: number; prevHash: string; hash: string }>) {
    rows++;
    if (problems.length >= 100) break;
    if (r.id !== expectedId) problems.push({ id: r.id, message: `第 ${expectedId}–${r.id - 1} 条审计记录缺失（被删除）` });
    if (r.prevHash !== prevHash) problems.push({ id: r.id, message: `第 ${r.id} 条记录与前一条的链接不符` });
    if (rowHash(r.id, r.prevHash, r) !== r.hash) problems.push({ id: r.id, message: `第 ${r.id} 条记录的内容被修改过` });
    prevHash = r.hash;
    expectedId = r.id + 1;
  }
  const head = sqlite.prepare("SELECT value FROM counters WHERE name = 'audit.head'").get() as { value: number } | undefined;
  if ((head?.value ?? 0) !== expectedId - 1)
    problems.push({ id: null, message: `审计记录应到第 ${head?.value ?? 0} 条为止，实际只到第 ${expectedId - 1} 条（末尾记录被删除）` });
  return { ok: problems.length === 0, rows, problems };
}
