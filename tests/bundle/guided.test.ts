import { afterEach, describe, expect, it } from 'vitest';
import { removeDir } from '../helpers/app.ts';
import { setUpSecured, type SecuredApp } from '../helpers/runtime.ts';
import { countRows, exportBundle, idNumberFor, importBundle, importExported, newCommunity, newCounty, personInput, type Installation } from './fixture.ts';

// Issue 18 point 7: what a community installation keeps of the county tree, key setup without
// asking for the unit again, the community's own fingerprint check, and resolving conflicts.

const opened: Installation[] = [];
const secured: SecuredApp[] = [];
const track = <T extends Installation>(i: T): T => (opened.push(i), i);
async function communityMachine(): Promise<SecuredApp> {
  const s = await setUpSecured();
  secured.push(s);
  return s;
}
afterEach(() => {
  for (const i of opened.splice(0)) {
    i.app.close();
    removeDir(i.app.dir);
  }
  for (const s of secured.splice(0)) {
    s.close();
    removeDir(s.dir);
  }
});

const XINCHENG = '610402001001';
const XINGFU = '610402001002';
const unitCodes = (text: string) =>
  (JSON.parse(JSON.parse(text).body).orgUnits as string).split('\n').filter(Boolean).map((l) => JSON.parse(l).code as string).sort();
const treeCodes = async (s: SecuredApp) => ((await s.ok('org.tree', {})) as { code: string }[]).map((u) => u.code).sort();

describe('a community keeps only its own branch of the county tree', () => {
  it('a profile made for one community carries that community and the units above it, not its neighbours', async () => {
    const county = track(await newCounty());
    const p = await county.app.ok('enroll.exportProfile', { communityCode: XINCHENG });
    expect(p.community?.code).toBe(XINCHENG);
    expect(p.fileName).toContain(`_for_${XINCHENG}_`);
    expect(unitCodes(p.text)).toEqual(['610402000000', '610402001000', XINCHENG]);
    // The whole-county file still exists for the CLI; a street or unknown code is refused.
    expect(unitCodes((await county.app.ok('enroll.exportProfile', {})).text)).toContain(XINGFU);
    await expect(county.app.ok('enroll.exportProfile', { communityCode: '610402001000' })).rejects.toThrow('「社区」');
  });

  it('a community importing a whole-county profile keeps its own branch; one made for another community is refused', async () => {
    const county = track(await newCounty());
    const m = await communityMachine();
    const forXingfu = await county.app.ok('enroll.exportProfile', { communityCode: XINGFU });
    const refused = await m.call('enroll.importProfile', { text: forXingfu.text, confirm: forXingfu.fingerprint });
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toContain('是为“幸福社区”');
    const whole = await county.app.ok('enroll.exportProfile', {});
    await m.ok('enroll.importProfile', { text: whole.text, confirm: whole.fingerprint });
    expect(await treeCodes(m)).toEqual(['610402000000', '610402001000', XINCHENG]);
    expect(countRows({ opened: m.runtime.current()!.opened } as never, 'org_units')).toBe(3);
  });

  it('an installation that already holds another community offers it to nobody once bound to its own', async () => {
    const m = await communityMachine();
    const tree = (await m.ok('org.tree', {})) as { id: string; code: string; level: string }[];
    const street = tree.find((u) => u.level === 'street')!;
    // As an older version left it: the neighbour community in the local tree.
    const other = await m.ok('org.create', { level: 'community', parentId: street.id, name: '幸福社区', code: XINGFU });
    expect(await treeCodes(m)).toContain(XINGFU);
    expect((await m.ok('auth.me', {})).workScopeId).toBeNull();
    await m.ok('keys.init', {});
    expect(await treeCodes(m)).toEqual(['610402000000', '610402001000', XINCHENG]);
    // Unit pickers can start where the account works: the community, though the account itself is unscoped.
    expect(await m.ok('auth.me', {})).toMatchObject({ orgScopeId: null, workScopeId: m.orgId });
    const denied = await m.call('roster.create', personInput(other.id, 1));
    expect(denied.ok).toBe(false);
    expect(denied.error.code).toBe('forbidden');
    const clerk = await m.sessionAs('clerk');
    expect((await m.call('roster.create', personInput(other.id, 2), clerk)).error.code).toBe('forbidden');
    expect((await m.call('roster.create', personInput(m.orgId, 3), clerk)).ok).toBe(true);
  });
});

describe('enrolment steps at the community', () => {
  it('key setup binds to the unit of the first-run wizard without asking again', async () => {
    const county = track(await newCounty());
    const m = await communityMachine();
    const p = await county.app.ok('enroll.exportProfile', { communityCode: XINCHENG });
    await m.ok('enroll.importProfile', { text: p.text, confirm: p.fingerprint });
    const state = await m.ok('keys.init', {});
    expect(state.binding).toMatchObject({ orgCode: XINCHENG, role: 'community', orgName: '新城社区' });
    // The community adopted the county's unit id.
    expect(state.binding.orgId).toBe(p.community!.id);
  });

  it('an unchecked county file stays 待核对 until its fingerprint is typed; a wrong one never shows the right one', async () => {
    const county = track(await newCounty());
    const m = await communityMachine();
    const p = await county.app.ok('enroll.exportProfile', { communityCode: XINCHENG });
    const treeIds = async () => ((await m.ok('org.tree', {})) as { id: string }[]).map((u) => u.id);
    const before = await treeIds();
    const peer = await m.ok('enroll.importProfile', { text: p.text });
    expect(peer.status).toBe('pending');
    expect(JSON.stringify(peer)).not.toContain('orgUnits');
    // The unchecked file's units wait with it: nothing of the local tree is changed or re-keyed yet.
    expect(await treeIds()).toEqual(before);
    expect(before).not.toContain(p.community!.id);
    await m.ok('keys.init', {});
    const blocked = await m.call('bundle.export', {});
    expect(blocked.ok).toBe(false);
    // The guided steps send the request before the phone call: it already names the county's id
    // for this community (the one it adopts on confirming), so the county enrols it.
    const req = await m.ok('enroll.exportRequest', {});
    expect((await county.app.ok('enroll.importRequest', { text: req.text, confirm: req.fingerprint })).orgId).toBe(p.community!.id);

    const wrong = p.fingerprint.split(' ').reverse().join(' ');
    const bad = await m.call('enroll.confirmProfile', { confirm: wrong });
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toContain('不符');
    expect(JSON.stringify(bad)).not.toContain(p.fingerprint);
    expect(JSON.stringify(bad)).not.toContain(p.fingerprint.replaceAll(' ', ''));
    expect((await m.call('enroll.confirmProfile', { confirm: '' })).error.message).toContain('必须填写');

    expect(await treeIds()).toEqual(before);
    const ok = await m.ok('enroll.confirmProfile', { confirm: p.fingerprint.toLowerCase() });
    expect(ok.status).toBe('trusted');
    // Confirmed: the county's units are applied now, the community adopting the county's ids (its binding too).
    expect(await treeIds()).toContain(p.community!.id);
    expect((await m.ok('keys.show', {})).binding).toMatchObject({ orgCode: XINCHENG, orgId: p.community!.id });
    const keys = await m.ok('keys.show', {});
    expect(keys.peers.filter((x: { status: string }) => x.status === 'trusted')).toHaveLength(1);
    expect((await m.call('enroll.confirmProfile', { confirm: p.fingerprint })).error.message).toContain('没有待核对');
  });
});

describe('resolving cross-community duplicates at the county', () => {
  async function duplicate() {
    const county = track(await newCounty());
    const a = track(await newCommunity(county, XINCHENG));
    const b = track(await newCommunity(county, XINGFU));
    const id = idNumberFor('1985-03-02', '男');
    await a.app.ok('roster.create', personInput(a.orgId, 1, { idNumber: id, name: '张伟' }));
    await b.app.ok('roster.create', personInput(b.orgId, 1, { idNumber: id, name: '张卫' }));
    expect((await importExported(county, await exportBundle(a))).outcome).toBe('ACCEPTED');
    expect((await importExported(county, await exportBundle(b))).report!.people!.conflicts).toBe(1);
    const [c] = await county.app.ok('bundle.conflicts', {});
    return { county, a, b, c: c!, id };
  }
  const okAudit = (i: Installation) =>
    i.app.opened.sqlite.prepare("SELECT after FROM audit_log WHERE operation = 'bundle.resolveConflict' AND outcome = 'ok'").all() as { after: string }[];

  it('lists each conflict with both records, the ID number masked', async () => {
    const { c, id } = await duplicate();
    expect(c.senderName).toBe('幸福社区');
    expect(c.received.title).toBe('张卫');
    expect(c.received.unit).toBe('幸福社区');
    expect(c.local).toMatchObject({ title: '张伟', unit: '新城社区' });
    expect(JSON.stringify(c)).not.toContain(id);
    expect(c.received.details.join(' ')).toContain(`身份证号 ${id.slice(0, 2)}`);
  });

  it('keep the local record: resolved and audited, nothing merged', async () => {
    const { county, c } = await duplicate();
    const out = await county.app.ok('bundle.resolveConflict', { conflictId: c.id, decision: 'keep_local' });
    expect(out.resolution).toBe('keep_local');
    expect(await county.app.ok('bundle.conflicts', {})).toEqual([]);
    expect((await county.app.ok('bundle.overview', {})).conflicts).toEqual([]);
    const names = (await county.app.ok('roster.list', { status: 'all' })).rows.map((p) => p.name);
    expect(names).toEqual(['张伟']);
    expect(okAudit(county)).toHaveLength(1);
    const again = await county.app.dispatcher.call('bundle.resolveConflict', { conflictId: c.id, decision: 'take_received' });
    expect(again.ok).toBe(false);
  });

  it('take the received record: it is merged, the displaced one is set aside with the reason, not erased', async () => {
    const { county, c } = await duplicate();
    await county.app.ok('bundle.resolveConflict', { conflictId: c.id, decision: 'take_received' });
    const inPost = (await county.app.ok('roster.list', { status: 'all' })).rows.map((p) => p.name);
    expect(inPost).toEqual(['张卫']);
    const aside = county.app.opened.sqlite.prepare("SELECT name, delete_reason AS why, origin FROM people WHERE deleted_at IS NOT NULL").all();
    expect(aside).toEqual([{ name: '张伟', why: expect.stringContaining('幸福社区'), origin: XINCHENG }]);
    expect(county.app.opened.sqlite.prepare("SELECT origin FROM people WHERE name = '张卫'").get()).toEqual({ origin: XINGFU });
    expect(JSON.parse(okAudit(county)[0]!.after)).toMatchObject({ resolution: 'take_received' });
  });

  it('mark as different people: resolved, both kept as they were', async () => {
    const { county, c } = await duplicate();
    const out = await county.app.ok('bundle.resolveConflict', { conflictId: c.id, decision: 'different' });
    expect(out.resolution).toBe('different');
    expect(countRows(county.app, 'people')).toBe(1);
    expect(okAudit(county)).toHaveLength(1);
  });
});
