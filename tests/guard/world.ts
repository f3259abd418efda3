import { randomUUID } from 'node:crypto';
import { openTestApp, seedOrgTree, type TestApp } from '../helpers/app.ts';
import type { GuardedTable } from '../../core/guard/refs.ts';
import { sampleSchemeConfig } from '../../core/salary/sample.ts';
import type { Actor } from '../../core/context.ts';
import type { Role } from '../../core/security/roles.ts';

// Two communities under one street, each holding one record of every guarded table, built
// through the operations themselves (as the system actor). The scope test then calls every
// operation as an account scoped to A with B's ids, and the origin test with A's own records
// marked as received.

export type Ids = Record<GuardedTable, string>;
export const FIXED_NOW = new Date('2026-06-15T10:00:00+08:00');

export interface World {
  app: TestApp;
  a: Ids;
  b: Ids;
  county: { id: string; name: string };
  street: { id: string };
}

/** How one table's record is made in a unit; each module keeps its line here. */
type Builder = (app: TestApp, orgId: string, ids: Partial<Ids>) => Promise<string>;

let n = 0;
const BUILDERS: Record<GuardedTable, Builder> = {
  org_units: async (_app, orgId) => orgId,
  people: async (app, orgId) =>
    (await app.ok('roster.create', {
      orgId, name: `守卫${++n}`, gender: '女', ethnicity: '汉族', birthDate: '1985-03-01', politicalStatus: '中共党员',
      posts: ['专职社区工作者'], postCategory: '其他', communityWorkStartDate: '2015-03-01', phone: `1380000${String(1000 + n)}`,
    })).id,
  training_classes: async (app, orgId) =>
    (await app.ok('training.classes.create', {
      orgId, name: '政治理论轮训', category: '轮训', level: '社区', form: '集中', startDate: '2026-03-02', endDate: '2026-03-02', hours: 4,
    })).id,
  training_attendance: async (app, _orgId, ids) => (await app.ok('training.enrollOne', { classId: ids.training_classes!, personId: ids.people! })).id,
  training_series: async (app, orgId) => (await app.ok('training.series.create', { orgId, name: '书记讲堂', level: '社区' })).id,
  training_sessions: async (app, _orgId, ids) =>
    (await app.ok('training.sessions.create', { seriesId: ids.training_series!, topic: '第一期', speakerName: '张书记', date: '2026-04-01', hours: 2 })).id,
  // Installation-wide policy lists: their rows belong to no community; the origin test covers them.
  training_categories: async () => '',
  training_requirement_rules: async () => '',
  assessment_schemes: async (app, orgId) => (await app.ok('assessment.installSample', { orgId, year: 2025 })).id,
  assessment_cycles: async (app, orgId, ids) => (await app.ok('assessment.createCycle', { schemeId: ids.assessment_schemes!, orgId })).id,
  assessment_entries: async (app, _orgId, ids) => (await app.ok('assessment.sheet', { cycleId: ids.assessment_cycles! })).rows[0]!.entryId,
  assessment_sessions: async (app, _orgId, ids) =>
    (await app.ok('assessment.saveSession', {
      cycleId: ids.assessment_cycles!, date: '2025-12-20', raterGroup: '党员和居民代表', issued: 10, returned: 10, valid: 10, invalid: 0,
      counter: '张计票', supervisor: '李监票', announced: true, tallies: [{ entryId: ids.assessment_entries!, counts: { 优秀: 6, 称职: 4 } }],
    } as never)).id,
  // Results exist once a cycle is confirmed: the one person fully scored, the proposal accepted.
  assessment_results: async (app, _orgId, ids) => {
    const cycleId = ids.assessment_cycles!;
    const scores = { de: 6, neng: 6, qin: 6, ji: 6, lian: 6, peer_conduct: 4, peer_skill: 3, peer_team: 3 };
    await app.ok('assessment.saveScores', { cycleId, rows: [{ entryId: ids.assessment_entries!, scores }] });
    await app.ok('assessment.acceptProposals', { cycleId });
    await app.ok('assessment.confirm', { cycleId });
    return rowId(app, 'assessment_results', ids.people!);
  },
  salary_schemes: async (app, orgId) =>
    (await app.ok('salary.saveScheme', { orgId, name: `本社区方案${++n}`, docNo: '示例〔2024〕1号', effectiveDate: `20${10 + (n % 80)}-01-01`, sample: true, config: sampleSchemeConfig() })).id,
  salary_grade_inputs: async (app, _orgId, ids) => {
    await app.ok('salary.setGrades', { year: 2025, grades: [{ personId: ids.people!, grade: '称职' }] } as never);
    return rowId(app, 'salary_grade_inputs', ids.people!);
  },
  salary_level_history: async (app, _orgId, ids) => {
    await app.ok('salary.gradeInitial', { personId: ids.people!, effectiveDate: '2024-01-01', approver: '审批人' } as never);
    return rowId(app, 'salary_level_history', ids.people!);
  },
  salary_promotion_runs: async (app, orgId) => {
    await app.ok('salary.approvePromotion', { orgId, year: 2025, approver: '审批人' } as never);
    return rowId(app, 'salary_promotion_runs', null, orgId);
  },
  salary_pay_sheets: async (app, orgId) => {
    await app.ok('salary.confirmMonth', { orgId, month: '2026-03' });
    return rowId(app, 'salary_pay_sheets', null, orgId);
  },
  salary_pay_lines: async (app, orgId) => rowId(app, 'salary_pay_lines', null, orgId),
  // The sample scheme withholds nothing, so a settlement row is written as a confirmation would.
  salary_settlements: async (app, orgId) => {
    const id = randomUUID();
    app.opened.sqlite
      .prepare(`INSERT INTO salary_settlements (id, org_id, created_at, updated_at, change_seq, year, scheme_id, scheme_name, confirmed_at, confirmed_by, total_fen, lines)
        VALUES (?, ?, ?, ?, (SELECT coalesce(max(change_seq), 0) + 1 FROM salary_settlements), 2024, ?, '示例方案', ?, '审批人', 0, '[]')`)
      .run(id, orgId, FIXED_NOW.toISOString(), FIXED_NOW.toISOString(), randomUUID(), FIXED_NOW.toISOString());
    return id;
  },
  bundle_conflicts: async (app, orgId) => {
    const id = randomUUID();
    app.opened.sqlite
      .prepare('INSERT INTO bundle_conflicts (id, table_name, record_id, sender_code, org_id, record, reason, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, 'people', randomUUID(), '610402001002', orgId, '{}', '测试冲突', FIXED_NOW.toISOString());
    return id;
  },
  ledger_items: async (app, orgId) => (await app.ok('ledger.items.create', { orgId, kind: '问题', title: '楼道照明', category: '设施' })).id,
  // A street task sent to this community only; the community's completion report on it.
  ledger_tasks: async (app, orgId) => {
    const parent = app.opened.sqlite.prepare('SELECT parent_id AS p FROM org_units WHERE id = ?').get(orgId) as { p: string };
    return (await app.ok('ledger.tasks.create', { orgId: parent.p, title: '主题党日', category: '组织生活', deadline: '2026-12-31', targetOrgIds: [orgId] })).id;
  },
  ledger_task_reports: async (app, orgId, ids) =>
    (await app.ok('ledger.tasks.report', { taskId: ids.ledger_tasks!, orgId, progress: 50, content: '推进中' })).id,
  ledger_attachments: async (app, _orgId, ids) => {
    await app.ok('ledger.items.update', {
      id: ids.ledger_items!, title: '楼道照明', category: '设施', progress: 10,
      attachments: [{ fileName: '现场.png', mime: 'image/png', dataBase64: Buffer.from('照片').toString('base64') }],
    });
    return rowId(app, 'ledger_attachments', null, (await app.ok('ledger.items.get', { id: ids.ledger_items! })).orgId);
  },
  ledger_orders: async (app, orgId) => (await app.ok('ledger.orders.register', { orgId, source: '热线', title: '路灯不亮', category: '设施' })).id,
  ledger_quarter_reports: async (app, orgId) => (await app.ok('ledger.quarters.create', { orgId, year: 2026, quarter: 1, summary: '一季度小结' })).id,
  // 共建与网格 (issue 16 part B): a unit with an agreement in force, a meeting it chairs, a grid
  // with a 双报到 member in it, a team drawing on both lists, an activity, a service line and feedback.
  coop_units: async (app, orgId) => (await app.ok('ledger.coop.units.create', { orgId, name: `守卫单位${++n}`, kind: '机关' })).id,
  coop_agreements: async (app, orgId, ids) =>
    (await app.ok('ledger.coop.agreements.create', { orgId, unitId: ids.coop_units!, title: '共建协议', signedDate: '2026-01-05', startDate: '2026-01-01', endDate: '2026-12-31' })).id,
  coop_agreement_reports: async (app, _orgId, ids) =>
    (await app.ok('ledger.coop.reports.create', { agreementId: ids.coop_agreements!, quarter: '2026-Q1', submittedDate: '2026-04-05', content: '一季度报告' })).id,
  coop_meetings: async (app, orgId, ids) => (await app.ok('ledger.coop.meetings.create', { orgId, date: '2026-03-20', hostUnitId: ids.coop_units! })).id,
  grid_areas: async (app, orgId, ids) => (await app.ok('ledger.grid.areas.create', { orgId, name: '第一网格', households: 200, leaderPersonId: ids.people! })).id,
  grid_registrations: async (app, orgId, ids) =>
    (await app.ok('ledger.grid.registrations.create', { orgId, kind: '在职党员', name: '周在职', workUnit: '县财政局', gridId: ids.grid_areas!, registeredDate: '2026-03-01' })).id,
  grid_service_records: async (app, _orgId, ids) =>
    (await app.ok('ledger.grid.services.create', { registrationId: ids.grid_registrations!, date: '2026-04-01', category: '社区治理', content: '调解' })).id,
  grid_service_feedback: async (app, _orgId, ids) =>
    (await app.ok('ledger.grid.feedback.create', { registrationId: ids.grid_registrations!, quarter: '2026-Q1', sentDate: '2026-04-02', summary: '反馈' })).id,
  coop_teams: async (app, orgId, ids) =>
    (await app.ok('ledger.coop.teams.create', { orgId, name: '红马甲服务队', members: [{ source: '花名册', personId: ids.people! }, { source: '双报到', registrationId: ids.grid_registrations! }] })).id,
  coop_activities: async (app, orgId, ids) =>
    (await app.ok('ledger.coop.activities.create', { orgId, date: '2026-05-01', title: '义诊', unitIds: [ids.coop_units!], teamIds: [ids.coop_teams!], participants: 20 })).id,
  users: async (app, orgId) => {
    const id = randomUUID();
    app.opened.sqlite
      .prepare(`INSERT INTO users (id, username, display_name, role, org_scope_id, password_salt, password_hash, password_history,
        must_change_password, disabled, created_at, updated_at, password_changed_at) VALUES (?, ?, '守卫账号', 'clerk', ?, 'x', 'x', '[]', 0, 0, ?, ?, ?)`)
      .run(id, `guard${++n}`, orgId, FIXED_NOW.toISOString(), FIXED_NOW.toISOString(), FIXED_NOW.toISOString());
    return id;
  },
};

/** The newest row of a table that an operation wrote without returning its id. */
function rowId(app: TestApp, table: string, personId: string | null = null, orgId: string | null = null): string {
  const where = personId ? 'WHERE person_id = ?' : orgId ? 'WHERE org_id = ?' : '';
  const row = app.opened.sqlite.prepare(`SELECT id FROM ${table} ${where} ORDER BY rowid DESC LIMIT 1`).get(...(personId ? [personId] : orgId ? [orgId] : [])) as
    | { id: string }
    | undefined;
  return row?.id ?? '';
}

export const buildErrors: string[] = [];

export async function buildWorld(): Promise<World> {
  const app = openTestApp({ now: () => FIXED_NOW });
  const tree = await seedOrgTree(app);
  const other = await app.ok('org.create', { level: 'community', parentId: tree.street.id, name: '友谊社区', code: '610402001002' });
  const fill = async (orgId: string) => {
    const ids: Partial<Ids> = {};
    for (const [table, build] of Object.entries(BUILDERS) as [GuardedTable, Builder][]) {
      try {
        ids[table] = await build(app, orgId, ids);
      } catch (e) {
        // Reported by the test that needs every table, with the reason, instead of stopping here.
        ids[table] = '';
        buildErrors.push(`${table}: ${(e as Error).message}`);
      }
    }
    return ids as Ids;
  };
  return { app, a: await fill(tree.community.id), b: await fill(other.id), county: tree.county, street: tree.street };
}

export function scopedActor(role: Role, orgScopeId: string): Actor {
  return { kind: 'user', id: `guard-${role}`, name: `守卫${role}`, role, orgScopeId };
}
