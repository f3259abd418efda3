import { and, gte, inArray, isNull, lte } from 'drizzle-orm';
import { coopActivities, coopAgreements, coopMeetings, ledgerOrders } from '../../../db/schema/index.ts';
import { defineReport } from '../def.ts';
import { orgGroups, unitsUnder } from '../groups.ts';
import type { Column } from '../table.ts';

// 台账工作统计: the figures the county collects the ledgers for (agreements, meetings,
// activities and the problems they solved, orders received, closed and how residents rated
// them), per street and community for a calendar year. Each figure is a count over records,
// so every cell drills down to the agreements, meetings, activities or orders behind it.

interface LedgerRecord {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  kind: '协议' | '联席会议' | '活动' | '工单';
  problems: number;
  closed: boolean;
  rating: string | null;
}

const count = (key: string, label: string, group: string, test: (r: LedgerRecord) => boolean, unit = '件'): Column<LedgerRecord> => ({ key, label, group, kind: 'count', test, unit });

const COLUMNS: Column<LedgerRecord>[] = [
  count('agreements', '在期共建协议', '共建', (r) => r.kind === '协议', '份'),
  count('meetings', '联席会议', '共建', (r) => r.kind === '联席会议', '次'),
  count('activities', '共建活动', '共建', (r) => r.kind === '活动', '次'),
  { key: 'problems', label: '解决问题', group: '共建', kind: 'sum', test: (r) => r.kind === '活动', value: (r) => r.problems, unit: '个' },
  count('orders', '受理工单', '点单服务', (r) => r.kind === '工单'),
  count('ordersClosed', '已销号', '点单服务', (r) => r.kind === '工单' && r.closed),
  count('ordersRated', '已评价', '点单服务', (r) => r.kind === '工单' && r.rating !== null),
  count('ordersSatisfied', '满意', '点单服务', (r) => r.kind === '工单' && r.rating === '满意'),
  { key: 'closeRate', label: '办结率', group: '点单服务', kind: 'rate', rate: { num: 'ordersClosed', den: 'orders' } },
  { key: 'satisfaction', label: '满意率', group: '点单服务', kind: 'rate', rate: { num: 'ordersSatisfied', den: 'ordersRated' } },
];

export const ledgerReport = defineReport<LedgerRecord>({
  name: 'ledger',
  title: '基层党建台账工作统计表',
  period: 'year',
  summary: '某年度各街道、社区的共建协议、联席会议、共建活动与解决问题，点单服务的受理、办结与满意率',
  comparable: false,
  charts: [
    { type: 'bar', columns: ['activities', 'meetings'], rows: 'leaf', title: '各社区共建活动与联席会议（次）' },
    { type: 'bar', columns: ['orders', 'ordersClosed'], rows: 'leaf', title: '各社区受理与销号工单（件）' },
  ],
  build(ctx, p) {
    const { root, units } = unitsUnder(ctx, p.orgId);
    const ids = units.map((u) => u.id);
    const names = new Map(units.map((u) => [u.id, u.name]));
    const from = `${p.year}-01-01`;
    const to = `${p.year}-12-31`;
    const rec = (id: string, name: string, orgId: string, kind: LedgerRecord['kind'], extra: Partial<LedgerRecord> = {}): LedgerRecord => ({
      id, name, orgId, orgName: names.get(orgId) ?? '', kind, problems: 0, closed: false, rating: null, ...extra,
    });
    const items: LedgerRecord[] = [];
    for (const a of ctx.db
      .select({ id: coopAgreements.id, title: coopAgreements.title, orgId: coopAgreements.orgId })
      .from(coopAgreements)
      .where(and(inArray(coopAgreements.orgId, ids), isNull(coopAgreements.deletedAt), lte(coopAgreements.startDate, to), gte(coopAgreements.endDate, from)))
      .all())
      items.push(rec(a.id, a.title, a.orgId, '协议'));
    for (const m of ctx.db
      .select({ id: coopMeetings.id, date: coopMeetings.date, orgId: coopMeetings.orgId })
      .from(coopMeetings)
      .where(and(inArray(coopMeetings.orgId, ids), isNull(coopMeetings.deletedAt), gte(coopMeetings.date, from), lte(coopMeetings.date, to)))
      .all())
      items.push(rec(m.id, `${m.date} 联席会议`, m.orgId, '联席会议'));
    for (const a of ctx.db
      .select({ id: coopActivities.id, title: coopActivities.title, orgId: coopActivities.orgId, problems: coopActivities.problemsSolved })
      .from(coopActivities)
      .where(and(inArray(coopActivities.orgId, ids), isNull(coopActivities.deletedAt), gte(coopActivities.date, from), lte(coopActivities.date, to)))
      .all())
      items.push(rec(a.id, a.title, a.orgId, '活动', { problems: a.problems }));
    for (const o of ctx.db
      .select({ id: ledgerOrders.id, title: ledgerOrders.title, orgId: ledgerOrders.orgId, closedOn: ledgerOrders.closedOn, rating: ledgerOrders.rating })
      .from(ledgerOrders)
      .where(and(inArray(ledgerOrders.orgId, ids), isNull(ledgerOrders.deletedAt), gte(ledgerOrders.registeredOn, from), lte(ledgerOrders.registeredOn, to)))
      .all())
      items.push(rec(o.id, o.title, o.orgId, '工单', { closed: o.closedOn !== null, rating: o.rating }));
    return {
      unit: root,
      groups: orgGroups(root, units, items, (r) => r.orgId),
      columns: COLUMNS,
      member: (r, c) => ({ id: r.id, name: r.name, orgName: r.orgName, detail: c.key === 'problems' ? `解决问题 ${r.problems} 个` : r.kind, ...(c.kind === 'sum' ? { value: r.problems } : {}) }),
      notes: ['协议按年度内任一天在期计；会议、活动按举行日期，工单按登记日期归入年度。'],
    };
  },
});
