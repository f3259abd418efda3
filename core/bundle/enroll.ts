import { inArray, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { orgUnits } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { installationFingerprint, isWeakEd25519PublicKey, normalizeFingerprint, signBytes, verifyBytes } from './crypto.ts';
import { activeKey, getBinding, requireBinding, trustedPeers } from './keys.ts';
import { serialiseRows, subtreeOf } from './export.ts';
import { sharedTables } from './tables.ts';

// Enrollment files. Both are self-signed JSON: the signature proves possession of the
// signing key and integrity on the stick; trust comes from comparing the fingerprint
// out of band (phone, stamped paper form).

const org = z.strictObject({ id: z.string(), code: z.string(), name: z.string() });
const keys = { ageRecipients: z.array(z.string().regex(/^age1[0-9a-z]+$/)).min(1), signPublic: z.string(), fingerprint: z.string() };

export const profileSchema = z.strictObject({
  format: z.literal('jiceng-county-profile/1'),
  org,
  ...keys,
  /** The community the file was made for; its tree then holds only that community's units and those above it. */
  community: org.optional(),
  /** The county's org tree (org_units JSON lines), so communities share the county's unit ids. */
  orgUnits: z.string(),
  createdAt: z.string(),
});
export const requestSchema = z.strictObject({
  format: z.literal('jiceng-enrollment-request/1'),
  org,
  ...keys,
  createdAt: z.string(),
});
export type CountyProfile = z.infer<typeof profileSchema>;
export type EnrollmentRequest = z.infer<typeof requestSchema>;

const envelope = z.strictObject({ body: z.string(), signature: z.string() });
const DOMAIN = 'jiceng-enroll/v1\n';

function seal(ctx: Ctx, body: object): string {
  const text = JSON.stringify(body);
  const key = activeKey(ctx);
  return JSON.stringify({ body: text, signature: signBytes(key.signPrivate, new TextEncoder().encode(DOMAIN + text)) }, null, 1) + '\n';
}

function open<T extends z.ZodType>(text: string, schema: T, what: string): z.output<T> {
  let env, body: z.output<T>;
  try {
    env = envelope.parse(JSON.parse(text));
    body = schema.parse(JSON.parse(env.body));
  } catch {
    throw new AppError('validation', `「文件」不是有效的${what}`);
  }
  const b = body as { signPublic: string; ageRecipients: string[]; fingerprint: string };
  const raw = Buffer.from(b.signPublic, 'base64');
  if (raw.toString('base64') !== b.signPublic || isWeakEd25519PublicKey(raw))
    throw new AppError('validation', `「签名公钥」${what}中的签名公钥无效或属于弱密钥（小阶点），已拒绝`);
  if (!verifyBytes(b.signPublic, new TextEncoder().encode(DOMAIN + env.body), env.signature))
    throw new AppError('validation', `「文件」${what}的签名无效，文件可能被改动`);
  if (b.fingerprint !== installationFingerprint(b.signPublic, b.ageRecipients[0]!))
    throw new AppError('validation', `「文件」${what}中的指纹与密钥不符`);
  return body;
}

/** The units a community keeps: its own subtree and the units above it (whose policy it follows). */
export function communityUnits<T extends { id: string; parentId: string | null }>(units: T[], communityId: string): T[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const keep = new Set(subtreeOf(units, communityId));
  for (let p = byId.get(communityId)?.parentId; p && !keep.has(p); p = byId.get(p)?.parentId) keep.add(p);
  return units.filter((u) => keep.has(u.id));
}

export function exportProfile(ctx: Ctx, communityCode?: string | null): { text: string; fingerprint: string; community: { id: string; code: string; name: string } | null } {
  const b = requireBinding(ctx);
  if (b.role !== 'county') throw new AppError('conflict', '只有县（区）可以导出县级配置');
  const key = activeKey(ctx);
  const t = sharedTables().find((x) => x.name === 'org_units')!;
  let units = (ctx.db.select().from(orgUnits).all() as (Record<string, unknown> & { id: string; parentId: string | null })[]).filter((u) => u.deletedAt === null);
  let community: { id: string; code: string; name: string } | null = null;
  if (communityCode) {
    const c = units.find((u) => u.code === communityCode);
    if (!c || c.level !== 'community') throw new AppError('validation', `「社区」本县组织树中没有区划代码为 ${communityCode} 的社区`, [{ path: 'communityCode', message: '「社区」不在本县组织树中' }]);
    community = { id: c.id, code: String(c.code), name: String(c.name) };
    // Each community receives only its own branch, never the other communities of the county.
    units = communityUnits(units, c.id);
  }
  const profile: CountyProfile = {
    format: 'jiceng-county-profile/1', org: { id: b.orgId, code: b.orgCode, name: b.orgName },
    ...(community ? { community } : {}),
    ageRecipients: [key.ageRecipient], signPublic: key.signPublic, fingerprint: key.fingerprint,
    orgUnits: new TextDecoder().decode(serialiseRows(t, units)), createdAt: ctx.now().toISOString(),
  };
  return { text: seal(ctx, profile), fingerprint: key.fingerprint, community };
}

/** `orgId`: the id the community's unit has at the county (core/bundle/profile-units.ts enrolledUnitId). */
export function exportRequest(ctx: Ctx, orgId?: string): { text: string; fingerprint: string } {
  const b = requireBinding(ctx);
  if (b.role !== 'community') throw new AppError('conflict', '只有社区需要导出登记申请');
  const key = activeKey(ctx);
  const req: EnrollmentRequest = {
    format: 'jiceng-enrollment-request/1', org: { id: orgId ?? b.orgId, code: b.orgCode, name: b.orgName },
    ageRecipients: [key.ageRecipient], signPublic: key.signPublic, fingerprint: key.fingerprint, createdAt: ctx.now().toISOString(),
  };
  return { text: seal(ctx, req), fingerprint: key.fingerprint };
}

export const readProfile = (text: string) => open(text, profileSchema, '县级配置文件');
export const readRequest = (text: string) => open(text, requestSchema, '社区登记申请');

export function assertFingerprint(expected: string, typed: string | null | undefined): void {
  if (typed == null) return;
  if (normalizeFingerprint(expected) !== normalizeFingerprint(typed))
    throw new AppError('validation', '「指纹」输入的指纹与文件中的密钥不符，未登记。请与对方电话或纸质登记表再次核对（为防冒充，此处不显示正确的指纹）', [{ path: 'confirm', message: '「指纹」与文件中的密钥不符' }]);
}

/**
 * At a community, the county's units (everything outside the community's own subtree) came
 * from the county profile: they carry the county's code as origin, so the record guard keeps
 * them read-only here. Runs whenever the binding or the profile changes; a no-op elsewhere.
 */
export function markCountyUnits(tx: TxCtx): void {
  const b = getBinding(tx);
  const county = trustedPeers(tx, 'county')[0];
  if (b?.role !== 'community' || !county) return;
  const own = subtreeOf(tx.db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).all(), b.orgId);
  tx.db.update(orgUnits).set({ origin: county.orgCode }).where(notInArray(orgUnits.id, own)).run();
  tx.db.update(orgUnits).set({ origin: null }).where(inArray(orgUnits.id, own)).run();
}
