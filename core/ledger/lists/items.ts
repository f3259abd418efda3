import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, like, type SQL } from 'drizzle-orm';
import { ledgerItems, type LedgerItemRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { AppError, notFound, validationError } from '../../contract/errors.ts';
import type { Ctx, TxCtx } from '../../context.ts';
import { assertInScope } from '../../security/scope.ts';
import { checkAttachments, listAttachments, storeAttachments } from '../attachments.ts';
import { colourOf, isOverdue } from '../progress.ts';
import { localIsoDate } from '../../roster/dates.ts';
import { assertNotBefore, assertOwnRow, knownUnit, orgCondition, unitNames } from '../units.ts';
import type { ItemRecord, listsContract } from './contract.ts';

type ItemOps = Pick<typeof listsContract, 'ledger.items.list' | 'ledger.items.get' | 'ledger.items.create' | 'ledger.items.update' | 'ledger.items.close' | 'ledger.items.rectify'>;

export function toItemRecord(r: LedgerItemRow, orgName: string, today: string): ItemRecord {
  const { changeSeq: _s, deletedAt: _d, deleteReason: _r, createdAt: _c, createdBy: _b, origin, ...rest } = r;
  const overdue = isOverdue(r.deadline, r.closedOn, today);
  return { ...rest, orgName, overdue, colour: colourOf(r.progress, r.closedOn !== null, overdue && !r.closedOn), received: origin !== null };
}

function loadRow(ctx: Ctx, id: string): LedgerItemRow {
  const row = ctx.db.select().from(ledgerItems).where(and(eq(ledgerItems.id, id), isNull(ledgerItems.deletedAt))).get();
  if (!row) throw notFound('清单条目', id);
  assertInScope(ctx, row.orgId);
  return row;
}

function getItem(ctx: Ctx, id: string): ItemRecord {
  const row = loadRow(ctx, id);
  return toItemRecord(row, unitNames(ctx).get(row.orgId) ?? '', localIsoDate(ctx.now()));
}

/** A stored item the caller may change: own, in scope, not closed (销号 freezes it). */
function writableRow(tx: TxCtx, id: string): LedgerItemRow {
  const row = loadRow(tx, id);
  assertOwnRow(tx, row.orgId);
  if (row.closedOn) throw new AppError('conflict', `「${row.title}」已于 ${row.closedOn} 销号，不能再修改；如有新情况请新建条目`);
  return row;
}

export const itemHandlers: HandlersFor<ItemOps> = {
  'ledger.items.list': (ctx, input) => {
    const where: (SQL | undefined)[] = [isNull(ledgerItems.deletedAt)];
    where.push(orgCondition(ctx, ledgerItems.orgId, input.orgId));
    if (input.kind) where.push(eq(ledgerItems.kind, input.kind));
    if (input.year) where.push(like(ledgerItems.registeredOn, `${input.year}-%`));
    const rows = ctx.db.select().from(ledgerItems).where(and(...where)).orderBy(desc(ledgerItems.registeredOn), desc(ledgerItems.createdAt)).limit(5000).all();
    const names = unitNames(ctx);
    const today = localIsoDate(ctx.now());
    return { rows: rows.map((r) => toItemRecord(r, names.get(r.orgId) ?? '', today)) };
  },

  'ledger.items.get': (ctx, input) => {
    const item = getItem(ctx, input.id);
    const today = localIsoDate(ctx.now());
    const names = unitNames(ctx);
    const rect = ctx.db.select().from(ledgerItems).where(and(eq(ledgerItems.fromItemId, input.id), isNull(ledgerItems.deletedAt))).all();
    return {
      ...item,
      attachments: listAttachments(ctx, input.id),
      rectifications: rect.map((r) => toItemRecord(r, names.get(r.orgId) ?? '', today)),
    };
  },

  'ledger.items.create': (tx, input) => {
    const owner = knownUnit(tx, input.orgId, 'orgId', '责任单位');
    const registeredOn = input.registeredOn ?? tx.today;
    assertNotBefore(input.deadline, registeredOn, 'deadline', '时限', '登记日期');
    if (input.kind === '整改' && !input.measures) throw validationError([{ path: 'measures', message: '「整改措施」整改清单必须填写' }]);
    checkAttachments(tx, null, input.attachments);
    const id = randomUUID();
    const { attachments, ...fields } = input;
    tx.db
      .insert(ledgerItems)
      .values({
        ...fields, id, registeredOn, sourceUnitName: input.sourceUnitName ?? owner.name, fromItemId: null,
        closedOn: null, closedBy: null, closeNote: null, createdBy: tx.actor.name,
        createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
      })
      .run();
    storeAttachments(tx, input.orgId, id, attachments);
    const created = getItem(tx, id);
    tx.audit({ entity: 'ledger_item', entityId: id, after: created });
    return created;
  },

  'ledger.items.update': (tx, input) => {
    const row = writableRow(tx, input.id);
    const { id, attachments, ...patch } = input;
    // Omitted fields keep their stored values; an explicit null clears an optional one.
    const fields = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (patch.deadline !== undefined) assertNotBefore(patch.deadline, row.registeredOn, 'deadline', '时限', '登记日期');
    checkAttachments(tx, row.id, attachments);
    const before = getItem(tx, row.id);
    tx.db.update(ledgerItems).set({ ...fields, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(ledgerItems.id, id)).run();
    storeAttachments(tx, row.orgId, id, attachments);
    const after = getItem(tx, id);
    tx.audit({ entity: 'ledger_item', entityId: id, before, after });
    return after;
  },

  'ledger.items.close': (tx, input) => {
    const row = writableRow(tx, input.id);
    const closedOn = input.closedOn ?? tx.today;
    assertNotBefore(closedOn, row.registeredOn, 'closedOn', '销号日期', '登记日期');
    if (row.kind === '问题') {
      const open = tx.db
        .select({ id: ledgerItems.id })
        .from(ledgerItems)
        .where(and(eq(ledgerItems.fromItemId, row.id), isNull(ledgerItems.closedOn), isNull(ledgerItems.deletedAt)))
        .get();
      if (open) throw new AppError('conflict', `问题「${row.title}」的整改项尚未销号，问题不能先销号`);
    }
    tx.db
      .update(ledgerItems)
      .set({ closedOn, closedBy: tx.actor.name, closeNote: input.note, progress: 100, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(eq(ledgerItems.id, row.id))
      .run();
    const after = getItem(tx, row.id);
    tx.audit({ entity: 'ledger_item', entityId: row.id, after: { closedOn, note: input.note } });
    return after;
  },

  'ledger.items.rectify': (tx, input) => {
    const problem = writableRow(tx, input.id);
    if (problem.kind !== '问题') throw new AppError('conflict', `「${problem.title}」是${problem.kind}清单，只有问题清单可以生成整改项`);
    assertNotBefore(input.deadline, tx.today, 'deadline', '时限', '今天');
    const id = randomUUID();
    tx.db
      .insert(ledgerItems)
      .values({
        id, orgId: problem.orgId, kind: '整改', sourceUnitName: problem.sourceUnitName, title: input.title ?? `整改：${problem.title}`,
        content: problem.content, category: problem.category, registeredOn: tx.today, deadline: input.deadline, progress: 0,
        measures: input.measures, fromItemId: problem.id, closedOn: null, closedBy: null, closeNote: null, createdBy: tx.actor.name,
        createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
      })
      .run();
    const created = getItem(tx, id);
    tx.audit({ entity: 'ledger_item', entityId: id, after: created });
    return created;
  },
};
