import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { verifyAuditChain } from '../../core/security/audit-chain.ts';
import { countRows, exportBundle, rewriteAuditHistory, importBundle, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

// The attacker of these tests holds the community's key: they open the database, drop the
// triggers, rewrite the audit table, re-hash every row after the change so that the local
// audit.verify passes again, and put the triggers back. Only the county can notice.
const opened: { app: { close(): void } }[] = [];
afterEach(() => {
  for (const i of opened.splice(0)) i.app.close();
});

function rewrite(db: Database.Database, change: (db: Database.Database) => void): void {
  rewriteAuditHistory(db, change);
  expect(verifyAuditChain(db)).toMatchObject({ ok: true });
}

async function pair(): Promise<{ county: Installation; community: Installation }> {
  const county = await newCounty();
  const community = await newCommunity(county);
  opened.push(county, community);
  for (let i = 0; i < 3; i++) await community.app.ok('roster.create', personInput(community.orgId, i));
  const first = await exportBundle(community);
  expect((await importBundle(county, first.file, first.signature)).outcome).toBe('ACCEPTED');
  await community.app.ok('roster.create', personInput(community.orgId, 3));
  return { county, community };
}

async function sendNext(p: { county: Installation; community: Installation }) {
  const b = await exportBundle(p.community);
  return importBundle(p.county, b.file, b.signature);
}

describe('the county anchors each community audit trail', () => {
  it('accepts bundles whose audit rows extend the anchor', async () => {
    const p = await pair();
    expect((await sendNext(p)).outcome).toBe('ACCEPTED');
    await p.community.app.ok('roster.create', personInput(p.community.orgId, 4));
    expect((await sendNext(p)).outcome).toBe('ACCEPTED');
  });

  it('holds the data of a community whose history was edited and re-hashed', async () => {
    const p = await pair();
    const people = countRows(p.county.app, 'people');
    rewrite(p.community.app.opened.sqlite, (db) => db.prepare("UPDATE audit_log SET actor_name = '别人' WHERE id = 3").run());
    const r = await sendNext(p);
    expect(r.outcome).toBe('AUDIT_REWRITTEN');
    expect(r.message).toContain('历史被改写');
    expect(countRows(p.county.app, 'people')).toBe(people);
    const overview = await p.county.app.ok('bundle.overview', {});
    expect(overview.communities.find((c: { orgCode: string }) => c.orgCode === p.community.orgCode)?.auditHeld).toBe(1);
  });

  it('notices a row deleted and the rest renumbered', async () => {
    const p = await pair();
    rewrite(p.community.app.opened.sqlite, (db) => {
      db.prepare('DELETE FROM audit_log WHERE id = 4').run();
      db.prepare('UPDATE audit_log SET id = id - 1 WHERE id > 4').run();
    });
    expect((await sendNext(p)).outcome).toBe('AUDIT_REWRITTEN');
  });

  it('notices a cut-off tail whose head was moved back', async () => {
    const p = await pair();
    const n = (p.community.app.opened.sqlite.prepare('SELECT max(id) AS n FROM audit_log').get() as { n: number }).n;
    rewrite(p.community.app.opened.sqlite, (db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(n - 4));
    expect((await sendNext(p)).outcome).toBe('AUDIT_REWRITTEN');
  });

  it('lets a reviewer accept a held bundle: merged, anchored anew, and audited', async () => {
    const p = await pair();
    rewrite(p.community.app.opened.sqlite, (db) => db.prepare("UPDATE audit_log SET actor_name = '别人' WHERE id = 3").run());
    const held = await sendNext(p);
    expect(held.outcome).toBe('AUDIT_REWRITTEN');
    const people = countRows(p.county.app, 'people');
    const decided = await p.county.app.ok('bundle.auditDecide', { sha256: held.sha256, decision: 'accept', note: '经电话核实，系误操作后恢复' });
    expect(decided.status).toBe('accepted');
    expect(countRows(p.county.app, 'people')).toBe(people + 1);
    expect((await p.county.app.ok('bundle.overview', {})).communities[0]?.auditHeld).toBe(0);
    const audit = p.county.app.opened.sqlite.prepare("SELECT outcome FROM audit_log WHERE operation = 'bundle.auditDecide'").all();
    expect(audit).toEqual([{ outcome: 'ok' }]);
    await p.community.app.ok('roster.create', personInput(p.community.orgId, 5));
    expect((await sendNext(p)).outcome).toBe('ACCEPTED');
  });

  it('releases the bundles held for a gap behind a held bundle once a reviewer accepts it', async () => {
    const p = await pair();
    rewrite(p.community.app.opened.sqlite, (db) => db.prepare("UPDATE audit_log SET actor_name = '别人' WHERE id = 3").run());
    const second = await exportBundle(p.community);
    await p.community.app.ok('roster.create', personInput(p.community.orgId, 4));
    const third = await exportBundle(p.community);
    await p.community.app.ok('roster.create', personInput(p.community.orgId, 5));
    const fourth = await exportBundle(p.community);
    // #4 arrives first (held for the gap), then #2 (held for review), then #3 (still a gap: #2 is not accepted).
    expect((await importBundle(p.county, fourth.file, fourth.signature)).outcome).toBe('GAP');
    const held = await importBundle(p.county, second.file, second.signature);
    expect(held.outcome).toBe('AUDIT_REWRITTEN');
    expect((await importBundle(p.county, third.file, third.signature)).outcome).toBe('GAP');
    expect(countRows(p.county.app, 'bundle_held')).toBe(2);
    const people = countRows(p.county.app, 'people');
    await p.county.app.ok('bundle.auditDecide', { sha256: held.sha256, decision: 'accept', note: '经电话核实，系误操作后恢复' });
    // #2, #3 and #4 are merged in one decision; nothing waits any more.
    expect(countRows(p.county.app, 'bundle_held')).toBe(0);
    expect(countRows(p.county.app, 'people')).toBe(people + 3);
    const state = p.county.app.opened.sqlite.prepare('SELECT last_seq AS s FROM bundle_sender_state').get() as { s: number };
    expect(state.s).toBe(4);
    const outcomes = p.county.app.opened.sqlite.prepare("SELECT outcome FROM bundle_imports WHERE seq IN (3, 4) AND outcome = 'ACCEPTED'").all();
    expect(outcomes).toHaveLength(2);
    // The next bundle follows on, anchored at #4's head.
    await p.community.app.ok('roster.create', personInput(p.community.orgId, 6));
    expect((await sendNext(p)).outcome).toBe('ACCEPTED');
  });
});
