import { eq } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as s from '../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import type { GuardedTable } from './refs.ts';
import { schemeSealedBy } from '../salary/seal.ts';

// One entry per table addressed by id: how the guard finds a stored row's org unit, whether
// its rows are policy (set by the unit that owns them and readable below it), and whether a
// stored row is sealed. Frappe's has_permission, declared per table instead of per handler
// (../shared/models.md §7). A module adds its table here once and every operation that names
// the table's ids in its contract is guarded.

type Row = Record<string, unknown>;

export interface GuardSpec {
  table: SQLiteTable & { id: SQLiteColumn };
  /** What a Chinese message calls one record. */
  label: string;
  /** The org unit a stored row belongs to; default its `orgId`. */
  orgOf?: (row: Row) => string;
  /** Policy records (schemes, requirements, categories) are readable by every unit below their owner. */
  policy?: boolean;
  /** Why a stored row may no longer be changed (a confirmed period), or null. */
  sealed?: (ctx: Ctx, row: Row) => string | null;
  /** Tables with no `origin` column: local by nature (bundle bookkeeping). */
  local?: boolean;
}

/** Entries, sessions and results of a confirmed cycle are frozen until an audited re-open. */
function lockedCycle(ctx: Ctx, row: Row): string | null {
  const cycleId = typeof row.cycleId === 'string' ? row.cycleId : null;
  if (!cycleId) return null;
  const c = ctx.db.select({ name: s.assessmentCycles.name, status: s.assessmentCycles.status }).from(s.assessmentCycles).where(eq(s.assessmentCycles.id, cycleId)).get();
  return c?.status === 'locked' ? `考核周期“${c.name}”已确认锁定，不能修改；如需更正，请先执行“重新开启”并写明原因` : null;
}

export const GUARD: Record<GuardedTable, GuardSpec> = {
  org_units: { table: s.orgUnits, label: '组织单位' },
  people: { table: s.people, label: '人员' },
  training_classes: { table: s.trainingClasses, label: '培训班次' },
  training_series: { table: s.trainingSeries, label: '讲堂系列' },
  training_sessions: { table: s.trainingSessions, label: '讲堂场次' },
  training_attendance: { table: s.trainingAttendance, label: '参训记录' },
  training_categories: { table: s.trainingCategories, label: '培训类别', policy: true },
  training_requirement_rules: { table: s.trainingRequirementRules, label: '学时要求', policy: true },
  assessment_schemes: { table: s.assessmentSchemes, label: '考核方案', policy: true },
  assessment_cycles: { table: s.assessmentCycles, label: '考核周期' },
  assessment_entries: { table: s.assessmentEntries, label: '考核记录', sealed: lockedCycle },
  assessment_sessions: { table: s.assessmentSessions, label: '民主测评场次', sealed: lockedCycle },
  assessment_results: { table: s.assessmentResults, label: '考核结果', sealed: lockedCycle },
  // A version a confirmed month was paid under is frozen; copying it to a new version stays open.
  salary_schemes: {
    table: s.salarySchemes, label: '薪酬方案', policy: true,
    sealed: (ctx, r) => {
      const month = schemeSealedBy(ctx, String(r.id));
      return month ? `薪酬方案“${String(r.name)}”已用于 ${month} 已确认的工资表，不能直接修改；如需调整请复制为新版本（新的生效日期）后修改` : null;
    },
  },
  salary_grade_inputs: { table: s.salaryGradeInputs, label: '年度等次' },
  salary_level_history: { table: s.salaryLevelHistory, label: '岗级记录' },
  // An approved run and a confirmed month are records of decisions and money paid: no
  // operation may change them in place (corrections are new records, core/salary/seal.ts).
  salary_promotion_runs: { table: s.salaryPromotionRuns, label: '晋级批次', sealed: (_c, r) => `${String(r.year)} 年度晋级批次已审批，不能修改` },
  salary_pay_sheets: { table: s.salaryPaySheets, label: '工资表', sealed: (_c, r) => `${String(r.month)} 的工资表已确认，不能修改；更正请在下一个未确认月份补发或扣回` },
  salary_settlements: { table: s.salarySettlements, label: '年终绩效结算', sealed: (_c, r) => `${String(r.year)} 年度绩效结算已确认，不能修改` },
  salary_pay_lines: { table: s.salaryPayLines, label: '工资明细', sealed: () => '已确认的工资明细不能修改；更正请在下一个未确认月份补发或扣回' },
  bundle_conflicts: { table: s.bundleConflicts, label: '冲突记录', local: true },
  // An account belongs to the unit it is scoped to; an unscoped account to no unit a scoped
  // administrator covers.
  coop_units: { table: s.coopUnits, label: '共建单位' },
  coop_agreements: { table: s.coopAgreements, label: '共建协议' },
  coop_agreement_reports: { table: s.coopAgreementReports, label: '协议季度报告' },
  coop_meetings: { table: s.coopMeetings, label: '联席会议' },
  coop_activities: { table: s.coopActivities, label: '共建活动' },
  coop_teams: { table: s.coopTeams, label: '志愿服务队' },
  grid_areas: { table: s.gridAreas, label: '网格' },
  grid_registrations: { table: s.gridRegistrations, label: '双报到登记' },
  grid_service_records: { table: s.gridServiceRecords, label: '服务记录' },
  grid_service_feedback: { table: s.gridServiceFeedback, label: '服务反馈' },
  users: { table: s.users, label: '账号', local: true, orgOf: (r) => (typeof r.orgScopeId === 'string' ? r.orgScopeId : '') },
  // 台账: a county or street task is read by the communities below it; what they report is theirs.
  ledger_tasks: { table: s.ledgerTasks, label: '任务', policy: true },
  ledger_task_reports: { table: s.ledgerTaskReports, label: '完成报告' },
  ledger_items: {
    table: s.ledgerItems,
    label: '清单条目',
    sealed: (_ctx, r) => (r.closedOn ? `「${String(r.title)}」已于 ${String(r.closedOn)} 销号，不能再修改；如有新情况请新建条目` : null),
  },
  ledger_orders: { table: s.ledgerOrders, label: '工单', sealed: (_ctx, r) => (r.status === '已销号' ? '该工单已销号，不能再办理任何步骤' : null) },
  ledger_attachments: { table: s.ledgerAttachments, label: '佐证材料' },
  ledger_quarter_reports: {
    table: s.ledgerQuarterReports,
    label: '季度报告',
    sealed: (_ctx, r) =>
      r.sealedAt ? `${String(r.year)} 年第 ${String(r.quarter)} 季度报告已于 ${String(r.sealedAt).slice(0, 10)} 封存，不能修改；如需更正请新建一份更正报告` : null,
  },
};

/** Tables written by mutations, checked after each one (core/guard/written.ts). */
export function guardedTableNames(): GuardedTable[] {
  return Object.keys(GUARD) as GuardedTable[];
}
