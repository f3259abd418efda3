import { eq } from 'drizzle-orm';
import { bundlePeers, orgUnits, type BundlePeerRow } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import type { bundleContract } from './contract.ts';
import { parseAgeKeygenFile } from './crypto.ts';
import { assertFingerprint, exportProfile, exportRequest, markCountyUnits, readProfile, readRequest } from './enroll.ts';
import { applyProfileUnits, enrolledUnitId, installationUnit, profileUnits } from './profile-units.ts';
import {
  activeKey, allOwnKeys, bindingFor, findOrgByCode, generateKeyMaterial, getBinding, installKey, listPeers, publicView,
  requireBinding, setBinding, trustPeer,
} from './keys.ts';
import { KEY_BACKUP_FORMAT, openKeyBackup, restoreKeys, sealKeyBackup } from './key-backup.ts';

type KeyOps = 'keys.init' | 'keys.show' | 'keys.importIdentity' | 'keys.rotate' | 'keys.backup' | 'keys.importBackup' | 'keys.revokePeer'
  | 'enroll.exportProfile' | 'enroll.importProfile' | 'enroll.confirmProfile' | 'enroll.exportRequest' | 'enroll.importRequest';

export function peerOut(p: BundlePeerRow) {
  const { signPublic: _s, profile: _p, ...rest } = p;
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

/** The region code of the unit chosen in the first-run wizard (settings installation.orgId). */
function installationUnitCode(ctx: Ctx): string {
  const unit = installationUnit(ctx);
  if (!unit) throw new AppError('validation', '「单位代码」必须填写（本机首次设置时未绑定组织单位）', [{ path: 'orgCode', message: '「单位代码」必须填写' }]);
  return unit.code;
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
    const b = requireBinding(ctx);
    const { text, fingerprint } = exportRequest(ctx, enrolledUnitId(ctx, b.orgCode, b.orgId));
    return { text, fingerprint, fileName: `${requireBinding(ctx).orgCode}_enrollment_request_${stamp(ctx)}.json` };
  },
  'enroll.importProfile': (tx, input) => {
    const p = readProfile(input.text);
    assertFingerprint(p.fingerprint, input.confirm);
    const own = getBinding(tx);
    if (own?.role === 'county') throw new AppError('conflict', '本机是县（区），不能导入县级配置');
    // Checked now (a wrong or broken file is refused at once), written only when trusted: an
    // unchecked file waits, whole, with its pending peer until enroll.confirmProfile.
    const checked = profileUnits(tx, p);
    const trusted = input.confirm != null;
    const units = trusted ? applyProfileUnits(tx, input.text) : null;
    const peer = trustPeer(tx, {
      role: 'county', orgCode: p.org.code, orgName: p.org.name, orgId: p.org.id, ageRecipients: p.ageRecipients,
      signPublic: p.signPublic, fingerprint: p.fingerprint, profile: trusted ? null : input.text,
    }, trusted ? 'trusted' : 'pending');
    markCountyUnits(tx);
    tx.audit({ entity: 'bundle_peer', entityId: peer.id, after: { ...peerOut(peer), ...(units ?? { orgUnitsPending: checked.units.length }) } });
    return peerOut(peer);
  },
  'enroll.confirmProfile': (tx, input) => {
    const pending = listPeers(tx).find((p) => p.role === 'county' && p.status === 'pending');
    if (!pending) throw new AppError('conflict', '没有待核对的县级登记文件；请先导入县里下发的县级登记文件');
    assertFingerprint(pending.fingerprint, input.confirm);
    // The org units of the file, held until now (none for a file imported before they were held).
    const units = pending.profile ? applyProfileUnits(tx, pending.profile) : null;
    // The unchecked row becomes `replaced`; the trusted one is a new row with its confirmation time.
    const peer = trustPeer(tx, { ...pending, profile: null }, 'trusted');
    markCountyUnits(tx);
    tx.audit({ entity: 'bundle_peer', entityId: peer.id, before: { status: 'pending' }, after: { ...peerOut(peer), confirmedFingerprint: peer.fingerprint, ...units } });
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
