import { and, eq, isNull, isNotNull } from 'drizzle-orm';
import { people, type PersonRow } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { assertPersonWritable } from '../roster/handlers.ts';
import { parseIdNumber } from '../roster/id-number.ts';
import { checkPersonDates, personInput, type PersonFields } from '../roster/person-schema.ts';
import { cellText, EMPTY, type RawCell, type SheetRow } from './cells.ts';
import { COLUMN_BY_KEY } from './columns.ts';
import type { DetectedColumn } from './header.ts';
import { cleanIdNumber, cleanName, cleanPhone, cleanText, parseBool, parseDateCell, splitPosts } from './values.ts';

// One sheet row → what the import would do with it (create / update / unchanged) and every
// problem found, each tied to the sheet row, the column header and the value. The person
// rules are the roster's own: personInput, checkPersonDates and assertPersonWritable.

export interface RowIssue {
  row: number;
  column: string;
  letter: string;
  value: string;
  message: string;
  severity: 'error' | 'warning';
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

export interface PlannedRow {
  row: number;
  action: RowAction;
  name: string;
  personId: string | null;
  data: PersonFields | null;
  /** Headers of the fields an update changes. */
  changes: string[];
  issues: RowIssue[];
}

export type FieldKey = Exclude<keyof PersonFields, 'orgId'>;
export const FIELD_KEYS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'nativePlace', 'politicalStatus', 'partyJoinDate', 'workStartDate',
  'communityWorkStartDate', 'ftEducation', 'ftDegree', 'ftSchoolMajor', 'ptEducation', 'ptDegree', 'ptSchoolMajor', 'posts',
  'oneShoulder', 'crossPosting', 'reserveCadre', 'postCategory', 'swQualification', 'swQualificationDate', 'phone', 'grid', 'remarks',
] as const satisfies readonly FieldKey[];

/** The active people an import is matched against, loaded once per plan. */
export interface MatchIndex {
  org: { id: string; name: string };
  byId: Map<string, PersonRow>;
  byName: Map<string, PersonRow[]>;
  /** Every active ID number in the database, to find clashes with other org units. */
  activeIds: Set<string>;
}

export function loadMatchIndex(ctx: Ctx, org: { id: string; name: string }): MatchIndex {
  const rows = ctx.db.select().from(people).where(and(eq(people.orgId, org.id), eq(people.status, '在岗'), isNull(people.deletedAt))).all();
  const byId = new Map<string, PersonRow>();
  const byName = new Map<string, PersonRow[]>();
  for (const r of rows) {
    if (r.idNumber) byId.set(r.idNumber, r);
    byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  }
  const activeIds = new Set(
    ctx.db.select({ v: people.idNumber }).from(people)
      .where(and(eq(people.status, '在岗'), isNull(people.deletedAt), isNotNull(people.idNumber))).all().map((r) => r.v!),
  );
  return { org, byId, byName, activeIds };
}

export interface PlanContext {
  ctx: Ctx;
  today: string;
  columns: { index: number; letter: string; header: string; field: string }[];
  index: MatchIndex;
  /** ID number → first sheet row that used it, across the whole file. */
  seenIds: Map<string, number>;
  seenPeople: Map<string, number>;
}

export function newPlanContext(ctx: Ctx, today: string, mapped: DetectedColumn[], index: MatchIndex): PlanContext {
  const columns = mapped.filter((c): c is DetectedColumn & { field: string } => c.field !== null);
  return { ctx, today, columns, index, seenIds: new Map(), seenPeople: new Map() };
}

export function planRow(p: PlanContext, sheetRow: SheetRow): PlannedRow {
  const issues: RowIssue[] = [];
  const cellOf = (key: string) => p.columns.find((c) => c.field === key);
  const issue = (key: string, message: string, severity: RowIssue['severity'] = 'error') => {
    const c = cellOf(key);
    const label = c?.header ?? COLUMN_BY_KEY.get(key)?.header ?? key;
    issues.push({ row: sheetRow.row, column: label, letter: c?.letter ?? '', value: c ? cellText(sheetRow.cells[c.index]) : '', message, severity });
  };
  const given: Partial<Record<FieldKey, unknown>> = {};
  const months = new Set<FieldKey>();
  const cellErrors = new Set<string>();
  let orgName: string | null = null;
  for (const c of p.columns) {
    const cell: RawCell = sheetRow.cells[c.index] ?? EMPTY;
    const def = COLUMN_BY_KEY.get(c.field);
    if (!def) continue;
    const fail = (reason: string) => {
      cellErrors.add(c.field);
      issue(c.field, `「${c.header}」${reason}`);
    };
    switch (def.kind) {
      case 'ignored':
        if (c.field === 'orgName') orgName = cleanText(cell);
        break;
      case 'date': {
        const d = parseDateCell(cell);
        if (!d.ok) fail(d.reason);
        else {
          given[c.field as FieldKey] = d.value?.iso ?? null;
          if (d.value?.monthOnly) months.add(c.field as FieldKey);
        }
        break;
      }
      case 'id': {
        const v = cleanIdNumber(cell);
        if (!v.ok) fail(v.reason);
        else given.idNumber = v.value;
        break;
      }
      case 'bool': {
        const v = parseBool(cell);
        if (!v.ok) fail(v.reason);
        else given[c.field as FieldKey] = v.value ?? false;
        break;
      }
      case 'posts':
        given.posts = splitPosts(cell);
        break;
      case 'phone':
        given.phone = cleanPhone(cell);
        break;
      default:
        given[c.field as FieldKey] = c.field === 'name' ? cleanName(cell) : cleanText(cell);
    }
  }
  const name = typeof given.name === 'string' ? given.name : '';
  const result = (action: RowAction, extra: Partial<PlannedRow> = {}): PlannedRow => ({
    row: sheetRow.row, action, name, personId: null, data: null, changes: [], issues, ...extra,
  });
  if (orgName && orgName !== p.index.org.name)
    issue('orgName', `「所属组织」“${orgName}”与导入目标“${p.index.org.name}”不同，将导入到“${p.index.org.name}”`, 'warning');

  // Find the person this row is about.
  const parsedId = typeof given.idNumber === 'string' ? parseIdNumber(given.idNumber) : null;
  const idValue = parsedId?.ok ? parsedId.id.value : null;
  let existing: PersonRow | null = null;
  if (idValue) {
    const first = p.seenIds.get(idValue);
    if (first !== undefined) {
      issue('idNumber', `「身份证号」与第 ${first} 行重复`);
      cellErrors.add('idNumber');
    } else p.seenIds.set(idValue, sheetRow.row);
    existing = p.index.byId.get(idValue) ?? null;
  } else if (!cellErrors.has('idNumber') && !(typeof given.idNumber === 'string') && name) {
    const same = p.index.byName.get(name) ?? [];
    if (same.length > 1) issue('name', `「姓名」本单位有 ${same.length} 位在岗人员叫“${name}”，请填写身份证号以区分`);
    else if (same.length === 1) {
      existing = same[0]!;
      // A blank ID cell on a row matched by name keeps the stored number rather than erasing it.
      delete given.idNumber;
      issue('idNumber', `未填写身份证号，已按姓名匹配到本单位的在岗人员“${name}”`, 'warning');
    } else issue('idNumber', '未填写身份证号，将按新人员登记', 'warning');
  }
  if (existing) {
    const first = p.seenPeople.get(existing.id);
    if (first !== undefined) issue('name', `「姓名」与第 ${first} 行对应同一人员“${existing.name}”`);
    else p.seenPeople.set(existing.id, sheetRow.row);
  }

  // Merge: an update keeps the fields of columns the file does not have.
  const merged: Record<string, unknown> = { orgId: p.index.org.id };
  for (const k of FIELD_KEYS) {
    if (k in given) merged[k] = given[k];
    else if (existing) merged[k] = existing[k];
  }
  if (idValue && parsedId?.ok) {
    // Blank 性别/出生日期 follow from the ID number; the cross-check still applies when given.
    merged.gender ??= parsedId.id.gender;
    merged.birthDate ??= parsedId.id.birthDate;
  }
  resolveMonths(merged, months, existing, parsedId?.ok ? parsedId.id.birthDate : null);

  const parsed = personInput.safeParse(merged);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const key = String(i.path[0] ?? '');
      if (!cellErrors.has(key)) issue(key, i.message);
    }
    return result('error');
  }
  const data = parsed.data;
  for (const i of checkPersonDates(data, p.today)) if (!cellErrors.has(i.path)) issue(i.path, i.message);
  if (idValue && !existing && p.index.activeIds.has(idValue)) {
    try {
      assertPersonWritable(readOnlyTx(p.ctx, p.today), data, null);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issue('idNumber', e.message);
    }
  }
  if (issues.some((i) => i.severity === 'error')) return result('error');
  if (!existing) return result('create', { data });
  const changes = FIELD_KEYS.filter((k) => !sameValue(existing[k], data[k])).map((k) => COLUMN_BY_KEY.get(k)?.header ?? k);
  return result(changes.length ? 'update' : 'unchanged', { data, personId: existing.id, changes });
}

// 1985.03 names a month: keep the day from the ID number or the stored record when they fall
// in that month (so export → import changes nothing), otherwise the 1st.
function resolveMonths(merged: Record<string, unknown>, months: Set<FieldKey>, existing: PersonRow | null, idBirth: string | null): void {
  for (const k of months) {
    const v = merged[k] as string;
    const candidates = [k === 'birthDate' ? idBirth : null, existing ? (existing[k] as string | null) : null];
    const same = candidates.find((c) => c && c.slice(0, 7) === v.slice(0, 7));
    if (same) merged[k] = same;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return (a ?? null) === (b ?? null);
}

// assertPersonWritable only reads; the preview runs it outside any transaction.
function readOnlyTx(ctx: Ctx, today: string): TxCtx {
  return {
    ...ctx,
    nowIso: ctx.now().toISOString(),
    today,
    seq: () => {
      throw new Error('read-only');
    },
    audit: () => {},
  };
}

