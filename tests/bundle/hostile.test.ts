import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { serialiseRows } from '../../core/bundle/export.ts';
import { sharedTables } from '../../core/bundle/tables.ts';
import { POLICY_TABLE_NAMES } from '../../core/bundle/tables.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import { schemeConfig } from '../../core/salary/scheme-schema.ts';
import { orgUnits } from '../../db/schema/index.ts';
import { removeDir, type TestApp } from '../helpers/app.ts';
import { forgeBundle, signOuter } from './craft.ts';
import { backupKeys, dbDigest, exportBundle, importBundle, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

// Issue 12: the receiving side trusts nothing it did not check. An enrolled community that
// turned hostile signs bundles with its real key; every row it sends must still pass the
// module's own rules and lie inside its own subtree, or the whole bundle is refused unwritten.

const opened: Installation[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
});

type Row = Record<string, unknown>;

/** A stored row as it travels: wire keys in column order, values as the bundle carries them. */
function wire(app: TestApp, table: string, id: string): Row {
  const t = sharedTables().find((x) => x.name === table)!;
  const row = app.opened.db.select().from(t.table).where(eq(t.columns.id!, id)).get() as Row;
  return JSON.parse(new TextDecoder().decode(serialiseRows(t, [row])).trim()) as Row;
}

const stamp = (extra: Row): Row => ({
  id: randomUUID(), createdAt: '2026-01-05T08:00:00.000Z', updatedAt: '2026-01-05T08:00:00.000Z', changeSeq: 1, deletedAt: null, deleteReason: null,
  ...extra,
});

async function pair() {
  const county = track(await newCounty());
  const comm = track(await newCommunity(county));
  const commKey = (await backupKeys(comm)).find((k) => k.status === 'active')!;
  const commState = await comm.app.ok('keys.show', {});
  const countyState = await county.app.ok('keys.show', {});
  const version = comm.app.opened.sqlite.pragma('user_version', { simple: true }) as number;
  /** A data bundle from the hostile community, to the county. */
  const forge = (rows: Record<string, Row[]>) =>
    forgeBundle({
      kind: 'data',
      sender: { orgId: comm.orgId, orgCode: comm.orgCode, orgName: commState.binding!.orgName, signPublic: commState.active!.signPublic, signPrivate: commKey.signPrivate },
      recipient: { orgCode: county.orgCode, ageRecipient: countyState.active!.ageRecipient },
      schemaVersion: version, rows,
    });
  /** Imports at the county; the outcome and message, and whether the database moved. */
  const refuse = async (file: Uint8Array) => {
    const before = dbDigest(county.app);
    const r = await importBundle(county, file, signOuter(commKey, comm.orgCode, file));
    return { outcome: r.outcome, message: r.message, unchanged: dbDigest(county.app) === before };
  };
  return { county, comm, forge, refuse, commKey, commState, countyState, version };
}

const scheme = (orgId: string, config: unknown): Row =>
  stamp({ orgId, name: '全县统一薪酬方案', docNo: null, effectiveDate: '2025-01-01', sample: false, config });

describe('hostile community bundles, signed with the real key', () => {
  it('a salary_schemes row (a scheme the county would apply to other communities) is OUT_OF_SCOPE', async () => {
    const { county, comm, forge, refuse } = await pair();
    const config = schemeConfig.parse(sampleSchemeConfig());
    for (const orgId of [county.orgId, comm.orgId]) {
      const row = scheme(orgId, config);
      const r = await refuse(await forge({ salary_schemes: [row] }));
      expect(r).toMatchObject({ outcome: 'OUT_OF_SCOPE', unchanged: true });
      expect(r.message).toContain('salary_schemes');
      expect(r.message).toContain(String(row.id));
    }
    expect((await county.app.ok('salary.schemes', {})).length).toBe(0);
  });

  it('a scheme config that fails the module schema is SCHEMA_INVALID, naming table and row', async () => {
    const { county, forge, refuse } = await pair();
    const config = { ...schemeConfig.parse(sampleSchemeConfig()), levelCount: '十二' };
    const row = scheme(county.orgId, config);
    const r = await refuse(await forge({ salary_schemes: [row] }));
    expect(r).toMatchObject({ outcome: 'SCHEMA_INVALID', unchanged: true });
    expect(r.message).toContain('salary_schemes');
    expect(r.message).toContain(String(row.id));
    expect(r.message).toContain('级数');
  });

  it('a data row that breaks its module rules is SCHEMA_INVALID', async () => {
    const { comm, forge, refuse } = await pair();
    const row = stamp({
      orgId: comm.orgId, name: '班次', category: '党性教育', level: '火星', host: null, organizer: null, form: '集中', location: null,
      startDate: '2026-03-01', endDate: '2026-02-01', days: 1, hours: 8, compulsory: true, assessmentMethod: null, remarks: null,
    });
    const r = await refuse(await forge({ training_classes: [row] }));
    expect(r).toMatchObject({ outcome: 'SCHEMA_INVALID', unchanged: true });
    expect(r.message).toContain('training_classes');
    expect(r.message).toContain('层级');
  });

  it('its own unit renamed to the county, re-levelled as county, detached to the root, or its own parent: OUT_OF_SCOPE', async () => {
    const { county, comm, forge, refuse } = await pair();
    const own = wire(county.app, 'org_units', comm.orgId);
    const edits: [string, Row][] = [
      ['名称', { name: '秦都区' }],
      ['层级', { level: 'county' }],
      ['上级单位', { parentId: null }],
      ['上级单位', { parentId: comm.orgId }],
    ];
    for (const [field, edit] of edits) {
      const r = await refuse(await forge({ org_units: [{ ...own, ...edit, changeSeq: 5 }] }));
      expect(r, JSON.stringify(edit)).toMatchObject({ outcome: 'OUT_OF_SCOPE', unchanged: true });
      expect(r.message).toContain('org_units');
      expect(r.message).toContain(field);
    }
    // After the refused self-parent bundle the unit's roster answers as before.
    expect((await county.app.ok('roster.list', { orgId: comm.orgId })).rows).toEqual([]);
    expect((await county.app.ok('org.tree', {})).find((u) => u.id === comm.orgId)!.name).toBe('新城社区');
  });

  it('a new unit that is its own parent, or a loop of new units, is OUT_OF_SCOPE', async () => {
    const { comm, forge, refuse } = await pair();
    const a = randomUUID();
    const b = randomUUID();
    const unit = (id: string, parentId: string, code: string): Row => stamp({ id, orgId: id, parentId, level: 'community', name: `环${code}`, code, codeEdition: null, staffUnit: false });
    const self = await refuse(await forge({ org_units: [unit(a, a, '610402001098')] }));
    expect(self).toMatchObject({ outcome: 'OUT_OF_SCOPE', unchanged: true });
    expect(self.message).toContain('循环');
    const loop = await refuse(await forge({ org_units: [unit(a, b, '610402001098'), unit(b, a, '610402001097')] }));
    expect(loop).toMatchObject({ outcome: 'OUT_OF_SCOPE', unchanged: true });
    // A unit hung under the community with its records is outside the tree shape too (a community has no sub-units).
    const under = await refuse(await forge({ org_units: [unit(a, comm.orgId, '610402001098')] }));
    expect(under).toMatchObject({ outcome: 'OUT_OF_SCOPE', unchanged: true });
  });

  it('a people row of another community is OUT_OF_SCOPE; the same row in its own unit is accepted', async () => {
    const { county, comm, forge, refuse } = await pair();
    const p = await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    const row = wire(comm.app, 'people', p.id);
    const r = await refuse(await forge({ people: [{ ...row, orgId: county.communityIds[1] }] }));
    expect(r).toMatchObject({ outcome: 'OUT_OF_SCOPE', unchanged: true });
    expect(r.message).toContain('people');
    expect(r.message).toContain(p.id);
    // An existing unit elsewhere in the county cannot be pulled under the sender either.
    const street = wire(county.app, 'org_units', county.streetId);
    expect(await refuse(await forge({ org_units: [{ ...street, parentId: comm.orgId }] }))).toMatchObject({ outcome: 'OUT_OF_SCOPE', unchanged: true });
    // The same person in its own unit travels in the community's real bundle (which also
    // carries its audit anchor, so a forged copy without one would be AUDIT_REWRITTEN).
    const honest = await exportBundle(comm, { full: true });
    expect((await importBundle(county, honest.file, honest.signature)).outcome).toBe('ACCEPTED');
    expect(county.app.opened.sqlite.prepare('SELECT org_id FROM people WHERE id = ?').get(p.id)).toEqual({ org_id: comm.orgId });
  });

  it('a policy bundle carrying a scheme config that fails the module schema is SCHEMA_INVALID at the community', async () => {
    const { county, comm, countyState } = await pair();
    const countyKey = (await backupKeys(county)).find((k) => k.status === 'active')!;
    const commState = await comm.app.ok('keys.show', {});
    const config = { ...schemeConfig.parse(sampleSchemeConfig()), posts: [] };
    const file = await forgeBundle({
      kind: 'policy',
      sender: { orgId: county.orgId, orgCode: county.orgCode, orgName: '秦都区', signPublic: countyState.active!.signPublic, signPrivate: countyKey.signPrivate },
      recipient: { orgCode: comm.orgCode, ageRecipient: commState.active!.ageRecipient },
      schemaVersion: county.app.opened.sqlite.pragma('user_version', { simple: true }) as number,
      rows: { salary_schemes: [scheme(county.orgId, config)] },
    });
    const before = dbDigest(comm.app);
    const r = await importBundle(comm, file, signOuter(countyKey, county.orgCode, file));
    expect(r.outcome).toBe('SCHEMA_INVALID');
    expect(r.message).toContain('岗位');
    expect(dbDigest(comm.app)).toBe(before);
  });
});

describe('what an honest community sends and holds', () => {
  it('a data bundle carries neither policy tables nor the sender unit row, and is accepted', async () => {
    const { county, comm } = await pair();
    await comm.app.ok('roster.create', personInput(comm.orgId, 1));
    const b = await exportBundle(comm, { full: true });
    const seen = await county.app.ok('bundle.inspect', { fileName: b.fileName, file: Buffer.from(b.file).toString('base64'), signature: b.signature });
    const parts = (seen.manifest as { parts: { table: string; records: number }[] }).parts;
    for (const t of POLICY_TABLE_NAMES) expect(parts.find((p) => p.table === t)).toBeUndefined();
    expect(parts.find((p) => p.table === 'org_units')!.records).toBe(0);
    expect((await importBundle(county, b.file, b.signature)).outcome).toBe('ACCEPTED');
  });

  it("at a community the county's units are received rows (read-only), its own unit is local", async () => {
    const { county, comm } = await pair();
    const origins = new Map(comm.app.opened.db.select({ id: orgUnits.id, origin: orgUnits.origin }).from(orgUnits).all().map((u) => [u.id, u.origin]));
    expect(origins.get(comm.orgId)).toBeNull();
    for (const id of [county.orgId, county.streetId, county.communityIds[1]!]) expect(origins.get(id)).toBe(county.orgCode);
    const r = await comm.app.dispatcher.call('org.update', { id: county.streetId, name: '改名街道', code: '610402001000' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden');
  });

  it('a cycle already in the stored tree does not hang tree walks', async () => {
    const { county, comm } = await pair();
    county.app.opened.sqlite.prepare('UPDATE org_units SET parent_id = id WHERE id = ?').run(comm.orgId);
    expect((await county.app.ok('roster.list', { orgId: comm.orgId })).rows).toEqual([]);
    expect((await county.app.ok('roster.list', { orgId: county.orgId })).rows).toEqual([]);
    expect((await county.app.ok('org.tree', {})).length).toBe(4);
  });
});

describe('the county profile at enrollment', () => {
  it('a profile whose org tree has a loop is refused, nothing written', async () => {
    const county = track(await newCounty());
    county.app.opened.sqlite.prepare('UPDATE org_units SET parent_id = id WHERE id = ?').run(county.streetId);
    const profile = await county.app.ok('enroll.exportProfile', {});
    const comm = track({ app: (await import('../helpers/app.ts')).openTestApp(), orgCode: '', orgId: '' });
    const before = dbDigest(comm.app);
    const r = await comm.app.dispatcher.call('enroll.importProfile', { text: profile.text, confirm: profile.fingerprint });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('循环');
    expect(dbDigest(comm.app)).toBe(before);
  });
});
