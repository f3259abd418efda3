import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';
import { personInput } from '../training/fixture.ts';

// A street with two communities, a small roster, and one co-building unit with an agreement
// for 2026, on a fixed clock (2026-11-27).

export const NOW = () => new Date('2026-11-27T09:00:00+08:00');

export function newApp(): TestApp {
  return openTestApp({ now: NOW });
}

export async function seedCoop(app: TestApp) {
  const tree = await seedOrgTree(app);
  const second = await app.ok('org.create', { level: 'community', parentId: tree.street.id, name: '东风社区', code: '610402001002' });
  const leader = await app.ok('roster.create', personInput(tree.community.id, '王网格', 0, ['网格员']));
  const worker = await app.ok('roster.create', personInput(tree.community.id, '赵网格', 1, ['网格员']));
  const elsewhere = await app.ok('roster.create', personInput(second.id, '孙网格', 3, ['网格员']));
  const unit = await app.ok('ledger.coop.units.create', unitInput(tree.community.id));
  const agreement = await app.ok('ledger.coop.agreements.create', agreementInput(tree.community.id, unit.id));
  return { ...tree, second, leader, worker, elsewhere, unit, agreement };
}

export function unitInput(orgId: string, over: Record<string, unknown> = {}) {
  return { orgId, name: '县人民医院', kind: '事业单位', partyOrg: '县人民医院党委', contactName: '李联络', contactPhone: '13900000001', spaceM2: 120.5, squares: 1, facilities: 6, ...over } as const;
}

export function agreementInput(orgId: string, unitId: string, over: Record<string, unknown> = {}) {
  return { orgId, unitId, title: '2026年度党建共驻共建协议书', signedDate: '2026-01-05', startDate: '2026-01-01', endDate: '2026-12-31', clauses: '双方联席会议；开放设施；五个一活动；每季度书面报告', contactName: '李联络', ...over } as const;
}

export const countRows = (app: TestApp, table: string): number =>
  (app.opened.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

// A refused mutation leaves one 'failed' audit row (issue 13); "nothing written" means no 'ok' row.
export const auditCount = (app: TestApp): number =>
  (app.opened.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'ok'").get() as { n: number }).n;

/** Calls an operation that must fail and returns its error (code, message, issues). */
export async function refused(app: TestApp, name: string, input: unknown) {
  const env = await app.dispatcher.call(name as never, input as never);
  if (env.ok) throw new Error(`${name} should have been refused`);
  return env.error;
}
