import { getTableColumns, is, type Column } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import * as schema from '../../db/schema/index.ts';
import { peopleCheck, RECORD_CHECKS, type RecordCheck } from './record-schemas.ts';

// Which tables travel in bundles, discovered from db/schema: every table that carries the
// full sharedColumns() set. A module added later joins the bundle without a format change.

const SHARED = ['id', 'orgId', 'createdAt', 'updatedAt', 'changeSeq', 'deletedAt', 'deleteReason', 'origin'] as const;
/** Kept by each installation about its own copy of a row; never sent, set by the merge. */
export const LOCAL_ONLY_COLUMNS = new Set(['origin']);

/** Tables the county sends down in policy bundles, when they exist; the one place to list them. */
export const POLICY_TABLE_NAMES = [
  'salary_schemes',
  'assessment_schemes',
  'training_requirement_rules',
  'training_categories',
  'code_table_entries',
  // Only the county's own tasks travel down (policy bundles carry rows of the county unit).
  'ledger_tasks',
] as const;

export interface SharedTable {
  name: string;
  table: SQLiteTable;
  columns: Record<string, Column>;
  /** Column keys in declaration order: the key order of every JSON line (local-only columns left out). */
  keys: string[];
}

let cache: SharedTable[] | null = null;

export function sharedTables(): SharedTable[] {
  if (cache) return cache;
  const found: SharedTable[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const columns = getTableColumns(value) as Record<string, Column>;
    if (!SHARED.every((k) => k in columns)) continue;
    const wire = Object.fromEntries(Object.entries(columns).filter(([k]) => !LOCAL_ONLY_COLUMNS.has(k)));
    found.push({ name: getTableConfig(value).name, table: value, columns: wire, keys: Object.keys(wire) });
  }
  // org_units first: the rows of other tables name their org unit.
  found.sort((a, b) => (a.name === 'org_units' ? -1 : b.name === 'org_units' ? 1 : a.name.localeCompare(b.name)));
  cache = found;
  return found;
}

export function policyTables(): SharedTable[] {
  const names = new Set<string>(POLICY_TABLE_NAMES);
  return sharedTables().filter((t) => names.has(t.name));
}

/** What a community sends up: everything but the policy tables, which travel only downward. */
export function dataTables(): SharedTable[] {
  const names = new Set<string>(POLICY_TABLE_NAMES);
  return sharedTables().filter((t) => !names.has(t.name));
}

/** The structural check of one value against its drizzle column; a Chinese reason, or null. */
function checkValue(col: Column, v: unknown): string | null {
  if (v === null) return col.notNull ? '不能为空' : null;
  switch (col.columnType) {
    case 'SQLiteText': {
      if (typeof v !== 'string') return '应为文字';
      const allowed = (col as { enumValues?: string[] }).enumValues;
      if (allowed && allowed.length && !allowed.includes(v)) return `取值“${v}”不在允许范围内`;
      return null;
    }
    case 'SQLiteInteger':
      return Number.isSafeInteger(v) ? null : '应为整数';
    case 'SQLiteBoolean':
      return typeof v === 'boolean' ? null : '应为是/否';
    case 'SQLiteReal':
    case 'SQLiteNumericNumber':
      return typeof v === 'number' && Number.isFinite(v) ? null : '应为数字';
    case 'SQLiteTextJson':
      return null;
    default:
      return `列类型 ${col.columnType} 不支持传输`;
  }
}

const picked = new Map<string, RecordCheck | null>();

/** The module's own rules for a table's records (core/bundle/record-schemas.ts), or null. */
function contractFor(t: SharedTable): RecordCheck | null {
  if (!picked.has(t.name)) picked.set(t.name, t.name === 'people' ? peopleCheck(t.columns) : (RECORD_CHECKS[t.name] ?? null));
  return picked.get(t.name)!;
}

/** Every problem with one received record, as「表.列」原因 strings; empty when it may be merged. */
export function checkRecord(t: SharedTable, record: unknown): string[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return [`「${t.name}」记录不是对象`];
  const r = record as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(r)) if (!(k in t.columns)) problems.push(`「${t.name}.${k}」不是本系统的字段`);
  for (const k of t.keys) {
    if (!(k in r)) {
      problems.push(`「${t.name}.${k}」缺失`);
      continue;
    }
    const why = checkValue(t.columns[k]!, r[k]);
    if (why) problems.push(`「${t.name}.${k}」${why}`);
  }
  if (typeof r.id === 'string' && !/^[0-9A-Za-z_-]{1,64}$/.test(r.id)) problems.push(`「${t.name}.id」不是有效的编号`);
  const contract = contractFor(t);
  if (contract && !problems.length) {
    const res = contract.schema.safeParse(r);
    if (!res.success) for (const i of res.error.issues) problems.push(`「${t.name}.${i.path.join('.')}」${i.message}`);
    else if (contract.cross) for (const m of contract.cross(res.data)) problems.push(`「${t.name}」${m}`);
  }
  return problems;
}
