import { and, desc, eq } from 'drizzle-orm';
import { auditLog, people } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { TxCtx } from '../context.ts';
import { assertInScope } from '../security/scope.ts';
import { assertLocallyWritable } from '../bundle/ownership.ts';
import { loadPersonRow } from './records.ts';
import { assertNoActiveIdClash } from './writable.ts';

/** How long after a 离任/退休/解聘 the same account may still take it back. */
export const UNDO_RETIRE_MINUTES = 10;

// The retire's own audit row is the evidence: it names the account and the time, and its
// `at` is the transaction stamp the retire wrote into people.updated_at. If the row's stamp
// is still that one, nothing has changed the record since. Its `before` holds the fields the
// retire changed; status and statusDate are stored plainly, statusReason only as a digest,
// which is fine because a person in post has no reason on record (null is stored as null).
export function undoRetire(tx: TxCtx, id: string) {
  const before = loadPersonRow(tx, id).row;
  assertInScope(tx, before.orgId);
  assertLocallyWritable(tx, before.orgId);
  const refuse = (why: string) => new AppError('conflict', `不能撤销“${before.name}”的${before.status === '在岗' ? '离任' : before.status}：${why}`);
  if (before.status === '在岗') throw refuse('此人当前在岗，没有可撤销的离任');
  const retire = tx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'person'), eq(auditLog.entityId, id), eq(auditLog.operation, 'roster.retire'), eq(auditLog.outcome, 'ok')))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  if (!retire || retire.at !== before.updatedAt) throw refuse('办理之后此人的记录已被修改，请在人员信息中手工更正');
  if (retire.actor !== `${tx.actor.kind}:${tx.actor.id}`) throw refuse('只有办理该离任的账号才能撤销');
  if (tx.now().getTime() - Date.parse(retire.at) > UNDO_RETIRE_MINUTES * 60_000)
    throw refuse(`已超过办理后 ${UNDO_RETIRE_MINUTES} 分钟的撤销时限，请在人员信息中手工更正`);
  const prior = JSON.parse(retire.before ?? '{}') as Record<string, unknown>;
  const restore = {
    status: 'status' in prior ? prior.status : before.status,
    statusDate: 'statusDate' in prior ? prior.statusDate : before.statusDate,
    statusReason: 'statusReason' in prior ? prior.statusReason : before.statusReason,
  };
  if (restore.status !== '在岗' || (restore.statusReason !== null && typeof restore.statusReason === 'string' && restore.statusReason.startsWith('摘要:')))
    throw refuse('无法从办理记录还原原来的状态，请在人员信息中手工更正');
  if (typeof restore.statusDate !== 'string' && restore.statusDate !== null) throw refuse('无法从办理记录还原原来的状态日期');
  assertNoActiveIdClash(tx, before.idNumber, id);
  tx.db
    .update(people)
    .set({ status: '在岗', statusDate: restore.statusDate, statusReason: restore.statusReason as string | null, updatedAt: tx.nowIso, changeSeq: tx.seq() })
    .where(eq(people.id, id))
    .run();
  const after = loadPersonRow(tx, id);
  tx.audit({ entity: 'person', entityId: id, before, after: after.row });
  return after;
}
