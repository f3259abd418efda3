import { eq } from 'drizzle-orm';
import { orgUnits } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { installationOrgId } from '../installation.ts';
import { communityUnits, readProfile, type CountyProfile } from './enroll.ts';
import { findOrgByCode, getBinding, listPeers } from './keys.ts';
import { rekeyOrgUnit } from './rekey.ts';
import { checkRecord, sharedTables, type SharedTable } from './tables.ts';

// The org units a county profile brings to a community: checked when the file is imported,
// written only once the county's fingerprint is confirmed (an unchecked file may be forged).

/** The unit chosen in the first-run wizard, as a row. */
export function installationUnit(ctx: Ctx) {
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

type Units = { units: Record<string, unknown>[]; all: number };

/** Reads and checks the profile's units, and picks those this installation keeps; writes nothing. */
export function profileUnits(ctx: Ctx, p: CountyProfile): Units {
  const t = sharedTables().find((x) => x.name === 'org_units')!;
  const all = p.orgUnits.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  assertProfileTree(t, all);
  return { units: keptUnits(ctx, p, all), all: all.length };
}

/** Writes the kept units of a confirmed profile (`text`, the file as imported); what the audit row records. */
export function applyProfileUnits(tx: TxCtx, text: string): { orgUnits: number; leftOut: number; rekeyed: { code: string; from: string; to: string }[] } {
  const t = sharedTables().find((x) => x.name === 'org_units')!;
  const { units, all } = profileUnits(tx, readProfile(text));
  // Communities adopt the county's unit ids, so records carry ids the county knows.
  const rekeyed: { code: string; from: string; to: string }[] = [];
  for (const u of units) {
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
  return { orgUnits: units.length, leftOut: all - units.length, rekeyed };
}

/**
 * The id the unit `code` has in the county's tree: the one in a county profile still awaiting
 * its fingerprint check (its units are applied, and this unit re-keyed to that id, only on
 * enroll.confirmProfile), else `localId`. The guided steps let a community send its request
 * before the phone call; the request must already name the id the county knows.
 */
export function enrolledUnitId(ctx: Ctx, code: string, localId: string): string {
  const pending = listPeers(ctx).find((p) => p.role === 'county' && p.status === 'pending' && p.profile);
  if (!pending?.profile) return localId;
  const unit = profileUnits(ctx, readProfile(pending.profile)).units.find((u) => u.code === code);
  return unit ? String(unit.id) : localId;
}
