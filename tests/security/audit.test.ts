import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../core/security/audit-chain.ts';
import { openTestApp, removeDir, seedOrgTree, type TestApp } from '../helpers/app.ts';

let app: TestApp;
beforeEach(async () => {
  app = openTestApp();
  const { community } = await seedOrgTree(app);
  for (let i = 0; i < 5; i++)
    await app.ok('roster.create', { orgId: community.id, name: `人员${i}`, gender: '男', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '群众', postCategory: '其他' });
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});
// The attacker here holds the key: they open the file and drop the triggers first.
const sql = (s: string) => {
  app.opened.sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  app.opened.sqlite.prepare(s).run();
};
const verify = () => verifyAuditChain(app.opened.sqlite);
const kinds = () => verify().problems.filter((p) => p.kind !== 'unprotected');

describe('the hash-chained audit trail', () => {
  it('verifies an untouched chain', () => {
    expect(verify()).toEqual({ ok: true, rows: 8, problems: [] });
  });

  it('refuses UPDATE and DELETE on the audit table through triggers', () => {
    const db = app.opened.sqlite;
    expect(() => db.prepare("UPDATE audit_log SET actor_name = 'x' WHERE id = 3").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 8').run()).toThrow(/append-only/);
    expect(verify().ok).toBe(true);
  });

  it('reports the triggers as removed when someone drops them', () => {
    sql('SELECT 1');
    expect(verify().problems).toEqual([{ kind: 'unprotected', id: null, from: null, to: null, message: '审计表的防修改、防删除触发器已被移除' }]);
  });

  it('detects an edited row', () => {
    sql("UPDATE audit_log SET after = replace(after, '人员2', '人员X') WHERE id = 6");
    expect(kinds()).toEqual([{ kind: 'edit', id: 6, from: 6, to: 6, message: '第 6 条记录的内容被修改过' }]);
  });

  it('detects an edited row whose hash was recomputed naively', () => {
    sql("UPDATE audit_log SET actor = 'user:someone-else' WHERE id = 4");
    expect(kinds().map((p) => p.id)).toContain(4);
  });

  it('detects a deleted row in the middle, with its range', () => {
    sql('DELETE FROM audit_log WHERE id = 5');
    const gap = kinds().find((p) => p.kind === 'gap')!;
    expect(gap).toMatchObject({ from: 5, to: 5, message: '第 5–5 条审计记录缺失（被删除）' });
  });

  it('detects rows cut off the end', () => {
    sql('DELETE FROM audit_log WHERE id >= 7');
    expect(kinds()).toEqual([{ kind: 'truncated', id: null, from: 7, to: 8, message: '审计记录应到第 8 条为止，实际只到第 6 条（末尾记录被删除）' }]);
  });

  it('does not re-seal a cut-off tail: the next append writes a chain-break row and verify names the lost rows', async () => {
    sql('DELETE FROM audit_log WHERE id >= 7');
    const { community } = { community: (app.opened.sqlite.prepare("SELECT id FROM org_units WHERE level = 'community'").get() as { id: string }) };
    await app.ok('roster.create', { orgId: community.id, name: '后来者', gender: '女', ethnicity: '汉族', birthDate: '1990-01-01', politicalStatus: '群众', postCategory: '其他' });
    const rows = app.opened.sqlite.prepare('SELECT id, operation, outcome FROM audit_log WHERE id >= 7 ORDER BY id').all();
    expect(rows).toEqual([{ id: 7, operation: 'audit.chainBreak', outcome: 'failed' }, { id: 8, operation: 'roster.create', outcome: 'ok' }]);
    expect(kinds()).toEqual([{ kind: 'truncated', id: 7, from: 7, to: 8, message: '第 7–8 条审计记录在第 7 条之前被从末尾删除（审计链断开）' }]);
  });

  it('does not re-seal an edited last row either', async () => {
    sql("UPDATE audit_log SET hash = (CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(hash, 2) WHERE id = 8");
    app.dispatcher.transact('test.next', () => undefined);
    const problems = kinds();
    expect(problems.map((p) => p.kind)).toEqual(['edit', 'break']);
    expect(problems[1]).toMatchObject({ id: 9, from: 8, to: 8 });
  });

  it('writes exactly one audit row per mutation, however often the handler describes itself', () => {
    const before = (app.opened.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    app.dispatcher.transact('test.twice', (tx) => {
      tx.audit({ entity: 'a' });
      tx.audit({ entity: 'b' });
    });
    app.dispatcher.transact('test.never', () => undefined);
    const rows = app.opened.sqlite.prepare('SELECT operation, entity FROM audit_log WHERE id > ?').all(before);
    expect(rows).toEqual([{ operation: 'test.twice', entity: 'b' }, { operation: 'test.never', entity: null }]);
  });
});
