import { and, asc, count, desc, eq, gte, inArray, like, lte, or, type SQL } from 'drizzle-orm';
import { loadExcel } from '../excel.ts';
import { auditLog, orgUnits, users } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { Ctx } from '../context.ts';
import type { securityContract } from './contract.ts';
import { verifyAuditChain } from './audit-chain.ts';
import { auditChanges, auditSentence, operationLabel } from './audit-text.ts';
import type { Role } from './roles.ts';
import { safeRow } from '../xlsx/safe.ts';

type AuditOps = Pick<typeof securityContract, 'audit.list' | 'audit.verify' | 'audit.export'>;

interface Filter {
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | null | undefined;
  operation?: string | null | undefined;
  orgId?: string | null | undefined;
  outcome?: 'ok' | 'denied' | 'failed' | undefined;
}

function auditWhere(ctx: Ctx, input: Filter): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (input.from) where.push(gte(auditLog.at, input.from));
  if (input.to) where.push(lte(auditLog.at, `${input.to}\uffff`));
  if (input.actor) {
    // By username or by name: accounts are found first, then their rows by actor id.
    const q = `%${input.actor}%`;
    const ids = ctx.db.select({ id: users.id }).from(users).where(or(like(users.username, q), like(users.displayName, q))).all().map((u) => `user:${u.id}`);
    where.push(or(like(auditLog.actorName, q), ids.length ? inArray(auditLog.actor, ids) : undefined));
  }
  if (input.operation) where.push(input.operation.includes('.') ? eq(auditLog.operation, input.operation) : like(auditLog.operation, `${input.operation}.%`));
  if (input.orgId) {
    // A unit's rows include those of the units below it.
    const below = ctx.sqlite
      .prepare('WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT o.id FROM org_units o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub')
      .all(input.orgId) as { id: string }[];
    where.push(inArray(auditLog.orgId, below.map((o) => o.id)));
  }
  if (input.outcome) where.push(eq(auditLog.outcome, input.outcome));
  return and(...where);
}

type StoredRow = typeof auditLog.$inferSelect;

function toView(ctx: Ctx, rows: StoredRow[]) {
  const orgName = new Map(ctx.db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).all().map((o) => [o.id, o.name]));
  const roles = new Map(ctx.db.select({ id: users.id, role: users.role }).from(users).all().map((u) => [`user:${u.id}`, u.role as Role]));
  const names = { org: (id: string) => orgName.get(id) ?? null };
  return rows.map((r) => {
    const org = r.orgId ? (orgName.get(r.orgId) ?? null) : null;
    return {
      id: r.id, at: r.at, actor: r.actor, actorName: r.actorName, operation: r.operation, operationLabel: operationLabel(r.operation),
      sentence: auditSentence({ ...r, actorRole: roles.get(r.actor) ?? null, orgName: org }),
      subject: r.subject, orgName: org, entity: r.entity, entityId: r.entityId, outcome: r.outcome, before: r.before, after: r.after,
      detail: auditChanges(r, names),
    };
  });
}

const OUTCOME_LABEL: Record<string, string> = { ok: '成功', denied: '被拒绝', failed: '失败' };

export const auditHandlers: HandlersFor<AuditOps> = {
  'audit.list': (ctx, input) => {
    const where = auditWhere(ctx, input);
    const total = ctx.db.select({ n: count() }).from(auditLog).where(where).get()!.n;
    const rows = ctx.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(input.limit).offset(input.offset).all();
    return { total, rows: toView(ctx, rows) };
  },

  'audit.verify': (ctx) => verifyAuditChain(ctx.sqlite),

  'audit.export': {
    async prepare(ctx, input) {
      const rows = toView(ctx, ctx.db.select().from(auditLog).where(auditWhere(ctx, input)).orderBy(asc(auditLog.id)).all());
      const Excel = await loadExcel();
      const wb = new Excel.Workbook();
      const ws = wb.addWorksheet('审计日志');
      ws.columns = [
        { header: '序号', key: 'id', width: 8 }, { header: '时间', key: 'at', width: 24 }, { header: '经过', key: 'sentence', width: 60 },
        { header: '操作人', key: 'actorName', width: 14 }, { header: '操作', key: 'operation', width: 24 }, { header: '单位', key: 'org', width: 16 },
        { header: '对象', key: 'subject', width: 24 }, { header: '结果', key: 'outcome', width: 8 }, { header: '变更明细', key: 'detail', width: 50 },
        { header: '变更前（敏感值为摘要）', key: 'before', width: 40 }, { header: '变更后（敏感值为摘要）', key: 'after', width: 40 },
      ];
      for (const r of rows)
        ws.addRow(safeRow([r.id, r.at, r.sentence, r.actorName, r.operationLabel, r.orgName, r.subject, OUTCOME_LABEL[r.outcome] ?? r.outcome, r.detail, r.before, r.after]));
      ws.views = [{ state: 'frozen', ySplit: 1 }];
      const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      return (tx) => {
        const fileName = `审计日志-${tx.today}.xlsx`;
        tx.audit({ entity: 'audit_log', after: { exported: rows.length, from: input.from ?? null, to: input.to ?? null } });
        return { fileName, base64, rows: rows.length };
      };
    },
  },
};
