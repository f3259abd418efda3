import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, like, type SQL } from 'drizzle-orm';
import { ledgerTaskReports, ledgerTasks, type LedgerTaskReportRow, type LedgerTaskRow } from '../../../db/schema/index.ts';
import type { HandlersFor } from '../../contract/handler-types.ts';
import { AppError, notFound, validationError, type FieldIssue } from '../../contract/errors.ts';
import type { Ctx } from '../../context.ts';
import { subtreeIds } from '../../org/handlers.ts';
import { localIsoDate } from '../../roster/dates.ts';
import { assertInScope, inScope } from '../../security/scope.ts';
import { readableOrgIds, scopeCondition } from '../../guard/scope.ts';
import { checkAttachments, listAttachments, storeAttachments } from '../attachments.ts';
import { colourOf } from '../progress.ts';
import { assertNotBefore, knownUnit, unitNames } from '../units.ts';
import type { TaskRecord, TaskReportRecord, tasksContract } from './contract-tasks.ts';

type TargetState = TaskRecord['targets'][number];

/** A community's state of a task from its reports (latest wins); pure, shared with the overview. */
export function targetState(task: Pick<LedgerTaskRow, 'deadline'>, latest: Pick<LedgerTaskReportRow, 'progress' | 'done' | 'reportedOn'> | undefined, today: string) {
  const progress = latest?.progress ?? 0;
  const doneOn = latest?.done ? latest.reportedOn : null;
  const state: TargetState['state'] = doneOn
    ? doneOn <= task.deadline ? '按时完成' : '逾期完成'
    : today > task.deadline ? '已逾期' : '进行中';
  return { progress, doneOn, state, colour: colourOf(progress, doneOn !== null, state === '已逾期') };
}

/** Latest report per (task, community). */
export function latestReports(ctx: Ctx, taskIds: string[]): Map<string, LedgerTaskReportRow> {
  const out = new Map<string, LedgerTaskReportRow>();
  for (let i = 0; i < taskIds.length; i += 500) {
    const rows = ctx.db
      .select()
      .from(ledgerTaskReports)
      .where(and(inArray(ledgerTaskReports.taskId, taskIds.slice(i, i + 500)), isNull(ledgerTaskReports.deletedAt)))
      .orderBy(asc(ledgerTaskReports.reportedOn), asc(ledgerTaskReports.createdAt))
      .all();
    for (const r of rows) out.set(`${r.taskId}|${r.orgId}`, r);
  }
  return out;
}

function toTaskRecords(ctx: Ctx, rows: LedgerTaskRow[]): TaskRecord[] {
  const names = unitNames(ctx);
  const today = localIsoDate(ctx.now());
  const latest = latestReports(ctx, rows.map((r) => r.id));
  return rows.map((t) => {
    const targets = t.targetOrgIds.map((o) => ({ orgId: o, orgName: names.get(o) ?? '（未知单位）', ...targetState(t, latest.get(`${t.id}|${o}`), today) }));
    return {
      id: t.id, orgId: t.orgId, orgName: names.get(t.orgId) ?? '', title: t.title, content: t.content, category: t.category,
      issuedOn: t.issuedOn, deadline: t.deadline, createdBy: t.createdBy, targets,
      doneCount: targets.filter((x) => x.doneOn).length,
      overdueCount: targets.filter((x) => x.state === '已逾期' || x.state === '逾期完成').length,
      received: t.origin !== null,
    };
  });
}

function loadTask(ctx: Ctx, id: string, path = 'id'): LedgerTaskRow {
  const row = ctx.db.select().from(ledgerTasks).where(and(eq(ledgerTasks.id, id), isNull(ledgerTasks.deletedAt))).get();
  if (!row) throw path === 'id' ? notFound('任务', id) : validationError([{ path, message: `「任务」不存在（${id}）` }]);
  return row;
}

function reportRecord(ctx: Ctx, r: LedgerTaskReportRow, names: Map<string, string>): TaskReportRecord {
  return {
    id: r.id, taskId: r.taskId, orgId: r.orgId, orgName: names.get(r.orgId) ?? '', progress: r.progress, done: r.done,
    content: r.content, reportedOn: r.reportedOn, reportedBy: r.reportedBy, attachments: listAttachments(ctx, r.id),
  };
}

export const taskHandlers: HandlersFor<typeof tasksContract> = {
  'ledger.tasks.list': (ctx, input) => {
    const where: (SQL | undefined)[] = [isNull(ledgerTasks.deletedAt)];
    if (input.year) where.push(like(ledgerTasks.issuedOn, `${input.year}-%`));
    // Tasks are policy records: readable below their issuer; then only those sent into the scope.
    if (!input.orgId) where.push(scopeCondition(ctx, ledgerTasks.orgId, { policy: true }));
    const scopeSet = input.orgId ? new Set(subtreeIds(ctx, input.orgId)) : readableOrgIds(ctx);
    const scope = scopeSet ? [...scopeSet] : null;
    let rows = ctx.db.select().from(ledgerTasks).where(and(...where)).orderBy(desc(ledgerTasks.issuedOn)).all();
    // A task shows where it was issued and where it was sent; targets live in a JSON column.
    if (scope) {
      const s = new Set(scope);
      rows = rows.filter((t) => s.has(t.orgId) || t.targetOrgIds.some((o) => s.has(o)));
    }
    return { rows: toTaskRecords(ctx, rows) };
  },

  'ledger.tasks.get': (ctx, input) => {
    const task = loadTask(ctx, input.id);
    if (!inScope(ctx, task.orgId) && !task.targetOrgIds.some((o) => inScope(ctx, o))) assertInScope(ctx, task.orgId);
    const names = unitNames(ctx);
    const reports = ctx.db
      .select()
      .from(ledgerTaskReports)
      .where(and(eq(ledgerTaskReports.taskId, task.id), isNull(ledgerTaskReports.deletedAt)))
      .orderBy(asc(ledgerTaskReports.reportedOn), asc(ledgerTaskReports.createdAt))
      .all()
      .filter((r) => inScope(ctx, r.orgId) || inScope(ctx, task.orgId));
    return { ...toTaskRecords(ctx, [task])[0]!, reports: reports.map((r) => reportRecord(ctx, r, names)) };
  },

  'ledger.tasks.create': (tx, input) => {
    const source = knownUnit(tx, input.orgId, 'orgId', '下达单位');
    if (source.level !== 'county' && source.level !== 'street')
      throw validationError([{ path: 'orgId', message: `「下达单位」应为县（区）或街道，“${source.name}”不是` }]);
    const issuedOn = input.issuedOn ?? tx.today;
    assertNotBefore(input.deadline, issuedOn, 'deadline', '时限', '下达日期');
    const below = new Set(subtreeIds(tx, source.id));
    const issues: FieldIssue[] = [];
    const targets = [...new Set(input.targetOrgIds)];
    targets.forEach((o, i) => {
      const u = knownUnit(tx, o, `targetOrgIds.${i}`, '接收社区');
      if (u.level !== 'community' || !below.has(o))
        issues.push({ path: `targetOrgIds.${i}`, message: `「接收社区」“${u.name}”不是${source.name}下属的社区` });
    });
    if (issues.length) throw validationError(issues);
    const id = randomUUID();
    tx.db
      .insert(ledgerTasks)
      .values({
        id, orgId: source.id, title: input.title, content: input.content, category: input.category, issuedOn, deadline: input.deadline,
        targetOrgIds: targets, createdBy: tx.actor.name, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
      })
      .run();
    const created = toTaskRecords(tx, [loadTask(tx, id)])[0]!;
    tx.audit({ entity: 'ledger_task', entityId: id, after: created });
    return created;
  },

  'ledger.tasks.report': (tx, input) => {
    const task = loadTask(tx, input.taskId, 'taskId');
    const unit = knownUnit(tx, input.orgId, 'orgId', '报告社区');
    if (!task.targetOrgIds.includes(unit.id))
      throw validationError([{ path: 'orgId', message: `「报告社区」“${unit.name}”不是任务「${task.title}」的接收社区` }]);
    const reportedOn = input.reportedOn ?? tx.today;
    assertNotBefore(reportedOn, task.issuedOn, 'reportedOn', '报告日期', '任务下达日期');
    if (input.done && input.progress < 100) throw validationError([{ path: 'progress', message: '「进度」标记为已完成时应为 100' }]);
    const prior = latestReports(tx, [task.id]).get(`${task.id}|${unit.id}`);
    if (prior?.done) throw new AppError('conflict', `“${unit.name}”已于 ${prior.reportedOn} 报告完成该任务`);
    checkAttachments(tx, null, input.attachments);
    const id = randomUUID();
    tx.db
      .insert(ledgerTaskReports)
      .values({
        id, orgId: unit.id, taskId: task.id, progress: input.progress, done: input.done, content: input.content, reportedOn,
        reportedBy: tx.actor.name, createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq(),
      })
      .run();
    storeAttachments(tx, unit.id, id, input.attachments);
    const row = tx.db.select().from(ledgerTaskReports).where(eq(ledgerTaskReports.id, id)).get()!;
    const out = reportRecord(tx, row, unitNames(tx));
    tx.audit({ entity: 'ledger_task_report', entityId: id, after: { ...out, attachments: out.attachments.length } });
    return out;
  },
};
