import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { people } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { assertInScope } from '../security/scope.ts';
import { canSeeFull } from '../security/masking.ts';
import { assertLocallyWritable } from '../bundle/ownership.ts';
import { maskIdNumber, maskPhone } from './id-number.ts';
import type { rosterContract } from './contract.ts';
import type { z } from 'zod';
import { loadPersonRow, toPersonRecord } from './records.ts';
import { listPeople } from './list-page.ts';
import { COLUMN_LABELS, COLUMN_SQL, type ListColumn } from './list-sql.ts';
import { FILTER_TYPE_LABELS, RANGE_TYPES, TEXT_TYPES } from './contract.ts';
import { countingAttendanceAfter } from '../training/service.ts';
import { localIsoDate } from './dates.ts';
import { undoRetire } from './undo-retire.ts';
import { assertPersonWritable } from './writable.ts';
import { mergePatch } from '../contract/partial.ts';
import { PERSON_FIELD_KEYS, personCrossIssues, type PersonFields } from './person-schema.ts';

const today = (ctx: Ctx) => localIsoDate(ctx.now());
type RosterPageInput = z.output<(typeof rosterContract)['roster.page']['input']>;

// A role that sees ID numbers and phones masked could otherwise rebuild one digit by digit
// through partial matches; for it an ID number or phone matches only when typed in full, and
// every such match leaves an audit row naming whose record it found (not the value searched).
// The pattern escapes % _ and \ with \, so a search for a literal 5_2 or 100% finds it.
function searchCondition(ctx: Ctx, raw: string): { sql: string; params: Record<string, string>; identifier: 'idNumber' | 'phone' | null } {
  const q = raw.normalize('NFKC').trim();
  const pattern = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  if (canSeeFull(ctx, 'idNumber') && canSeeFull(ctx, 'phone'))
    return {
      sql: "p.name LIKE :qName ESCAPE '\\' OR p.id_number LIKE :qId ESCAPE '\\' OR p.phone LIKE :qName ESCAPE '\\'",
      params: { qName: pattern, qId: pattern.toUpperCase() },
      identifier: null,
    };
  const digits = q.replace(/[\s-]/g, '');
  const identifier = /^\d{17}[\dXx]$/.test(digits) ? 'idNumber' : /^\d{7,}$/.test(digits) ? 'phone' : null;
  return {
    sql: "p.name LIKE :qName ESCAPE '\\' OR p.id_number = :qId OR p.phone = :qPhone OR p.phone = :qDigits",
    params: { qName: pattern, qId: digits.toUpperCase(), qPhone: q, qDigits: digits },
    identifier,
  };
}

// The name goes along whatever is shown: the search audit names whose record a match found.
const withName = (columns: ListColumn[] | undefined, search: ReturnType<typeof searchCondition> | null) =>
  columns && search?.identifier && !columns.includes('name') ? [...columns, 'name' as const] : columns;

// A search by ID number or phone is recorded with the people it found (the query is audited then).
function noteSearch(ctx: Ctx, search: ReturnType<typeof searchCondition> | null, rows: { id: string; name?: string }[]) {
  if (search?.identifier && rows.length)
    ctx.noteAccess?.({ entity: 'person', after: { search: search.identifier, matched: rows.map((r) => ({ id: r.id, name: r.name })) } });
}

/**
 * The roster list's filter (unit, status, keyword) and its search audit, for `roster.list` (every
 * field) and for the export, which asks for `columns: []` (ids only, in the list's order) and
 * reads the records itself.
 */
export function filteredList(ctx: Ctx, input: { orgId?: string | null | undefined; status: string; query?: string | undefined; asOf?: string | undefined }, columns?: ListColumn[]) {
  const asOf = input.asOf ?? today(ctx);
  const search = input.query ? searchCondition(ctx, input.query) : null;
  const { rows } = listPeople(ctx, { orgId: input.orgId, status: input.status, asOf, search, columns: withName(columns, search) });
  noteSearch(ctx, search, rows);
  return { asOf, rows };
}

function badFilterTypes(filters: RosterPageInput['filters']) {
  const issues = [];
  for (const f of filters) {
    const kind = COLUMN_SQL[f.column].filter;
    for (const c of f.conditions)
      if (!(kind === 'text' ? TEXT_FILTERS : RANGE_FILTERS).has(c.type))
        issues.push({ path: 'filters', message: `「筛选条件」“${FILTER_TYPE_LABELS[c.type]}”不适用于“${COLUMN_LABELS[f.column]}”列` });
      // A text (the renderer's 'NaN' for a non-number) would compare as above every number in SQLite.
      else if (kind === 'number' && [c.value, c.value2].some((v) => typeof v === 'string'))
        issues.push({ path: 'filters', message: `「筛选值」“${COLUMN_LABELS[f.column]}”列的筛选值应为数字` });
  }
  return issues;
}
const TEXT_FILTERS: ReadonlySet<string> = new Set(TEXT_TYPES);
const RANGE_FILTERS: ReadonlySet<string> = new Set(RANGE_TYPES);

export const rosterHandlers: HandlersFor<typeof rosterContract> = {
  'roster.list': (ctx, input) => filteredList(ctx, input),

  'roster.page': (ctx, input) => {
    const issues = badFilterTypes(input.filters);
    if (issues.length) throw validationError(issues);
    const asOf = input.asOf ?? today(ctx);
    const search = input.query ? searchCondition(ctx, input.query) : null;
    const { rows, total } = listPeople(ctx, { ...input, columns: withName(input.columns, search), asOf, search });
    noteSearch(ctx, search, rows);
    return { asOf, rows, total };
  },

  'roster.get': (ctx, input) => {
    const { row, orgName } = loadPersonRow(ctx, input.id);
    assertInScope(ctx, row.orgId);
    const record = toPersonRecord(row, orgName, input.asOf ?? today(ctx));
    if (!canSeeFull(ctx, 'idNumber')) record.idNumber = maskIdNumber(record.idNumber);
    if (!canSeeFull(ctx, 'phone')) record.phone = maskPhone(record.phone);
    return record;
  },

  'roster.create': (tx, input) => {
    assertPersonWritable(tx, input, null);
    const id = randomUUID();
    tx.db
      .insert(people)
      .values({ ...input, id, status: '在岗', createdAt: tx.nowIso, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .run();
    const { row, orgName } = loadPersonRow(tx, id);
    tx.audit({ entity: 'person', entityId: id, after: row });
    return toPersonRecord(row, orgName, tx.today);
  },

  'roster.update': (tx, input) => {
    const { id, ...patch } = input;
    const before = loadPersonRow(tx, id).row;
    assertInScope(tx, before.orgId);
    assertLocallyWritable(tx, before.orgId);
    const fields = mergePatch<PersonFields>(PERSON_FIELD_KEYS, before, patch);
    const crossIssues = personCrossIssues(fields);
    if (crossIssues.length) throw validationError(crossIssues);
    assertPersonWritable(tx, fields, before.status === '在岗' ? id : null);
    tx.db.update(people).set({ ...fields, updatedAt: tx.nowIso, changeSeq: tx.seq() }).where(eq(people.id, id)).run();
    const { row, orgName } = loadPersonRow(tx, id);
    tx.audit({ entity: 'person', entityId: id, before, after: row });
    return toPersonRecord(row, orgName, tx.today);
  },

  'roster.retire': (tx, input) => {
    const before = loadPersonRow(tx, input.id).row;
    assertInScope(tx, before.orgId);
    assertLocallyWritable(tx, before.orgId);
    if (before.status !== '在岗') throw new AppError('conflict', `“${before.name}”当前状态为${before.status}，不能重复办理`);
    const issues = [];
    if (input.date > tx.today) issues.push({ path: 'date', message: '「离岗日期」不能是将来的日期' });
    if (before.communityWorkStartDate && input.date < before.communityWorkStartDate)
      issues.push({ path: 'date', message: `「离岗日期」不能早于社区工作起始时间 ${before.communityWorkStartDate}` });
    // A backdated leaving date must not leave counted training after it (issue 12: every path).
    const later = countingAttendanceAfter(tx, before.id, input.date);
    if (later.length)
      issues.push({
        path: 'date',
        message: `「离岗日期」${before.name}在 ${input.date} 之后还有计入学时的培训：${later.slice(0, 3).map((t) => `${t.start}“${t.name}”`).join('、')}${later.length > 3 ? ` 等 ${later.length} 项` : ''}；请核对离岗日期，或先把这些记录改为缺席或取消报名`,
      });
    if (issues.length) throw validationError(issues);
    tx.db
      .update(people)
      .set({ status: input.status, statusDate: input.date, statusReason: input.reason, updatedAt: tx.nowIso, changeSeq: tx.seq() })
      .where(eq(people.id, input.id))
      .run();
    const { row, orgName } = loadPersonRow(tx, input.id);
    tx.audit({ entity: 'person', entityId: input.id, before, after: row });
    return toPersonRecord(row, orgName, tx.today);
  },

  'roster.undoRetire': (tx, input) => {
    const { row, orgName } = undoRetire(tx, input.id);
    return toPersonRecord(row, orgName, tx.today);
  },

  'roster.reveal': (tx, input) => {
    const { row } = loadPersonRow(tx, input.id);
    assertInScope(tx, row.orgId);
    tx.audit({ entity: 'person', entityId: input.id, after: { revealed: input.field } });
    return { value: row[input.field] };
  },
};
