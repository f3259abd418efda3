import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { trainingRequirementRules } from '../../db/schema/index.ts';
import { openTestApp, removeDir, seedOrgTree } from '../helpers/app.ts';
import { countRows, exportBundle, idNumberFor, importBundle, importExported, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

describe('enrollment and a first upload', () => {
  it('a community bundle is accepted at the county, and the same file again is a calm DUPLICATE', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    await comm.app.ok('roster.create', personInput(comm.orgId, 1, { idNumber: idNumberFor('1985-03-02', '男', 0, true) }));
    const b = await exportBundle(comm);
    expect(b.fileName).toMatch(/^610402001001_\d{8}_000001\.age$/);
    const r = await importBundle(county, b.file, b.signature, b.fileName);
    expect(r.outcome).toBe('ACCEPTED');
    expect(r.report!.people!.created).toBe(1);
    const rows = await county.app.ok('roster.list', { orgId: comm.orgId });
    expect(rows.rows.map((p) => p.name)).toEqual(['测试1']);
    const again = await importBundle(county, b.file, b.signature, b.fileName);
    expect(again.outcome).toBe('DUPLICATE');
    const overview = await county.app.ok('bundle.overview', {});
    expect(overview.communities[0]).toMatchObject({ orgCode: '610402001001', lastSeq: 1 });
  });

  it('a community set up on its own adopts the county unit ids when it imports the profile', async () => {
    const county = track(await newCounty());
    const app = openTestApp();
    const local = await seedOrgTree(app);
    const person = await app.ok('roster.create', personInput(local.community.id, 1));
    const comm = track({ app, orgCode: local.community.code, orgId: local.community.id });
    const profile = await county.app.ok('enroll.exportProfile', {});
    await app.ok('enroll.importProfile', { text: profile.text, confirm: profile.fingerprint });
    const state = await app.ok('keys.init', { orgCode: local.community.code });
    expect(state.binding!.orgId).toBe(county.communityIds[0]);
    expect((await app.ok('roster.get', { id: person.id })).orgId).toBe(county.communityIds[0]);
    const req = await app.ok('enroll.exportRequest', {});
    await county.app.ok('enroll.importRequest', { text: req.text, confirm: req.fingerprint });
    const r = await importExported(county, await exportBundle(comm));
    expect(r.outcome).toBe('ACCEPTED');
    expect((await county.app.ok('roster.get', { id: person.id })).orgName).toBe('新城社区');
  });

  it('keys become trusted only with the right fingerprint', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const req = await comm.app.ok('enroll.exportRequest', {});
    const wrong = await county.app.dispatcher.call('enroll.importRequest', { text: req.text, confirm: '0000 0000 0000 0000 0000 0000 0000 0000' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.message).toContain('指纹');
    const typed = req.fingerprint.replaceAll(' ', '-').toLowerCase();
    expect((await county.app.dispatcher.call('enroll.importRequest', { text: req.text, confirm: typed })).ok).toBe(true);
  });

  it('a failed write consumes no sequence number; the next export reuses it', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    const first = await exportBundle(comm, { written: false });
    await comm.app.ok('bundle.exportDone', { exportId: first.id, ok: false, error: 'U 盘已拔出' });
    const second = await exportBundle(comm);
    expect(second.seq).toBe(first.seq);
    const hist = await comm.app.ok('bundle.history', {});
    expect(hist.exports.map((e) => e.status).sort()).toEqual(['failed', 'written']);
    expect((await importBundle(county, second.file, second.signature)).outcome).toBe('ACCEPTED');
  });

  it('a read-back digest that differs marks the export failed', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const b = await exportBundle(comm, { written: false });
    const done = await comm.app.ok('bundle.exportDone', { exportId: b.id, ok: true, sha256: '0'.repeat(64) });
    expect(done.status).toBe('failed');
  });

  it('incremental exports carry only changes, including retirements', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const p = await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    await comm.app.ok('roster.create', personInput(comm.orgId, 2));
    expect((await importExported(county, await exportBundle(comm))).outcome).toBe('ACCEPTED');
    await comm.app.ok('roster.retire', { id: p.id, status: '离任', date: '2026-01-05', reason: '调动' });
    const b2 = await exportBundle(comm);
    const r = await importBundle(county, b2.file, b2.signature);
    expect(r.outcome).toBe('ACCEPTED');
    expect(r.report!.people).toEqual({ created: 0, updated: 1, retired: 1, conflicts: 0 });
    const got = await county.app.ok('roster.get', { id: p.id });
    expect(got.status).toBe('离任');
  });

  it('an ID number active in two communities is kept aside as a cross-community duplicate', async () => {
    const county = track(await newCounty());
    const a = track(await newCommunity(county, '610402001001'));
    const b = track(await newCommunity(county, '610402001002'));
    const id = idNumberFor('1985-03-02', '男');
    await a.app.ok('roster.create', personInput(a.orgId, 1, { idNumber: id }));
    await b.app.ok('roster.create', personInput(b.orgId, 1, { idNumber: id }));
    expect((await importExported(county, await exportBundle(a))).outcome).toBe('ACCEPTED');
    const r = await importExported(county, await exportBundle(b));
    expect(r.outcome).toBe('ACCEPTED');
    expect(r.report!.people!.conflicts).toBe(1);
    const overview = await county.app.ok('bundle.overview', {});
    expect(overview.conflicts).toHaveLength(1);
    expect(overview.conflicts[0]!.reason).toContain('跨社区重复');
    expect(countRows(county.app, 'bundle_conflicts')).toBe(1);
  });

  it('policy bundles go down and are verified against the county key', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const ruleId = crypto.randomUUID();
    county.app.dispatcher.transact('test.rule', (tx) => {
      tx.db.insert(trainingRequirementRules).values({
        id: ruleId, orgId: county.orgId, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
        year: 2026, post: '书记', postCategory: null, unit: '学时', amount: 48.5, minLevel: null, isSample: false, sortOrder: 1, remarks: '县级要求',
      }).run();
      tx.audit({ entity: 'test' });
    });
    const out = await county.app.ok('bundle.export', { full: true });
    expect(out.files).toHaveLength(1);
    const f = out.files[0]!;
    expect(f.fileName).toContain('_policy_to_610402001001_');
    const r = await comm.app.ok('bundle.import', { fileName: f.fileName, file: f.file, signature: f.signature });
    expect(r.outcome).toBe('ACCEPTED');
    expect(r.kind).toBe('policy');
    expect(r.report!.training_requirement_rules!.created).toBe(1);
    const got = comm.app.opened.db.select().from(trainingRequirementRules).where(eq(trainingRequirementRules.id, ruleId)).get();
    expect(got).toMatchObject({ amount: 48.5, remarks: '县级要求', orgId: county.orgId });
    // A data bundle can never be applied at a community, nor a policy bundle at the county.
    const back = await county.app.ok('bundle.import', { fileName: f.fileName, file: f.file, signature: f.signature });
    expect(back.outcome).not.toBe('ACCEPTED');
  });
});

describe('ownership', () => {
  it('received records are read-only at the county, local ones stay writable', async () => {
    const { assertLocallyWritable } = await import('../../core/bundle/ownership.ts');
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const ctx = { db: county.app.opened.db, sqlite: county.app.opened.sqlite } as Parameters<typeof assertLocallyWritable>[0];
    expect(() => assertLocallyWritable(ctx, comm.orgId)).toThrow('只读');
    expect(() => assertLocallyWritable(ctx, county.communityIds[1]!)).not.toThrow();
    const cctx = { db: comm.app.opened.db, sqlite: comm.app.opened.sqlite } as Parameters<typeof assertLocallyWritable>[0];
    expect(() => assertLocallyWritable(cctx, county.orgId)).toThrow('只读');
    expect(() => assertLocallyWritable(cctx, comm.orgId)).not.toThrow();
  });

  it('the roster refuses to change a received person at the county', async () => {
    const county = track(await newCounty());
    const comm = track(await newCommunity(county));
    const sent = await comm.app.ok('roster.create', personInput(comm.orgId, 7));
    const b = await exportBundle(comm);
    expect((await importBundle(county, b.file, b.signature, b.fileName)).outcome).toBe('ACCEPTED');
    const { id: _id, orgName: _o, age: _a, communityYears: _c, createdAt: _cr, updatedAt: _u, status: _s, statusDate: _sd, statusReason: _sr, ...fields } = sent;
    const env = await county.app.dispatcher.call('roster.update', { ...fields, id: sent.id, name: '县里改名' });
    expect(!env.ok && env.error.message).toContain('只读');
    const retire = await county.app.dispatcher.call('roster.retire', { id: sent.id, status: '离任', date: '2026-01-01', reason: '县里操作' });
    expect(!retire.ok && retire.error.code).toBe('forbidden');
  });
});
