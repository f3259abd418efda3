import { randomUUID } from 'node:crypto';
import { asc, isNull } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  ledgerItems, ledgerOrderSteps, ledgerOrders, ledgerTaskReports, ledgerTasks, orgUnits,
  type LedgerItemRow, type LedgerOrderRow, type LedgerOrderStepRow, type LedgerTaskReportRow, type LedgerTaskRow,
} from '../../db/schema/index.ts';
import type { TxCtx } from '../context.ts';
import { ORDER_STEPS, type OrderStatus } from '../ledger/codes.ts';
import { mulberry32 } from './generate.ts';

// 台账 demo data at the source county's scale (domain.md, 商南县): a county task every month
// to every community with their completion reports, each community's lists every quarter
// (工作动态, 需求, 资源, 问题 and its 整改), and resident orders of which `closedOrders`
// went through the whole loop. Rows obey the same rules as the handlers (deadline not before
// registration, a closed order has feedback and a rating, no date after today).

export interface LedgerDemoOptions {
  today: string;
  /** Whole years back from today's year (the current year counts as one). */
  years: number;
  closedOrders: number;
  /** Orders still open (some overdue), as a share of closed ones. */
  openShare?: number;
  seed?: number;
  /** The order timeline rows (7 per closed order); benches may skip them. */
  steps?: boolean;
}

const TASKS = ['主题党日活动', '党员冬训', '“三会一课”落实情况自查', '网格走访排查', '志愿服务月活动', '民生实事推进', '安全隐患排查', '党费收缴核对', '书记讲堂学习', '季度座谈会准备', '党员积分管理', '共建单位联络'];
const NEEDS = ['独居老人助餐', '楼道照明维修', '小区路面修补', '家门口就业咨询', '儿童课后托管', '健康义诊', '法律咨询', '垃圾分类指导', '电动车充电桩', '防汛物资检查'];
const CATS = ['为老服务', '基础设施', '就业服务', '青少年', '健康医疗', '法律援助', '环境卫生', '安全宣传'];
const TEAMS = ['红马甲志愿服务队', '夕阳红志愿服务队', '党员先锋服务队', '巾帼志愿服务队', '法律援助服务队'];
const RATING = ['满意', '满意', '满意', '满意', '基本满意', '基本满意', '不满意'] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const minDate = (a: string, b: string) => (a < b ? a : b);

function insertAll<T extends SQLiteTable>(tx: TxCtx, table: T, rows: T['$inferInsert'][]): void {
  for (let i = 0; i < rows.length; i += 200) tx.db.insert(table).values(rows.slice(i, i + 200)).run();
}

export function seedLedgerDemo(tx: TxCtx, opts: LedgerDemoOptions) {
  const rnd = mulberry32(opts.seed ?? 20261130);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const units = tx.db.select().from(orgUnits).where(isNull(orgUnits.deletedAt)).orderBy(asc(orgUnits.code)).all();
  const county = units.find((u) => u.level === 'county');
  const communities = units.filter((u) => u.level === 'community');
  if (!county || communities.length === 0) return { tasks: 0, reports: 0, items: 0, orders: 0, steps: 0 };
  const seq = tx.seq();
  const stamp = { createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: seq, origin: null };
  const firstYear = Number(opts.today.slice(0, 4)) - opts.years + 1;
  const tasks: LedgerTaskRow[] = [];
  const reports: LedgerTaskReportRow[] = [];
  const items: LedgerItemRow[] = [];
  const orders: LedgerOrderRow[] = [];
  const steps: LedgerOrderStepRow[] = [];

  // Tasks: one a month from the county to every community.
  for (let y = firstYear; y <= firstYear + opts.years - 1; y++)
    for (let m = 1; m <= 12; m++) {
      const issuedOn = `${y}-${pad(m)}-03`;
      if (issuedOn > opts.today) break;
      const deadline = `${y}-${pad(m)}-25`;
      const task: LedgerTaskRow = {
        ...stamp, id: randomUUID(), orgId: county.id, deletedAt: null, deleteReason: null, title: `${y}年${m}月${TASKS[(m - 1) % TASKS.length]}`,
        content: '按县委组织部月度任务清单落实，完成后报送完成情况及佐证材料。', category: '月度任务', issuedOn, deadline,
        targetOrgIds: communities.map((c) => c.id), createdBy: '县委组织部',
      };
      tasks.push(task);
      for (const c of communities) {
        const r = rnd();
        const doneOn = r < 0.82 ? addDays(issuedOn, 5 + Math.floor(rnd() * 18)) : r < 0.93 ? addDays(deadline, 1 + Math.floor(rnd() * 10)) : null;
        if (doneOn && doneOn > opts.today) continue;
        const reportedOn = doneOn ?? minDate(addDays(issuedOn, 10), opts.today);
        reports.push({
          ...stamp, id: randomUUID(), orgId: c.id, deletedAt: null, deleteReason: null, taskId: task.id, progress: doneOn ? 100 : 40 + Math.floor(rnd() * 40),
          done: doneOn !== null, content: doneOn ? '已按要求完成，佐证材料已归档。' : '正在推进。', reportedOn, reportedBy: `${c.name}党委`,
        });
      }
    }

  // Lists: every quarter each community reports dynamics, needs, resources and problems.
  for (let y = firstYear; y <= firstYear + opts.years - 1; y++)
    for (let q = 1; q <= 4; q++) {
      const registeredOn = `${y}-${pad(q * 3)}-20`;
      if (registeredOn > opts.today) break;
      for (const c of communities) {
        for (const kind of ['工作动态', '需求', '资源', '问题'] as const) {
          const deadline = kind === '工作动态' || kind === '资源' ? null : addDays(registeredOn, 30 + Math.floor(rnd() * 60));
          const closedOn = deadline && rnd() < 0.85 ? addDays(registeredOn, 10 + Math.floor(rnd() * 80)) : null;
          const closed = closedOn && closedOn <= opts.today ? closedOn : null;
          const item: LedgerItemRow = {
            ...stamp, id: randomUUID(), orgId: c.id, deletedAt: null, deleteReason: null, kind, sourceUnitName: c.name,
            title: `${y}年第${q}季度${kind}：${pick(NEEDS)}`, content: null, category: pick(CATS), registeredOn, deadline,
            progress: closed ? 100 : Math.floor(rnd() * 90), measures: null, fromItemId: null,
            closedOn: closed, closedBy: closed ? `${c.name}书记` : null, closeNote: closed ? '已办结' : null, createdBy: `${c.name}`,
          };
          items.push(item);
          if (kind === '问题' && deadline && rnd() < 0.5) {
            items.push({
              ...item, id: randomUUID(), kind: '整改', title: `整改：${item.title}`, measures: '明确责任人，限期整改，整改后回访。',
              fromItemId: item.id, progress: closed ? 100 : item.progress, closedOn: closed, closedBy: item.closedBy, closeNote: item.closeNote,
            });
          }
        }
      }
    }

  // Orders: `closedOrders` went through the whole loop; a few more are still open.
  const start = Date.parse(`${firstYear}-01-01T00:00:00Z`);
  const span = Math.max(1, Date.parse(`${opts.today}T00:00:00Z`) - start - 30 * 86_400_000);
  const open = Math.round(opts.closedOrders * (opts.openShare ?? 0.05));
  for (let i = 0; i < opts.closedOrders + open; i++) {
    const c = communities[i % communities.length]!;
    const closedOrder = i < opts.closedOrders;
    const registeredOn = new Date(start + Math.floor(rnd() * span)).toISOString().slice(0, 10);
    const dueDate = addDays(registeredOn, 7 + Math.floor(rnd() * 14));
    const status: OrderStatus = closedOrder ? '已销号' : pick(['已登记', '已派单', '已接单', '已办理'] as const);
    const reached = ORDER_STEPS.length - ['已销号', '已评单', '已办理', '已接单', '已派单', '已建单', '已登记'].indexOf(status);
    const closedOn = closedOrder ? minDate(addDays(registeredOn, 3 + Math.floor(rnd() * (rnd() < 0.9 ? 10 : 30))), opts.today) : null;
    const dispatched = reached >= 3;
    const team = pick(TEAMS);
    const order: LedgerOrderRow = {
      ...stamp, id: randomUUID(), orgId: c.id, deletedAt: null, deleteReason: null, source: pick(['网格员', '网格员', '热线', '走访'] as const),
      title: pick(NEEDS), content: null, category: pick(CATS), registeredOn, status,
      assigneeKind: dispatched ? '志愿服务队' : null, assigneeId: null, assigneeName: dispatched ? `${c.name}${team}` : null,
      dueDate: dispatched ? dueDate : null, takenBy: reached >= 4 ? `${c.name}${team}` : null,
      feedback: reached >= 5 ? '已上门办理，群众认可。' : null, rating: reached >= 6 ? pick(RATING) : null, closedOn,
    };
    orders.push(order);
    if (opts.steps ?? true)
      for (let s = 0; s < reached; s++) {
        const at = s === reached - 1 && closedOn ? closedOn : minDate(addDays(registeredOn, s), closedOn ?? opts.today);
        steps.push({ ...stamp, id: randomUUID(), orgId: c.id, deletedAt: null, deleteReason: null, orderId: order.id, step: ORDER_STEPS[s]!, actorName: `${c.name}工作人员`, at: `${at}T02:00:00.000Z`, note: null });
      }
  }

  insertAll(tx, ledgerTasks, tasks);
  insertAll(tx, ledgerTaskReports, reports);
  insertAll(tx, ledgerItems, items);
  insertAll(tx, ledgerOrders, orders);
  insertAll(tx, ledgerOrderSteps, steps);
  return { tasks: tasks.length, reports: reports.length, items: items.length, orders: orders.length, steps: steps.length };
}
