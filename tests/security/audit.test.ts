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
const sql = (s: string) => app.opened.sqlite.prepare(s).run();

describe('the hash-chained audit trail', () => {
  it('verifies an untouched chain', () => {
    expect(verifyAuditChain(app.opened.sqlite)).toEqual({ ok: true, rows: 8, problems: [] });
  });

  it('detects an edited row', () => {
    sql("UPDATE audit_log SET after = replace(after, '人员2', '人员X') WHERE id = 6");
    const r = verifyAuditChain(app.opened.sqlite);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ id: 6, message: '第 6 条记录的内容被修改过' }]);
  });

  it('detects an edited row whose hash was recomputed naively', () => {
    sql("UPDATE audit_log SET actor = 'user:someone-else' WHERE id = 4");
    expect(verifyAuditChain(app.opened.sqlite).problems.map((p) => p.id)).toContain(4);
  });

  it('detects a deleted row in the middle', () => {
    sql('DELETE FROM audit_log WHERE id = 5');
    const r = verifyAuditChain(app.opened.sqlite);
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toContain('第 5–5 条审计记录缺失');
  });

  it('detects rows cut off the end', () => {
    sql('DELETE FROM audit_log WHERE id >= 7');
    expect(verifyAuditChain(app.opened.sqlite).problems).toEqual([{ id: null, message: '审计记录应到第 8 条为止，实际只到第 6 条（末尾记录被删除）' }]);
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
