import { existsSync } from 'node:fs';
import { and, count, isNull } from 'drizzle-orm';
import { bundleConflicts } from '../../db/schema/index.ts';
import { scopeCondition } from '../guard/scope.ts';
import type { Ctx } from '../context.ts';
import { listOrgUnits } from '../org/handlers.ts';
import { localIsoDate } from '../roster/dates.ts';
import { backupDir, listBackups } from '../security/backup.ts';
import { belowRequirement } from '../training/hours.ts';
import { countyFigures, communityExchange } from './home-county.ts';
import type { HomeCard, HomeResult, HomeTable } from './home-contract.ts';
import { scopeRootId } from '../security/scope.ts';

// The landing page after login, one view per role (issue 17 §1). Each part reads only what the
// role may already read through its own operations: the clerk and reviewer their org scope,
// the administrator backups, accounts and keys (never the roster).

const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const prevMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

function scopeRoot(ctx: Ctx) {
  const units = listOrgUnits(ctx);
  const scoped = scopeRootId(ctx);
  const root = scoped ? units.find((u) => u.id === scoped) : (units.find((u) => u.level === 'county') ?? units[0]);
  return root ? { id: root.id, name: root.name, level: root.level } : null;
}

function payStatus(ctx: Ctx, orgId: string, month: string): string {
  const s = ctx.sqlite.prepare('SELECT confirmed_at AS at FROM salary_pay_sheets WHERE org_id = ? AND month = ? AND deleted_at IS NULL').get(orgId, month) as { at: string } | undefined;
  return s ? `已确认（${s.at.slice(0, 10)}）` : '未确认';
}

function openCycles(ctx: Ctx, orgIds: Set<string>) {
  const rows = ctx.sqlite.prepare(
    `SELECT c.id, c.name, c.year, c.org_id AS orgId, o.name AS orgName,
            (SELECT COUNT(*) FROM assessment_entries e WHERE e.cycle_id = c.id AND e.deleted_at IS NULL) AS people
       FROM assessment_cycles c JOIN org_units o ON o.id = c.org_id
      WHERE c.deleted_at IS NULL AND c.status = 'open' ORDER BY c.year DESC, o.code`,
  ).all() as { id: string; name: string; year: number; orgId: string; orgName: string; people: number }[];
  return rows.filter((r) => orgIds.has(r.orgId));
}

function subtree(ctx: Ctx, rootId: string): Set<string> {
  const units = listOrgUnits(ctx);
  const out = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units) if (u.parentId && out.has(u.parentId) && !out.has(u.id)) (out.add(u.id), (grew = true));
  }
  return out;
}

function lastExport(ctx: Ctx) {
  const e = ctx.sqlite.prepare(`SELECT seq, to_change_seq AS toSeq, created_at AS at, file_name AS fileName FROM bundle_exports WHERE kind = 'data' AND status = 'written' ORDER BY created_at DESC LIMIT 1`).get() as
    | { seq: number; toSeq: number; at: string; fileName: string } | undefined;
  if (!e) return null;
  // What changed since: people and other records written after the bundle's last change.
  const changed = ctx.sqlite.prepare(
    `SELECT (SELECT COUNT(*) FROM people WHERE change_seq > @s) + (SELECT COUNT(*) FROM training_attendance WHERE change_seq > @s)
          + (SELECT COUNT(*) FROM assessment_results WHERE change_seq > @s) + (SELECT COUNT(*) FROM salary_pay_lines WHERE change_seq > @s) AS n`,
  ).get({ s: e.toSeq }) as { n: number };
  return { ...e, changed: changed.n };
}

function clerkView(ctx: Ctx, root: NonNullable<HomeResult['scope']>, today: string): Pick<HomeResult, 'cards' | 'tables' | 'notes'> {
  const month = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  const below = belowRequirement(ctx, { year, orgId: root.id }).rows;
  const cycles = openCycles(ctx, subtree(ctx, root.id));
  const pay = payStatus(ctx, root.id, month);
  const sent = lastExport(ctx);
  const cards: HomeCard[] = [
    { key: 'below', label: '未达培训要求', value: `${below.length} 人`, hint: `${year} 年度`, tone: below.length ? 'warn' : 'ok', link: '#/training' },
    { key: 'cycles', label: '考核未确认', value: `${cycles.length} 个`, hint: '录入中的考核周期', tone: cycles.length ? 'warn' : 'ok', link: '#/assessment' },
    { key: 'pay', label: `${month} 工资表`, value: pay, hint: `截止 ${monthEnd(month)}`, tone: pay === '未确认' ? 'warn' : 'ok', link: '#/salary' },
    sent
      ? { key: 'sent', label: '最近一次报送', value: sent.at.slice(0, 10), hint: `第 ${sent.seq} 号数据包；此后变更 ${sent.changed} 条`, tone: sent.changed ? 'info' : 'ok', link: '#/exchange' }
      : { key: 'sent', label: '最近一次报送', value: '尚未报送', hint: '数据交换页导出数据包', tone: 'warn', link: '#/exchange' },
  ];
  const tasks: HomeTable = {
    key: 'tasks', title: '本月任务', empty: '本月没有待办任务',
    columns: [{ key: 'task', label: '任务' }, { key: 'deadline', label: '截止' }, { key: 'status', label: '状态' }],
    rows: [
      { task: `${month} 工资表审核确认`, deadline: monthEnd(month), status: pay },
      { task: '向县级报送数据包', deadline: monthEnd(month), status: sent && sent.at.slice(0, 7) === month ? '本月已报送' : '本月未报送' },
      ...cycles.map((c) => ({ task: `${c.name}（${c.orgName}）`, deadline: `${c.year + 1}-01-31`, status: `录入中，${c.people} 人` })),
    ],
  };
  const people: HomeTable = {
    key: 'below', title: '未达年度培训要求的人员', empty: '全部达标',
    columns: [{ key: 'name', label: '姓名' }, { key: 'orgName', label: '社区' }, { key: 'hours', label: '学时' }, { key: 'shortfall', label: '差额' }],
    rows: below.slice(0, 50).map((r) => ({ name: r.name, orgName: r.orgName, hours: r.hours, shortfall: r.shortfall })),
  };
  return { cards, tables: [tasks, people], notes: ['工单与台账待办将在台账模块上线后显示于此。'] };
}

function reviewerView(ctx: Ctx, root: NonNullable<HomeResult['scope']>, today: string): Pick<HomeResult, 'cards' | 'tables' | 'notes'> {
  const month = today.slice(0, 7);
  const cycles = openCycles(ctx, subtree(ctx, root.id));
  const months = [prevMonth(month), month].map((m) => ({ m, s: payStatus(ctx, root.id, m) }));
  const unconfirmed = months.filter((x) => x.s === '未确认');
  // A list without an orgId: kept to the caller's scope by the record guard's condition.
  const conflicts = ctx.db.select({ n: count() }).from(bundleConflicts)
    .where(and(isNull(bundleConflicts.resolvedAt), scopeCondition(ctx, bundleConflicts.orgId))).get()!.n;
  return {
    cards: [
      { key: 'cycles', label: '待确认考核', value: `${cycles.length} 个`, hint: '考核周期录入完成后由审核员确认', tone: cycles.length ? 'warn' : 'ok', link: '#/assessment' },
      { key: 'pay', label: '待确认工资表', value: `${unconfirmed.length} 个月`, hint: months.map((x) => `${x.m} ${x.s}`).join('；'), tone: unconfirmed.length ? 'warn' : 'ok', link: '#/salary' },
      { key: 'conflicts', label: '待处理冲突', value: `${conflicts} 条`, hint: '数据包合并时发现的冲突', tone: conflicts ? 'bad' : 'ok', link: '#/exchange' },
    ],
    tables: [{
      key: 'waiting', title: '等待确认的事项', empty: '没有等待确认的事项',
      columns: [{ key: 'item', label: '事项' }, { key: 'unit', label: '单位' }, { key: 'status', label: '状态' }],
      rows: [
        ...cycles.map((c) => ({ item: c.name, unit: c.orgName, status: `${c.people} 人，待确认` })),
        ...unconfirmed.map((x) => ({ item: `${x.m} 工资表`, unit: root.name, status: '待确认' })),
      ],
    }],
    notes: [],
  };
}

function adminView(ctx: Ctx): Pick<HomeResult, 'cards' | 'tables' | 'notes'> {
  const dbFile = ctx.security?.vault.dbFile ?? null;
  const folder = dbFile ? backupDir(dbFile) : null;
  const backups = folder && existsSync(folder) ? listBackups(folder) : [];
  const last = backups.map((b) => b.createdAt).sort().at(-1) ?? null;
  const users = ctx.sqlite.prepare('SELECT role, disabled, must_change_password AS mustChange FROM users').all() as { role: string; disabled: number; mustChange: number }[];
  const key = ctx.sqlite.prepare(`SELECT fingerprint, created_at AS at FROM bundle_own_keys WHERE status = 'active' LIMIT 1`).get() as { fingerprint: string; at: string } | undefined;
  const ageDays = last ? Math.floor((ctx.now().getTime() - new Date(last).getTime()) / 86_400_000) : null;
  return {
    cards: [
      { key: 'backup', label: '最近备份', value: last ? last.slice(0, 10) : '没有备份', hint: `共 ${backups.length} 份`, tone: ageDays === null || ageDays > 7 ? 'warn' : 'ok', link: '#/settings' },
      { key: 'accounts', label: '账号', value: `${users.filter((u) => !u.disabled).length} 个启用`, hint: `停用 ${users.filter((u) => u.disabled).length} 个；待改初始密码 ${users.filter((u) => u.mustChange).length} 个`, tone: 'info', link: '#/settings' },
      { key: 'keys', label: '交换密钥', value: key ? '已初始化' : '未初始化', hint: key ? `指纹 ${key.fingerprint.slice(0, 16)}…，${key.at.slice(0, 10)} 生成` : '数据交换页初始化密钥', tone: key ? 'ok' : 'warn', link: '#/exchange' },
    ],
    tables: [],
    notes: [],
  };
}

export function homeFor(ctx: Ctx): HomeResult {
  const today = localIsoDate(ctx.now());
  const scope = scopeRoot(ctx);
  const role = ctx.actor.role ?? 'admin';
  const base = { today, scope };
  if (role === 'auditor') return { ...base, view: 'auditor', title: '审计员首页', cards: [], tables: [], notes: ['请在“审计日志”页查看与核验操作记录。'] };
  if (role === 'admin' || !scope) {
    const a = adminView(ctx);
    const x = communityExchange(ctx);
    return { ...base, view: 'admin', title: '系统管理员首页', cards: a.cards, tables: x ? [x.table] : [], notes: a.notes };
  }
  if (scope.level === 'county') {
    const figures = countyFigures(ctx, scope.id, today);
    const x = communityExchange(ctx);
    const waiting = role === 'reviewer' ? reviewerView(ctx, scope, today) : null;
    return {
      ...base, view: 'county', title: `${scope.name}首页`,
      cards: [...figures.cards, ...(x ? x.cards : []), ...(waiting?.cards ?? [])],
      tables: [...(x ? [x.table] : []), figures.table, ...(waiting?.tables ?? [])],
      notes: figures.notes,
    };
  }
  const v = role === 'reviewer' ? reviewerView(ctx, scope, today) : clerkView(ctx, scope, today);
  return { ...base, view: role === 'reviewer' ? 'reviewer' : 'clerk', title: `${scope.name}首页`, ...v };
}
