import { and, between, inArray, isNull, sql } from 'drizzle-orm';
import { ledgerItems, ledgerOrders, ledgerTaskReports, ledgerTasks, orgUnits } from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { localIsoDate } from '../roster/dates.ts';
import { targetState } from './lists/tasks.ts';
import { COOP_FIGURE_KEYS, COOP_FIGURE_LABELS, coopFigures } from './coop/figures.ts';

// The county view's figures come from providers: each counts, per org unit, the records of its
// module in a date range (inclusive ISO dates). Counts only: the overview sums them up the
// tree, and rates are derived from summed counts.

export interface Range {
  from: string;
  to: string;
}
export type Figures = Record<string, Record<string, number>>;
export interface FigureProvider {
  /** figure key → Chinese column label, in display order. */
  labels: Record<string, string>;
  compute(ctx: Ctx, orgIds: string[], range: Range): Figures;
}
/** Figures computed from summed counts (rates), with their labels. */
export interface DerivedFigure {
  key: string;
  label: string;
  derive(f: Record<string, number>): number;
}

function add(out: Figures, orgId: string, key: string, n: number): void {
  const o = (out[orgId] ??= {});
  o[key] = (o[key] ?? 0) + n;
}

function chunks<T>(xs: T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export const taskFigures: FigureProvider = {
  labels: { tasksAssigned: '下达任务', tasksOnTime: '按时完成', tasksLate: '逾期完成', tasksOpen: '未完成', tasksOverdue: '已逾期未完成' },
  compute(ctx, orgIds, range) {
    const wanted = new Set(orgIds);
    const today = localIsoDate(ctx.now());
    const out: Figures = {};
    const tasks = ctx.db
      .select({ id: ledgerTasks.id, deadline: ledgerTasks.deadline, targets: ledgerTasks.targetOrgIds })
      .from(ledgerTasks)
      .where(and(isNull(ledgerTasks.deletedAt), between(ledgerTasks.issuedOn, range.from, range.to)))
      .all();
    const latest = new Map<string, { progress: number; done: boolean; reportedOn: string }>();
    for (const part of chunks(tasks.map((t) => t.id)))
      for (const r of ctx.db
        .select({ taskId: ledgerTaskReports.taskId, orgId: ledgerTaskReports.orgId, progress: ledgerTaskReports.progress, done: ledgerTaskReports.done, reportedOn: ledgerTaskReports.reportedOn })
        .from(ledgerTaskReports)
        .where(and(inArray(ledgerTaskReports.taskId, part), isNull(ledgerTaskReports.deletedAt)))
        .orderBy(ledgerTaskReports.reportedOn, ledgerTaskReports.createdAt)
        .all())
        latest.set(`${r.taskId}|${r.orgId}`, r);
    for (const t of tasks)
      for (const o of t.targets) {
        if (!wanted.has(o)) continue;
        const s = targetState(t, latest.get(`${t.id}|${o}`), today).state;
        add(out, o, 'tasksAssigned', 1);
        add(out, o, s === '按时完成' ? 'tasksOnTime' : s === '逾期完成' ? 'tasksLate' : 'tasksOpen', 1);
        if (s === '已逾期') add(out, o, 'tasksOverdue', 1);
      }
    return out;
  },
};

export const itemFigures: FigureProvider = {
  labels: { itemsReported: '上报清单', problemsRaised: '问题清单', itemsClosed: '已销号清单', itemsOverdue: '逾期清单' },
  compute(ctx, orgIds, range) {
    const today = localIsoDate(ctx.now());
    const out: Figures = {};
    for (const part of chunks(orgIds)) {
      const rows = ctx.db
        .select({
          orgId: ledgerItems.orgId,
          n: sql<number>`count(*)`,
          problems: sql<number>`sum(${ledgerItems.kind} = '问题')`,
          closed: sql<number>`sum(${ledgerItems.closedOn} IS NOT NULL)`,
          overdue: sql<number>`sum(${ledgerItems.deadline} IS NOT NULL AND coalesce(${ledgerItems.closedOn}, ${today}) > ${ledgerItems.deadline})`,
        })
        .from(ledgerItems)
        .where(and(isNull(ledgerItems.deletedAt), inArray(ledgerItems.orgId, part), between(ledgerItems.registeredOn, range.from, range.to)))
        .groupBy(ledgerItems.orgId)
        .all();
      for (const r of rows) {
        add(out, r.orgId, 'itemsReported', r.n);
        add(out, r.orgId, 'problemsRaised', r.problems ?? 0);
        add(out, r.orgId, 'itemsClosed', r.closed ?? 0);
        add(out, r.orgId, 'itemsOverdue', r.overdue ?? 0);
      }
    }
    return out;
  },
};

export const orderFigures: FigureProvider = {
  labels: { ordersReceived: '受理工单', ordersClosed: '已销号工单', ordersOverdue: '逾期工单', ordersRated: '已评价', ordersSatisfied: '满意及基本满意' },
  compute(ctx, orgIds, range) {
    const today = localIsoDate(ctx.now());
    const out: Figures = {};
    for (const part of chunks(orgIds)) {
      const rows = ctx.db
        .select({
          orgId: ledgerOrders.orgId,
          n: sql<number>`count(*)`,
          closed: sql<number>`sum(${ledgerOrders.status} = '已销号')`,
          overdue: sql<number>`sum(${ledgerOrders.dueDate} IS NOT NULL AND coalesce(${ledgerOrders.closedOn}, ${today}) > ${ledgerOrders.dueDate})`,
          rated: sql<number>`sum(${ledgerOrders.rating} IS NOT NULL)`,
          satisfied: sql<number>`sum(${ledgerOrders.rating} IN ('满意', '基本满意'))`,
        })
        .from(ledgerOrders)
        .where(and(isNull(ledgerOrders.deletedAt), inArray(ledgerOrders.orgId, part), between(ledgerOrders.registeredOn, range.from, range.to)))
        .groupBy(ledgerOrders.orgId)
        .all();
      for (const r of rows) {
        add(out, r.orgId, 'ordersReceived', r.n);
        add(out, r.orgId, 'ordersClosed', r.closed ?? 0);
        add(out, r.orgId, 'ordersOverdue', r.overdue ?? 0);
        add(out, r.orgId, 'ordersRated', r.rated ?? 0);
        add(out, r.orgId, 'ordersSatisfied', r.satisfied ?? 0);
      }
    }
    return out;
  },
};

/** Every provider of the county view; part B appends its own here. */
// coopFigures answers each unit's whole subtree; the overview sums up the tree itself, so it
// is handed each unit's own records: its subtree less its children's subtrees.
export const coopProvider: FigureProvider = {
  labels: COOP_FIGURE_LABELS,
  compute(ctx, orgIds, range) {
    const sub = coopFigures(ctx, orgIds, range);
    const wanted = new Set(orgIds);
    const children = new Map<string, string[]>();
    for (const u of ctx.db.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits).all())
      if (u.parentId && wanted.has(u.id) && u.parentId !== u.id) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    const out: Figures = {};
    for (const id of orgIds)
      for (const k of COOP_FIGURE_KEYS) {
        const own = (sub[id]?.[k] ?? 0) - (children.get(id) ?? []).reduce((a, c) => a + (sub[c]?.[k] ?? 0), 0);
        if (own) add(out, id, k, own);
      }
    return out;
  },
};

export const FIGURE_PROVIDERS: FigureProvider[] = [taskFigures, orderFigures, itemFigures, coopProvider];

export const DERIVED_FIGURES: DerivedFigure[] = [
  {
    key: 'satisfactionRate',
    label: '满意率（%）',
    derive: (f) => (f.ordersRated ? Math.round((1000 * (f.ordersSatisfied ?? 0)) / f.ordersRated) / 10 : 0),
  },
];
