import { z } from 'zod';
import { id } from '../contract/fields.ts';

// Record ids in a contract say which table they address, so the dispatcher can load the
// stored row and check it before any handler runs. A handler cannot forget the check, and
// tests/guard/contract-scope.test.ts fails for an id field declared without one.

/** Every table whose records are addressed by id; core/guard/tables.ts says how each is guarded. */
export const GUARDED_TABLES = [
  'org_units',
  'people',
  'training_classes',
  'training_series',
  'training_sessions',
  'training_attendance',
  'training_categories',
  'training_requirement_rules',
  'assessment_schemes',
  'assessment_cycles',
  'assessment_entries',
  'assessment_sessions',
  'assessment_results',
  'salary_schemes',
  'salary_grade_inputs',
  'salary_level_history',
  'salary_promotion_runs',
  'salary_pay_sheets',
  'salary_pay_lines',
  'salary_settlements',
  'bundle_conflicts',
  'users',
  'coop_units',
  'coop_agreements',
  'coop_agreement_reports',
  'coop_meetings',
  'coop_activities',
  'coop_teams',
  'grid_areas',
  'grid_registrations',
  'grid_service_records',
  'grid_service_feedback',
  'ledger_tasks',
  'ledger_task_reports',
  'ledger_items',
  'ledger_orders',
  'ledger_quarter_reports',
  'ledger_attachments',
] as const;
export type GuardedTable = (typeof GUARDED_TABLES)[number];

export interface RefMeta {
  table: GuardedTable;
  /** The record a mutation changes (origin and seal checked too), not one it only reads or links to. */
  write: boolean;
}

export const refRegistry = z.registry<RefMeta>();

/** The id of a record the operation reads or links to: must lie in the caller's scope. */
export function ref(table: GuardedTable, label: string) {
  return id(label).register(refRegistry, { table, write: false });
}

/** The id of the record a mutation changes: in scope, written here (not received) and not sealed. */
export function target(table: GuardedTable, label: string) {
  return id(label).register(refRegistry, { table, write: true });
}
