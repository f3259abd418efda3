import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestApp, removeDir, tempDir } from '../helpers/app.ts';
import { reseal, signOuter } from './craft.ts';
import { backupKeys, countRows, dbDigest, exportBundle, importBundle, importExported, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

async function setup() {
  const county = track(await newCounty());
  const comm = track(await newCommunity(county));
  const countyKey = (await backupKeys(county))[0]!;
  const commKey = (await backupKeys(comm))[0]!;
  return { county, comm, countyKey, commKey };
}

/** Imports and checks that nothing but the import log and audit rows changed. */
async function expectRejected(into: Installation, file: Uint8Array, code: string, signature: string | null) {
  const before = dbDigest(into.app);
  const logs = countRows(into.app, 'bundle_imports');
  const r = await importBundle(into, file, signature);
  expect(r.outcome).toBe(code);
  expect(dbDigest(into.app)).toBe(before);
  expect(countRows(into.app, 'bundle_imports')).toBe(logs + 1);
  return r;
}

describe('replay, rollback, gap and fork', () => {
  it('gives each case its code and keeps sender state in step', async () => {
    const { county, comm, countyKey, commKey } = await setup();
    const bundles = [];
    for (let i = 1; i <= 7; i++) {
      await comm.app.ok('roster.create', personInput(comm.orgId, i));
      bundles.push(await exportBundle(comm));
    }
    for (const b of bundles.slice(0, 5)) expect((await importBundle(county, b.file, b.signature)).outcome).toBe('ACCEPTED');
    await expectRejected(county, bundles[4]!.file, 'DUPLICATE', bundles[4]!.signature);
    // The accepted #3 again is a duplicate; an older bundle never seen before is a rollback.
    await expectRejected(county, bundles[2]!.file, 'DUPLICATE', bundles[2]!.signature);
    const older = await reseal({
      identity: countyKey.ageIdentity, file: bundles[2]!.file, recipients: [countyKey.ageRecipient], signPrivate: commKey.signPrivate,
      edit: (m) => { m.bundleId = randomUUID(); },
    });
    await expectRejected(county, older, 'ROLLBACK', signOuter(commKey, comm.orgCode, older));
    const gap = await importBundle(county, bundles[6]!.file, bundles[6]!.signature);
    expect(gap.outcome).toBe('GAP');
    const state = () => county.app.opened.sqlite.prepare("SELECT last_seq AS s FROM bundle_sender_state WHERE chain = 'data:610402001001'").get() as { s: number };
    expect(state().s).toBe(5);
    expect(countRows(county.app, 'bundle_held')).toBe(1);
    const forked = await reseal({
      identity: countyKey.ageIdentity, file: bundles[5]!.file, recipients: [countyKey.ageRecipient], signPrivate: commKey.signPrivate,
      edit: (m) => { m.prevSha256 = 'ab'.repeat(32); },
    });
    await expectRejected(county, forked, 'FORK', signOuter(commKey, comm.orgCode, forked));
    const six = await importBundle(county, bundles[5]!.file, bundles[5]!.signature);
    expect(six).toMatchObject({ outcome: 'ACCEPTED', released: 1 });
    expect(state().s).toBe(7);
    expect(countRows(county.app, 'bundle_held')).toBe(0);
    expect((await county.app.ok('roster.list', { orgId: comm.orgId })).rows).toHaveLength(7);
  });

  it('a full export fills a gap; the skipped incremental then counts as a rollback', async () => {
    const { county, comm } = await setup();
    await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    const one = await exportBundle(comm);
    await comm.app.ok('roster.create', personInput(comm.orgId, 2));
    const two = await exportBundle(comm);
    const full = await exportBundle(comm, { full: true });
    expect((await importBundle(county, full.file, full.signature)).outcome).toBe('ACCEPTED');
    expect((await county.app.ok('roster.list', { orgId: comm.orgId })).rows).toHaveLength(2);
    await expectRejected(county, one.file, 'ROLLBACK', one.signature);
    await expectRejected(county, two.file, 'ROLLBACK', two.signature);
  });
});

describe('forgery and binding', () => {
  it('an unenrolled signer is SIG_UNKNOWN_KEY, before and after decryption', async () => {
    const { county, comm, commKey } = await setup();
    const stranger = track(await newCommunity(county, '610402001002'));
    const b = await exportBundle(stranger);
    // The county forgets the enrollment: the key is now one it never registered.
    county.app.opened.sqlite.prepare("DELETE FROM bundle_peers WHERE org_code = '610402001002'").run();
    // An enrolled community passes the file on under its own detached signature: the manifest inside still fails.
    await expectRejected(county, b.file, 'SIG_UNKNOWN_KEY', signOuter(commKey, comm.orgCode, b.file));
    await expectRejected(county, b.file, 'SIG_UNKNOWN_KEY', b.signature);
  });

  it('a bundle signed by community A that claims to come from B is SENDER_MISMATCH', async () => {
    const { county, comm, countyKey, commKey } = await setup();
    track(await newCommunity(county, '610402001002'));
    const b = await exportBundle(comm);
    const lie = await reseal({
      identity: countyKey.ageIdentity, file: b.file, recipients: [countyKey.ageRecipient], signPrivate: commKey.signPrivate,
      edit: (m) => { m.sender.orgCode = '610402001002'; },
    });
    await expectRejected(county, lie, 'SENDER_MISMATCH', signOuter(commKey, comm.orgCode, lie));
  });

  it('an altered manifest under the original signature is refused', async () => {
    const { county, comm, countyKey, commKey } = await setup();
    const b = await exportBundle(comm);
    const edited = await reseal({ identity: countyKey.ageIdentity, file: b.file, recipients: [countyKey.ageRecipient], edit: (m) => { m.seq = 9; } });
    await expectRejected(county, edited, 'SIG_UNKNOWN_KEY', signOuter(commKey, comm.orgCode, edited));
    // With the original detached signature the changed file is refused before decryption.
    await expectRejected(county, edited, 'CORRUPT', b.signature);
  });

  it('a bundle re-encrypted to another county (surreptitious forwarding) is RECIPIENT_MISMATCH', async () => {
    const { county, comm, countyKey, commKey } = await setup();
    // County 2: the same tree and enrolled peers, its own keys.
    const dir = tempDir();
    county.app.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(county.app.dbFile, join(dir, 'test.db'));
    const app2 = openTestApp({ dir });
    app2.opened.sqlite.exec("DELETE FROM bundle_own_keys; DELETE FROM settings WHERE key = 'bundle.binding'");
    const county2 = track({ app: app2, orgCode: county.orgCode, orgId: county.orgId });
    await app2.ok('keys.init', { orgCode: county.orgCode });
    const key2 = (await backupKeys(county2))[0]!;
    const b = await exportBundle(comm);
    const forwarded = await reseal({ identity: countyKey.ageIdentity, file: b.file, recipients: [key2.ageRecipient] });
    await expectRejected(county2, forwarded, 'RECIPIENT_MISMATCH', signOuter(commKey, comm.orgCode, forwarded));
    // And a file encrypted to someone else altogether cannot even be opened here.
    await expectRejected(county2, b.file, 'RECIPIENT_MISMATCH', b.signature);
  });

  it('a revoked key is KEY_REVOKED', async () => {
    const { county, comm } = await setup();
    const peer = (await county.app.ok('keys.show', {})).peers.find((p) => p.orgCode === comm.orgCode)!;
    await county.app.ok('keys.revokePeer', { peerId: peer.id });
    const b = await exportBundle(comm);
    await expectRejected(county, b.file, 'KEY_REVOKED', b.signature);
  });

  it('a file over the size limit is TOO_LARGE before any parsing', async () => {
    const { county, comm } = await setup();
    const b = await exportBundle(comm);
    county.app.opened.sqlite.prepare("INSERT INTO settings(key, value) VALUES ('bundle.maxBytes', '100')").run();
    await expectRejected(county, b.file, 'TOO_LARGE', b.signature);
  });

  it('a detached signature that does not match the file is refused before decryption', async () => {
    const { county, comm } = await setup();
    const a = await exportBundle(comm);
    await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    const b = await exportBundle(comm);
    await expectRejected(county, b.file, 'CORRUPT', a.signature);
  });

  it('key rotation is announced under the old key and then used', async () => {
    const { county, comm } = await setup();
    await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    expect((await importExported(county, await exportBundle(comm))).outcome).toBe('ACCEPTED');
    const rotated = await comm.app.ok('keys.rotate', {});
    await comm.app.ok('roster.create', personInput(comm.orgId, 2));
    expect((await importExported(county, await exportBundle(comm))).outcome).toBe('ACCEPTED');
    const peers = (await county.app.ok('keys.show', {})).peers.filter((p) => p.orgCode === comm.orgCode);
    expect(peers.find((p) => p.status === 'trusted')!.fingerprint).toBe(rotated.active!.fingerprint);
    await comm.app.ok('roster.create', personInput(comm.orgId, 3));
    expect((await importExported(county, await exportBundle(comm))).outcome).toBe('ACCEPTED');
  });
});
