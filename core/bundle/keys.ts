import type { Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { bundleOwnKeys, bundlePeers, orgUnits, settings, type BundleOwnKeyRow, type BundlePeerRow } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { generateSigningKey, installationFingerprint, newAgeIdentity, recipientFingerprint, signKeyFingerprint } from './crypto.ts';

// The installation's binding to one org unit, its own key pairs, and the peers it trusts.

const BINDING_KEY = 'bundle.binding';

export interface Binding {
  orgId: string;
  orgCode: string;
  orgName: string;
  role: 'county' | 'community';
}

export function getBinding(ctx: Ctx): Binding | null {
  const row = ctx.db.select().from(settings).where(eq(settings.key, BINDING_KEY)).get();
  return (row?.value as Binding | undefined) ?? null;
}

export function requireBinding(ctx: Ctx): Binding {
  const b = getBinding(ctx);
  if (!b) throw new AppError('conflict', '本机尚未初始化密钥（请先执行“初始化密钥”并选择本单位）');
  return b;
}

export function setBinding(tx: TxCtx, b: Binding): void {
  tx.db.insert(settings).values({ key: BINDING_KEY, value: b }).onConflictDoUpdate({ target: settings.key, set: { value: b } }).run();
}

export function findOrgByCode(ctx: Ctx, code: string) {
  return ctx.db.select().from(orgUnits).where(and(eq(orgUnits.code, code), isNull(orgUnits.deletedAt))).get() ?? null;
}

export function bindingFor(ctx: Ctx, orgCode: string): Binding {
  const unit = findOrgByCode(ctx, orgCode);
  if (!unit) throw new AppError('not_found', `「单位代码」本机没有区划代码为 ${orgCode} 的组织单位（社区请先导入县级配置）`);
  if (unit.level === 'street') throw new AppError('validation', '「单位代码」数据交换只在县（区）与社区之间进行，请选择县或社区');
  return { orgId: unit.id, orgCode: unit.code, orgName: unit.name, role: unit.level === 'county' ? 'county' : 'community' };
}

export function activeKey(ctx: Ctx): BundleOwnKeyRow {
  const row = ctx.db.select().from(bundleOwnKeys).where(eq(bundleOwnKeys.status, 'active')).get();
  if (!row) throw new AppError('conflict', '本机尚未初始化密钥（请先执行“初始化密钥”）');
  return row;
}

export function allOwnKeys(ctx: Ctx): BundleOwnKeyRow[] {
  return ctx.db.select().from(bundleOwnKeys).orderBy(desc(bundleOwnKeys.createdAt)).all();
}

export function ownKeyById(ctx: Ctx, id: string): BundleOwnKeyRow {
  const row = ctx.db.select().from(bundleOwnKeys).where(eq(bundleOwnKeys.id, id)).get();
  if (!row) throw new AppError('not_found', `未找到密钥 ${id}`);
  return row;
}

export interface NewKeyMaterial {
  ageIdentity: string;
  ageRecipient: string;
  ageSource: 'generated' | 'age-keygen';
  signPrivate: string;
  signPublic: string;
}

export async function generateKeyMaterial(): Promise<NewKeyMaterial> {
  const age = await newAgeIdentity();
  const s = generateSigningKey();
  return { ageIdentity: age.identity, ageRecipient: age.recipient, ageSource: 'generated', signPrivate: s.privateKey, signPublic: s.publicKey };
}

/** Makes `k` the active key pair; the previous one stays, retired, to open bundles still in transit. */
export function installKey(tx: TxCtx, k: NewKeyMaterial): BundleOwnKeyRow {
  tx.db.update(bundleOwnKeys).set({ status: 'retired', retiredAt: tx.nowIso }).where(eq(bundleOwnKeys.status, 'active')).run();
  const row: BundleOwnKeyRow = {
    id: randomUUID(), status: 'active', ...k,
    fingerprint: installationFingerprint(k.signPublic, k.ageRecipient), createdAt: tx.nowIso, retiredAt: null,
  };
  tx.db.insert(bundleOwnKeys).values(row).run();
  return row;
}

export interface PublicKeyView {
  id: string;
  status: string;
  ageRecipient: string;
  ageSource: string;
  signPublic: string;
  fingerprint: string;
  signFingerprint: string;
  recipientFingerprint: string;
  createdAt: string;
}

export function publicView(k: BundleOwnKeyRow): PublicKeyView {
  return {
    id: k.id, status: k.status, ageRecipient: k.ageRecipient, ageSource: k.ageSource, signPublic: k.signPublic,
    fingerprint: k.fingerprint, signFingerprint: signKeyFingerprint(k.signPublic),
    recipientFingerprint: recipientFingerprint(k.ageRecipient), createdAt: k.createdAt,
  };
}

export function listPeers(ctx: Ctx): BundlePeerRow[] {
  return ctx.db.select().from(bundlePeers).orderBy(asc(bundlePeers.orgCode), desc(bundlePeers.createdAt)).all();
}

// Prepared once per connection: the drizzle queries built on each call cost 155 ms of a
// 150-bundle county import (two searches per bundle among 150 peers).
const peerStmts = new WeakMap<Ctx['sqlite'], { keys: Statement<[]>; row: { get(p: { id: string }): BundlePeerRow | undefined } }>();

/** Peers whose signatures we recognise (trusted, revoked, or replaced by a rotation), by sign fingerprint. */
export function peerBySignFingerprint(ctx: Ctx, fpr: string): BundlePeerRow | null {
  let stmts = peerStmts.get(ctx.sqlite);
  if (!stmts) {
    stmts = {
      // Only the keys are read for the search, in listPeers' order (the first match wins); the
      // one row found is then read whole, through drizzle's column mapping.
      keys: ctx.sqlite.prepare<[]>(`SELECT id, sign_public FROM bundle_peers WHERE status <> 'pending' ORDER BY org_code, created_at DESC`).raw(),
      row: ctx.db.select().from(bundlePeers).where(eq(bundlePeers.id, sql.placeholder('id'))).prepare(),
    };
    peerStmts.set(ctx.sqlite, stmts);
  }
  const hit = (stmts.keys.all() as [string, string][]).find(([, signPublic]) => signKeyFingerprint(signPublic) === fpr);
  return hit ? (stmts.row.get({ id: hit[0] }) ?? null) : null;
}

export function trustedPeers(ctx: Ctx, role: 'county' | 'community'): BundlePeerRow[] {
  return ctx.db.select().from(bundlePeers).where(and(eq(bundlePeers.role, role), eq(bundlePeers.status, 'trusted'))).all();
}

/** Adds a trusted peer; older trusted keys of the same org become `replaced` (still recognised, no longer used). */
export function trustPeer(
  tx: TxCtx,
  p: Omit<BundlePeerRow, 'id' | 'status' | 'createdAt' | 'confirmedAt' | 'revokedAt' | 'profile'> & { profile?: string | null },
  status: 'trusted' | 'pending' = 'trusted',
): BundlePeerRow {
  // A file still awaiting its fingerprint check replaces only another unchecked one: the
  // trusted key stays in use until the new one is confirmed.
  tx.db
    .update(bundlePeers)
    // An unconfirmed county file is kept only while it waits: a replaced one is dropped.
    .set({ status: 'replaced', profile: null })
    .where(and(eq(bundlePeers.orgCode, p.orgCode), inArray(bundlePeers.status, status === 'pending' ? ['pending'] : ['trusted', 'pending'])))
    .run();
  const row: BundlePeerRow = {
    ...p, profile: p.profile ?? null, id: randomUUID(), status, createdAt: tx.nowIso, confirmedAt: status === 'trusted' ? tx.nowIso : null, revokedAt: null,
  };
  tx.db.insert(bundlePeers).values(row).run();
  return row;
}
