import { roleMay } from '../../core/security/access.ts';
import type { Role } from '../../core/security/roles.ts';
import type { NavEntry } from './nav.tsx';
import { loadLogin } from './api/session.ts';

// Which pages a role sees is decided by the core access matrix, never by a list kept here:
// a page is shown to the roles that may call the query it opens with.
const PAGE_OP: Record<string, string> = {
  home: 'home.get',
  reports: 'report.catalog',
  roster: 'roster.list',
  training: 'training.hoursByPerson',
  salary: 'salary.schemes',
  assessment: 'assessment.cycles',
  coop: 'ledger.coopOverview',
  ledger: 'ledger.items.list',
  'ledger-overview': 'ledger.overview',
  exchange: 'bundle.history',
  settings: 'users.list',
  audit: 'audit.list',
};

export function mayOpen(role: Role, path: string): boolean {
  // 三员分立: whoever manages accounts may not read the audit log; they get the page saying who does.
  if (path === 'audit-info') return !roleMay(role, 'audit.list') && roleMay(role, 'users.list');
  const op = PAGE_OP[path];
  return op !== undefined && roleMay(role, op);
}

// Every role that has a home page lands on it (issue 17); the auditor's only page is the audit log.
const LANDING: Record<Role, string> = { clerk: 'home', reviewer: 'home', admin: 'home', auditor: 'audit' };

/** The pages a role may open, and where it lands after login. */
export function navFor(role: Role, nav: readonly NavEntry[]): { entries: NavEntry[]; landing: string } {
  const entries = nav.filter((n) => mayOpen(role, n.path));
  const landing = entries.some((n) => n.path === LANDING[role]) ? LANDING[role] : (entries[0]?.path ?? '');
  return { entries, landing };
}

/** Whether the logged-in role may call `op`: buttons it could only see refused are not shown. */
export function mayCall(op: string): boolean {
  const role = loadLogin()?.user.role;
  return role !== undefined && roleMay(role, op);
}

interface Unit {
  id: string;
  parentId: string | null;
  /** From org.tree (always present): core says whether the caller may open this unit (scope and installation). */
  inScope: boolean;
}

/** The units the logged-in account may open, as org.tree marks them (core decides, not a walk here). */
export function unitsInScope<U extends Unit>(orgs: readonly U[]): U[] {
  return orgs.filter((o) => o.inScope);
}

/**
 * Where a unit selector starts: the top of the account's scope as core marks it (新城社区 for its
 * clerk, the community for any account at a community installation); '' when nothing is in scope.
 */
export function homeUnit(orgs: readonly Unit[]): string {
  const inside = new Set(unitsInScope(orgs).map((o) => o.id));
  return orgs.find((o) => inside.has(o.id) && !(o.parentId && inside.has(o.parentId)))?.id ?? '';
}
