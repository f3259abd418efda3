import type { OpName } from '../contract/index.ts';
import { ROLE_LABEL, type Role } from './roles.ts';

// The role × operation matrix (MLPS 2.0 separation of duties): the administrator manages
// accounts, settings, keys and the org tree; the clerk (录入员) enters data; the reviewer
// (审核员) reads, confirms and approves; the auditor (审计员) reads the audit log and nothing
// else. `audit: true` marks queries that still leave an audit row (exports, key display).
// tests/security/access.test.ts enumerates the contract: an operation missing here fails it,
// and the dispatcher refuses it.

export interface Rule {
  /** 'public': answered before login; 'session': any logged-in account; else these roles. */
  roles: 'public' | 'session' | readonly Role[];
  audit?: boolean;
}

const ENTRY: readonly Role[] = ['clerk'];
const READ: readonly Role[] = ['clerk', 'reviewer'];
const APPROVE: readonly Role[] = ['reviewer'];
const ADMIN: readonly Role[] = ['admin'];
const AUDITOR: readonly Role[] = ['auditor'];

const r = (roles: Rule['roles'], audit = false): Rule => (audit ? { roles, audit } : { roles });

export const ACCESS: Record<OpName, Rule> = {
  'setup.status': r('public'),
  'setup.init': r('public'),
  'auth.login': r('public'),
  'auth.unlock': r('public'),
  'auth.recover': r('public'),
  'auth.me': r('session'),
  'auth.logout': r('session'),
  'auth.changePassword': r('session'),
  'users.list': r(ADMIN),
  'users.create': r(ADMIN),
  'users.update': r(ADMIN),
  'users.resetPassword': r(ADMIN),
  'settings.getSecurity': r(ADMIN),
  'settings.updateSecurity': r(ADMIN),
  'backup.list': r(ADMIN),
  'backup.create': r(ADMIN),
  'backup.restore': r(ADMIN),
  'backup.restoreAtLogin': r('public'),
  'audit.list': r(AUDITOR),
  'audit.verify': r(AUDITOR),
  'audit.export': r(AUDITOR),

  'codes.list': r('session'),
  'system.info': r('session'),
  'system.findInstallers': r(ADMIN),
  'org.tree': r('session'),
  'org.create': r(['admin', 'clerk']),
  'org.update': r(['admin', 'clerk']),

  'roster.list': r(READ),
  'roster.page': r(READ),
  'roster.get': r(READ),
  'roster.create': r(ENTRY),
  'roster.update': r(ENTRY),
  'roster.retire': r(ENTRY),
  'roster.undoRetire': r(ENTRY),
  'roster.reveal': r(READ),
  'roster.importPreview': r(ENTRY),
  'roster.importProgress': r(ENTRY),
  'roster.importCommit': r(ENTRY),
  'roster.importErrorReport': r(ENTRY),
  'roster.export': r(READ, true),
  'roster.exportTemplate': r(READ),

  'keys.init': r(ADMIN),
  'keys.show': r(['admin', 'clerk', 'reviewer']),
  'keys.importIdentity': r(ADMIN),
  'keys.rotate': r(ADMIN),
  'keys.backup': r(ADMIN),
  'keys.importBackup': r(ADMIN),
  'keys.revokePeer': r(ADMIN),

  'enroll.exportProfile': r(ADMIN, true),
  'enroll.importProfile': r(ADMIN),
  'enroll.confirmProfile': r(ADMIN),
  'enroll.exportRequest': r(ADMIN, true),
  'enroll.importRequest': r(ADMIN),

  'bundle.export': r(['admin', 'clerk']),
  'bundle.exportDone': r(['admin', 'clerk']),
  'bundle.import': r(['admin', 'reviewer']),
  'bundle.importMany': r(['admin', 'reviewer']),
  'bundle.inspect': r(['admin', 'reviewer']),
  'bundle.history': r(['admin', 'clerk', 'reviewer']),
  'bundle.overview': r(['admin', 'reviewer']),
  'bundle.auditHolds': r(['admin', 'reviewer']),
  'bundle.conflicts': r(['admin', 'reviewer']),
  // Deciding which record counts is a review, as is accepting a held bundle.
  'bundle.resolveConflict': r(['reviewer']),
  // A business decision about a community's data: the 审核员's, not the 系统管理员's.
  'bundle.auditDecide': r(['reviewer']),

  'salary.sampleScheme': r(READ),
  'salary.sampleSchemes': r(READ),
  'salary.schemes': r(READ),
  'salary.scheme': r(READ),
  'salary.grades': r(READ),
  'salary.gradingPreview': r(READ),
  'salary.gradingDefaults': r(READ),
  'salary.batchGradingPreview': r(READ),
  'salary.postProposals': r(READ),
  'salary.levelBonuses': r(READ),
  'salary.history': r(READ),
  'salary.promotionPreview': r(READ),
  'salary.paySheet': r(READ),
  'salary.paySheetSummary': r(READ),
  'salary.paySheetPage': r(READ),
  'salary.exportPaySheet': r(READ, true),
  'salary.settlement': r(READ),
  'salary.settlementSummary': r(READ),
  'salary.settlementPage': r(READ),
  'salary.exportSettlement': r(READ, true),
  'salary.saveScheme': r(ENTRY),
  'salary.copyScheme': r(ENTRY),
  'salary.setGrades': r(ENTRY),
  'salary.gradeInitial': r(ENTRY),
  'salary.setLevel': r(ENTRY),
  'salary.applyLevelBonus': r(ENTRY),
  'salary.batchGrade': r(ENTRY),
  'salary.correctGrading': r(ENTRY),
  'salary.approvePromotion': r(APPROVE),
  'salary.confirmMonth': r(APPROVE),
  'salary.confirmSettlement': r(APPROVE),

  'assessment.schemes': r(READ),
  'assessment.scheme': r(READ),
  'assessment.cycles': r(READ),
  'assessment.sheet': r(READ),
  'assessment.sheetSummary': r(READ),
  'assessment.sheetPage': r(READ),
  'assessment.sessionPage': r(READ),
  'assessment.results': r(READ),
  'assessment.distribution': r(READ),
  'assessment.exportXlsx': r(READ, true),
  'assessment.saveScheme': r(ENTRY),
  'assessment.installSample': r(ENTRY),
  'assessment.createCycle': r(ENTRY),
  'assessment.saveScores': r(ENTRY),
  'assessment.saveNotes': r(ENTRY),
  'assessment.saveSession': r(ENTRY),
  'assessment.deleteSession': r(ENTRY),
  'assessment.setFinalGrade': r(['clerk', 'reviewer']),
  'assessment.acceptProposals': r(['clerk', 'reviewer']),
  'assessment.confirm': r(APPROVE),
  'assessment.reopen': r(APPROVE),

  'training.classes.list': r(READ),
  'training.classes.get': r(READ),
  'training.series.list': r(READ),
  'training.series.get': r(READ),
  'training.attendance.list': r(READ),
  'training.categories.list': r(READ),
  'training.requirements.list': r(READ),
  'training.hoursByPerson': r(READ),
  'training.belowRequirement': r(READ),
  'training.hoursPage': r(READ),
  'training.belowRequirement.export': r(READ, true),
  'training.personHistory': r(READ),
  'training.classes.create': r(ENTRY),
  'training.classes.update': r(ENTRY),
  'training.classes.remove': r(ENTRY),
  'training.series.create': r(ENTRY),
  'training.series.update': r(ENTRY),
  'training.sessions.create': r(ENTRY),
  'training.sessions.update': r(ENTRY),
  'training.enroll': r(ENTRY),
  'training.enrollOne': r(ENTRY),
  'training.attendance.update': r(ENTRY),
  'training.attendance.setStatus': r(ENTRY),
  'training.attendance.remove': r(ENTRY),
  'training.signin.import': r(ENTRY),
  'training.categories.save': r(ENTRY),
  'training.requirements.save': r(ENTRY),

  'report.catalog': r(READ),
  'report.run': r(READ),
  'report.drill': r(READ),
  'report.export': r(READ, true),
  // The landing page; what it shows is cut to the role (core/report/home.ts). The auditor's is the audit log.
  'home.get': r(['admin', 'clerk', 'reviewer']),

  // 共建与网格 (issue 16 part B): kept by the street or community that enters them.
  'ledger.coop.units.list': r(READ),
  'ledger.coop.agreements.list': r(READ),
  'ledger.coop.reports.list': r(READ),
  'ledger.coop.meetings.list': r(READ),
  'ledger.coop.activities.list': r(READ),
  'ledger.coop.teams.list': r(READ),
  'ledger.coopOverview': r(READ),
  'ledger.grid.areas.list': r(READ),
  'ledger.grid.registrations.list': r(READ),
  'ledger.grid.services.list': r(READ),
  'ledger.coop.export': r(READ, true),
  'ledger.coop.units.create': r(ENTRY),
  'ledger.coop.units.update': r(ENTRY),
  'ledger.coop.units.remove': r(ENTRY),
  'ledger.coop.agreements.create': r(ENTRY),
  'ledger.coop.agreements.update': r(ENTRY),
  'ledger.coop.agreements.remove': r(ENTRY),
  'ledger.coop.meetings.create': r(ENTRY),
  'ledger.coop.meetings.update': r(ENTRY),
  'ledger.coop.meetings.remove': r(ENTRY),
  'ledger.coop.activities.create': r(ENTRY),
  'ledger.coop.activities.update': r(ENTRY),
  'ledger.coop.activities.remove': r(ENTRY),
  'ledger.coop.teams.create': r(ENTRY),
  'ledger.coop.teams.update': r(ENTRY),
  'ledger.coop.teams.remove': r(ENTRY),
  'ledger.coop.reports.create': r(ENTRY),
  'ledger.grid.areas.create': r(ENTRY),
  'ledger.grid.areas.update': r(ENTRY),
  'ledger.grid.areas.remove': r(ENTRY),
  'ledger.grid.registrations.create': r(ENTRY),
  'ledger.grid.registrations.update': r(ENTRY),
  'ledger.grid.registrations.remove': r(ENTRY),
  'ledger.grid.services.create': r(ENTRY),
  'ledger.grid.feedback.create': r(ENTRY),
  'ledger.items.list': r(READ),
  'ledger.items.get': r(READ),
  'ledger.items.create': r(ENTRY),
  'ledger.items.update': r(ENTRY),
  'ledger.items.close': r(['clerk', 'reviewer']),
  'ledger.items.rectify': r(ENTRY),
  'ledger.tasks.list': r(READ),
  'ledger.tasks.get': r(READ),
  'ledger.tasks.create': r(ENTRY),
  'ledger.tasks.report': r(ENTRY),
  'ledger.quarters.list': r(READ),
  'ledger.quarters.create': r(ENTRY),
  'ledger.quarters.update': r(ENTRY),
  'ledger.quarters.seal': r(APPROVE),
  'ledger.orders.list': r(READ),
  'ledger.orders.get': r(READ),
  'ledger.orders.register': r(ENTRY),
  'ledger.orders.build': r(ENTRY),
  'ledger.orders.dispatch': r(ENTRY),
  'ledger.orders.take': r(ENTRY),
  'ledger.orders.handle': r(ENTRY),
  'ledger.orders.rate': r(ENTRY),
  'ledger.orders.close': r(['clerk', 'reviewer']),
  'ledger.overview': r(READ),
  'ledger.overview.export': r(READ, true),
  'ledger.attachments.get': r(READ),
};

/** Whether `role` may call `op` once logged in: the one reading of the matrix, for the dispatcher and the UI. */
export function roleMay(role: Role, op: string): boolean {
  const rule = (ACCESS as Record<string, Rule | undefined>)[op];
  if (!rule) return false;
  return rule.roles === 'public' || rule.roles === 'session' || rule.roles.includes(role);
}

/** The roles that may call `op` once logged in (none for public/unknown operations; all for 'session'). */
export function rolesFor(op: string): readonly Role[] {
  const rule = (ACCESS as Record<string, Rule | undefined>)[op];
  if (!rule || rule.roles === 'public') return [];
  return rule.roles === 'session' ? (Object.keys(ROLE_LABEL) as Role[]) : rule.roles;
}

/** Who does `op`, in words: "审核员", "录入员或审核员" (the refusal and the UI's quiet notes say it). */
export function whoMay(op: string): string {
  return rolesFor(op).map((r) => ROLE_LABEL[r]).join('或');
}

/** The refusal for a role that may not call `op`: names who may, so the user knows whom to ask. */
export function forbiddenMessage(op: string): string {
  const who = whoMay(op);
  return who ? `当前账号的角色无权执行此操作（此操作由${who}办理）` : '当前账号的角色无权执行此操作';
}
