import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, isNotNull, isNull, like, lt, ne, or, type SQL } from 'drizzle-orm';
import { ledgerOrderSteps, ledgerOrders, people, type LedgerOrderRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { AppError, notFound, validationError } from '../../contract/errors.ts';
import type { Ctx, TxCtx } from '../../context.ts';
import { localIsoDate } from '../../roster/dates.ts';
import { assertInScope } from '../../security/scope.ts';
import { checkAttachments, listAttachments, storeAttachments, type AttachmentInput } from '../attachments.ts';
import type { OrderStep } from '../codes.ts';
import { assertNotBefore, assertOwnRow, knownUnit, orgCondition, unitNames } from '../units.ts';
import type { OrderRecord, ordersContract } from './contract.ts';
import { TRANSITIONS, orderOverdue, refusal } from './machine.ts';

function toOrderRecord(r: LedgerOrderRow, orgName: string, today: string): OrderRecord {
  const { changeSeq: _s, deletedAt: _d, deleteReason: _r, createdAt: _c, origin, ...rest } = r;
  return { ...rest, orgName, overdue: orderOverdue(r.dueDate, r.closedOn, today), received: origin !== null };
}

function loadOrder(ctx: Ctx, id: string): LedgerOrderRow {
  const row = ctx.db.select().from(ledgerOrders).where(and(eq(ledgerOrders.id, id), isNull(ledgerOrders.deletedAt))).get();
  if (!row) throw notFound('工单', id);
  assertInScope(ctx, row.orgId);
  return row;
}

function getOrder(ctx: Ctx, id: string): OrderRecord {
  const r = loadOrder(ctx, id);
  return toOrderRecord(r, unitNames(ctx).get(r.orgId) ?? '', localIsoDate(ctx.now()));
}

function appendStep(tx: TxCtx, order: { id: string; orgId: string }, step: OrderStep, note: string | null, files: AttachmentInput[]): void {
  const stepId = randomUUID();
  tx.db
    .insert(ledgerOrderSteps)
    .values({ id: stepId, orgId: order.orgId, orderId: order.id, step, actorName: tx.actor.name, at: tx.nowIso, note, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() })
    .run();
  storeAttachments(tx, order.orgId, order.id, files, stepId);
}

type StepInput = { id: string; note: string | null; attachments: AttachmentInput[] };

/** One step of the loop: owner-writes, the state machine, limits, then the change and its timeline row. */
function advance(tx: TxCtx, input: StepInput, step: Exclude<OrderStep, '点单'>, change: (o: LedgerOrderRow) => Partial<LedgerOrderRow>): OrderRecord {
  const o = loadOrder(tx, input.id);
  assertOwnRow(tx, o.orgId);
  const why = refusal(o, step);
  if (why) throw new AppError('conflict', why);
  checkAttachments(tx, o.id, input.attachments);
  const before = toOrderRecord(o, '', tx.today);
  tx.db
    .update(ledgerOrders)
    .set({ ...change(o), status: TRANSITIONS[step].to, updatedAt: tx.nowIso, changeSeq: tx.seq() })
    .where(eq(ledgerOrders.id, o.id))
    .run();
  appendStep(tx, o, step, input.note, input.attachments);
  const after = getOrder(tx, o.id);
  tx.audit({ entity: 'ledger_order', entityId: o.id, before: { status: before.status }, after: { step, status: after.status, note: input.note } });
  return after;
}

export const orderHandlers: HandlersFor<typeof ordersContract> = {
  'ledger.orders.list': (ctx, input) => {
    const today = localIsoDate(ctx.now());
    const where: (SQL | undefined)[] = [isNull(ledgerOrders.deletedAt)];
    where.push(orgCondition(ctx, ledgerOrders.orgId, input.orgId));
    if (input.year) where.push(like(ledgerOrders.registeredOn, `${input.year}-%`));
    if (input.status) where.push(eq(ledgerOrders.status, input.status));
    if (input.overdueOnly)
      where.push(
        isNotNull(ledgerOrders.dueDate),
        or(and(ne(ledgerOrders.status, '已销号'), lt(ledgerOrders.dueDate, today)), gt(ledgerOrders.closedOn, ledgerOrders.dueDate)),
      );
    const total = ctx.db.select({ n: count() }).from(ledgerOrders).where(and(...where)).get()?.n ?? 0;
    const rows = ctx.db.select().from(ledgerOrders).where(and(...where)).orderBy(desc(ledgerOrders.registeredOn), desc(ledgerOrders.createdAt)).limit(2000).all();
    const names = unitNames(ctx);
    return { rows: rows.map((r) => toOrderRecord(r, names.get(r.orgId) ?? '', today)), total };
  },

  'ledger.orders.get': (ctx, input) => {
    const order = getOrder(ctx, input.id);
    const files = listAttachments(ctx, input.id);
    const steps = ctx.db.select().from(ledgerOrderSteps).where(eq(ledgerOrderSteps.orderId, input.id)).orderBy(asc(ledgerOrderSteps.at), asc(ledgerOrderSteps.createdAt)).all();
    return {
      ...order,
      steps: steps.map((s) => ({ id: s.id, step: s.step, actorName: s.actorName, at: s.at, note: s.note, attachments: files.filter((f) => f.stepId === s.id) })),
    };
  },

  'ledger.orders.register': (tx, input) => {
    const unit = knownUnit(tx, input.orgId, 'orgId', '登记社区');
    const registeredOn = input.registeredOn ?? tx.today;
    if (registeredOn > tx.today) throw validationError([{ path: 'registeredOn', message: `「登记日期」${registeredOn} 不能晚于今天` }]);
    checkAttachments(tx, null, input.attachments);
    const id = randomUUID();
    tx.db
      .insert(ledgerOrders)
      .values({
        id, orgId: unit.id, source: input.source, title: input.title, content: input.content, category: input.category, registeredOn,
        status: '已登记', createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
      })
      .run();
    appendStep(tx, { id, orgId: unit.id }, '点单', `来源：${input.source}`, input.attachments);
    const created = getOrder(tx, id);
    tx.audit({ entity: 'ledger_order', entityId: id, after: created });
    return created;
  },

  'ledger.orders.build': (tx, input) => advance(tx, input, '建单', (o) => ({ category: input.category ?? o.category })),

  'ledger.orders.dispatch': (tx, input) => {
    let name = input.assigneeName;
    let assigneeId: string | null = null;
    if (input.assigneeKind === '党员') {
      if (!input.assigneeId) throw validationError([{ path: 'assigneeId', message: '「承办党员」请从花名册中选择' }]);
      const p = tx.db.select({ name: people.name, orgId: people.orgId }).from(people).where(and(eq(people.id, input.assigneeId), isNull(people.deletedAt))).get();
      if (!p) throw validationError([{ path: 'assigneeId', message: `「承办党员」花名册中没有该人员（${input.assigneeId}）` }]);
      assertInScope(tx, p.orgId);
      name = p.name;
      assigneeId = input.assigneeId;
    } else if (!name) throw validationError([{ path: 'assigneeName', message: `「承办方」请填写${input.assigneeKind}名称` }]);
    const o = loadOrder(tx, input.id);
    assertNotBefore(input.dueDate, o.registeredOn, 'dueDate', '办理时限', '登记日期');
    return advance(tx, input, '派单', () => ({ assigneeKind: input.assigneeKind, assigneeId, assigneeName: name, dueDate: input.dueDate }));
  },

  'ledger.orders.take': (tx, input) => advance(tx, input, '接单', (o) => ({ takenBy: input.takenBy ?? o.assigneeName ?? tx.actor.name })),
  'ledger.orders.handle': (tx, input) => advance(tx, input, '办理', () => ({ feedback: input.feedback, rating: null })),
  'ledger.orders.rate': (tx, input) => advance(tx, input, '评单', () => ({ rating: input.rating })),
  'ledger.orders.close': (tx, input) => {
    const o = loadOrder(tx, input.id);
    const closedOn = input.closedOn ?? tx.today;
    assertNotBefore(closedOn, o.registeredOn, 'closedOn', '销号日期', '登记日期');
    return advance(tx, input, '销号', () => ({ closedOn }));
  },
};
