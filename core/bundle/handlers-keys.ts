import { eq } from 'drizzle-orm';
import { bundlePeers, orgUnits, type BundlePeerRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import type { bundleContract } from './contract.ts';
import { parseAgeKeygenFile } from './crypto.ts';
import { assertFingerprint, communityUnits, exportProfile, exportRequest, markCountyUnits, readProfile, readRequest, type CountyProfile } from './enroll.ts';
import {
  activeKey, allOwnKeys, bindingFor, findOrgByCode, generateKeyMaterial, getBinding, installKey, listPeers, publicView,
  requireBinding, setBinding, trustPeer,
} from './keys.ts';
import { rekeyOrgUnit } from './rekey.ts';
import { KEY_BACKUP_FORMAT, openKeyBackup, restoreKeys, sealKeyBackup } from './key-backup.ts';
import { checkRecord, sharedTables, type SharedTable } from './tables.ts';
import { installationOrgId } from '../installation.ts';

type KeyOps = 'keys.init' | 'keys.show' | 'keys.importIdentity' | 'keys.rotate' | 'keys.backup' | 'keys.importBackup' | 'keys.revokePeer'
  | 'enroll.exportProfile' | 'enroll.importProfile' | 'enroll.confirmProfile' | 'enroll.exportRequest' | 'enroll.importRequest';

export function peerOut(p: BundlePeerRow) {
  const { signPublic: _s, ...rest } = p;
  return rest;
}

function keysState(ctx: Ctx) {
  const keys = allOwnKeys(ctx).map(publicView);
  const unit = installationUnit(ctx);
  return {
    binding: getBinding(ctx), active: keys.find((k) => k.status === 'active') ?? null, keys, peers: listPeers(ctx).map(peerOut),
    unit: unit ? { code: unit.code, name: unit.name, level: unit.level } : null,
  };
}

function installationUnit(ctx: Ctx) {
  const orgId = installationOrgId(ctx.db);
  return orgId ? (ctx.db.select().from(orgUnits).where(eq(orgUnits.id, orgId)).get() ?? null) : null;
}

/** The county's org tree, checked like received rows: each unit by the org rules, and no parent loops. */
function assertProfileTree(t: SharedTable, units: Record<string, unknown>[]): void {
  const parents = new Map<string, string | null>();
  for (const [i, u] of units.entries()) {
    const problems = checkRecord(t, u);
    if (problems.length) throw new AppError('validation', `「文件」县级配置第 ${i + 1} 个组织单位有误：${problems[0]}`);
    parents.set(String(u.id), (u.parentId as string | null) ?? null);
  }
  for (const id of parents.keys()) {
    const seen = new Set<string>();
    for (let cur: string | null | undefined = id; cur; cur = parents.get(cur)) {
      if (seen.has(cur)) throw new AppError('validation', `「文件」县级配置中的组织单位 ${id} 的上级单位形成循环，已拒绝`);
      seen.add(cur);
    }
  }
}

/** The region code of the unit chosen in the first-run wizard (settings installation.orgId). */
function installationUnitCode(ctx: Ctx): string {
  const unit = installationUnit(ctx);
  if (!unit) throw new AppError('validation', '「单位代码」必须填写（本机首次设置时未绑定组织单位）', [{ path: 'orgCode', message: '「单位代码」必须填写' }]);
  return unit.code;
}

/**
 * The profile's units this installation keeps: its own unit's subtree and the units above it.
 * Its own unit is the bound one, else the one chosen at first run; a profile made for another
 * community is refused, and one without this installation's unit cannot be used here.
 */
function keptUnits(ctx: Ctx, p: CountyProfile, all: Record<string, unknown>[]): Record<string, unknown>[] {
  const ownCode: string | null = getBinding(ctx)?.orgCode ?? installationUnit(ctx)?.code ?? null;
  if (p.community && ownCode && p.community.code !== ownCode)
    throw new AppError('validation', `「文件」这份县级登记文件是为“${p.community.name}”（${p.community.code}）制作的，本机是 ${ownCode}；请向县里索取本社区的登记文件`);
  const rootCode = ownCode ?? p.community?.code ?? null;
  // An installation that knows no unit of its own (a bare test database) keeps what it was sent.
  if (!rootCode) return all;
  const root = all.find((u) => u.code === rootCode);
  if (!root) throw new AppError('validation', `「文件」县级登记文件中没有本机所属单位（区划代码 ${rootCode}）；请确认是本县的登记文件`);
  if (root.level === 'county') return all;
  const units = all as (Record<string, unknown> & { id: string; parentId: string | null })[];
  return communityUnits(units, String(root.id));
}

const stamp = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10).replaceAll('-', '');

export const keysHandlers: HandlersFor<Pick<typeof bundleContract, KeyOps>> = {
  'keys.init': {
    async prepare(_ctx, input) {
      const material = await generateKeyMaterial();
      return (tx) => {
        if (getBinding(tx)) throw new AppError('conflict', '本机已初始化密钥；如需更换请使用“更换密钥”');
        const b = bindingFor(tx, input.orgCode ?? installationUnitCode(tx));
        setBinding(tx, b);
        markCountyUnits(tx);
        const k = installKey(tx, material);
        tx.audit({ entity: 'bundle_key', entityId: k.id, after: { binding: b, fingerprint: k.fingerprint } });
        return keysState(tx);
      };
    },
  },
  'keys.show': (ctx) => keysState(ctx),
  'keys.importIdentity': {
    async prepare(_ctx, input) {
      let parsed: { identity: string; recipient: string };
      try {
        parsed = await parseAgeKeygenFile(input.text);
      } catch (e) {
        throw new AppError('validation', `「身份文件」${(e as Error).message}`);
      }
      return (tx) => {
        const current = activeKey(tx);
        const k = installKey(tx, {
          ageIdentity: parsed.identity, ageRecipient: parsed.recipient, ageSource: 'age-keygen',
          signPrivate: current.signPrivate, signPublic: current.signPublic,
        });
        tx.audit({ entity: 'bundle_key', entityId: k.id, after: { importedAgeRecipient: parsed.recipient, fingerprint: k.fingerprint } });
        return keysState(tx);
      };
    },
  },
  'keys.rotate': {
    async prepare() {
      const material = await generateKeyMaterial();
      return (tx) => {
        const before = activeKey(tx);
        const k = installKey(tx, material);
        tx.audit({ entity: 'bundle_key', entityId: k.id, before: { fingerprint: before.fingerprint }, after: { fingerprint: k.fingerprint } });
        return keysState(tx);
      };
    },
  },
  'keys.backup': {
    async prepare(ctx, input) {
      const b = requireBinding(ctx);
      const keys = allOwnKeys(ctx);
      if (!keys.length) throw new AppError('conflict', '本机尚未初始化密钥');
      const sealed = await sealKeyBackup({ format: KEY_BACKUP_FORMAT, binding: b, createdAt: ctx.now().toISOString(), keys }, input.passphrase);
      return (tx) => {
        tx.audit({ entity: 'bundle_key', entityId: null, after: { backup: keys.map((k) => k.fingerprint), encrypted: 'age-scrypt' } });
        return { base64: Buffer.from(sealed).toString('base64'), fileName: `${b.orgCode}_keys_backup_${stamp(tx)}.age` };
      };
    },
  },
  'keys.importBackup': {
    async prepare(_ctx, input) {
      const backup = await openKeyBackup(Buffer.from(input.base64, 'base64'), input.passphrase);
      return (tx) => {
        const restored = restoreKeys(tx, backup);
        tx.audit({ entity: 'bundle_key', entityId: null, after: { restoredFromBackup: backup.keys.map((k) => k.fingerprint), restored } });
        return { ...keysState(tx), restored };
      };
    },
  },
  'keys.revokePeer': (tx, input) => {
    const before = tx.db.select().from(bundlePeers).where(eq(bundlePeers.id, input.peerId)).get();
    if (!before) throw new AppError('not_found', `未找到对方单位密钥 ${input.peerId}`);
    tx.db.update(bundlePeers).set({ status: 'revoked', revokedAt: tx.nowIso }).where(eq(bundlePeers.id, input.peerId)).run();
    const after = tx.db.select().from(bundlePeers).where(eq(bundlePeers.id, input.peerId)).get()!;
    tx.audit({ entity: 'bundle_peer', entityId: before.id, before: peerOut(before), after: peerOut(after) });
    return peerOut(after);
  },
  'enroll.exportProfile': (ctx, input) => {
    const { text, fingerprint, community } = exportProfile(ctx, input.communityCode);
    const to = community ? `_for_${community.code}` : '';
    return { text, fingerprint, community, fileName: `${requireBinding(ctx).orgCode}_county_profile${to}_${stamp(ctx)}.json` };
  },
  'enroll.exportRequest': (ctx) => {
    const { text, fingerprint } = exportRequest(ctx);
    return { text, fingerprint, fileName: `${requireBinding(ctx).orgCode}_enrollment_request_${stamp(ctx)}.json` };
  },
  'enroll.importProfile': (tx, input) => {
    const p = readProfile(input.text);
    assertFingerprint(p.fingerprint, input.confirm);
    const own = getBinding(tx);
    if (own?.role === 'county') throw new AppError('conflict', '本机是县（区），不能导入县级配置');
    const t = sharedTables().find((x) => x.name === 'org_units')!;
    const all = p.orgUnits.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    assertProfileTree(t, all);
    const lines = keptUnits(tx, p, all);
    // Communities adopt the county's unit ids, so records carry ids the county knows.
    const rekeyed: { code: string; from: string; to: string }[] = [];
    for (const u of lines) {
      const local = findOrgByCode(tx, String(u.code));
      if (local && local.id !== u.id) {
        if (tx.db.select().from(orgUnits).where(eq(orgUnits.id, String(u.id))).get())
          throw new AppError('conflict', `本机组织树与县级配置冲突（区划代码 ${String(u.code)}），请核对组织单位后再导入`);
        rekeyOrgUnit(tx, local.id, String(u.id));
        rekeyed.push({ code: String(u.code), from: local.id, to: String(u.id) });
      }
      if (local) tx.db.update(orgUnits).set(u).where(eq(orgUnits.id, String(u.id))).run();
      else tx.db.insert(t.table).values(u).run();
    }
    // Typed with the file: trusted at once; otherwise 待核对 until enroll.confirmProfile.
    const peer = trustPeer(tx, {
      role: 'county', orgCode: p.org.code, orgName: p.org.name, orgId: p.org.id, ageRecipients: p.ageRecipients,
      signPublic: p.signPublic, fingerprint: p.fingerprint,
    }, input.confirm == null ? 'pending' : 'trusted');
    markCountyUnits(tx);
    tx.audit({ entity: 'bundle_peer', entityId: peer.id, after: { ...peerOut(peer), orgUnits: lines.length, leftOut: all.length - lines.length, rekeyed } });
    return peerOut(peer);
  },
  'enroll.confirmProfile': (tx, input) => {
    const pending = listPeers(tx).find((p) => p.role === 'county' && p.status === 'pending');
    if (!pending) throw new AppError('conflict', '没有待核对的县级登记文件；请先导入县里下发的县级登记文件');
    assertFingerprint(pending.fingerprint, input.confirm);
    // The unchecked row becomes `replaced`; the trusted one is a new row with its confirmation time.
    const peer = trustPeer(tx, { ...pending }, 'trusted');
    markCountyUnits(tx);
    tx.audit({ entity: 'bundle_peer', entityId: peer.id, before: { status: 'pending' }, after: { ...peerOut(peer), confirmedFingerprint: peer.fingerprint } });
    return peerOut(peer);
  },
  'enroll.importRequest': (tx, input) => {
    const r = readRequest(input.text);
    assertFingerprint(r.fingerprint, input.confirm);
    const own = requireBinding(tx);
    if (own.role !== 'county') throw new AppError('conflict', '只有县（区）可以导入社区登记申请');
    const unit = findOrgByCode(tx, r.org.code);
    if (!unit || unit.id !== r.org.id || unit.level !== 'community')
      throw new AppError('conflict', `本县组织树中没有与申请一致的社区 ${r.org.code}（${r.org.name}）；请确认该社区导入的是本县的县级配置`);
    const peer = trustPeer(tx, {
      role: 'community', orgCode: r.org.code, orgName: unit.name, orgId: unit.id, ageRecipients: r.ageRecipients,
      signPublic: r.signPublic, fingerprint: r.fingerprint,
    });
    tx.audit({ entity: 'bundle_peer', entityId: peer.id, after: { ...peerOut(peer), confirmedFingerprint: r.fingerprint } });
    return peerOut(peer);
  },
};
