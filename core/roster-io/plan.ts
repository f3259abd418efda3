import type { PersonRow } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import { assertPersonWritable } from '../roster/writable.ts';
import { parseIdNumber } from '../roster/id-number.ts';
import { checkPersonDates, type PersonFields } from '../roster/person-schema.ts';
import { canonical, checkPerson, type KnownId } from './person-check.ts';
import { cellText, EMPTY, type RawCell, type SheetRow } from './cells.ts';
import { diffPerson, type FieldChange } from './changes.ts';
import { COLUMN_BY_KEY, type ColumnDef } from './columns.ts';
import { mapEducation } from './education.ts';
import type { DetectedColumn } from './header.ts';
import { derivedCrossPosting, derivedOneShoulder, derivedPostCategory, readPosts, type PostPart, type PostSource } from './posts.ts';
import { resolveUnit, type MatchIndex } from './units.ts';
import { communityOnlyProblem } from '../org/rules.ts';
import { FIELD_TABLE, UnknownCollector, type ValueMap } from './value-map.ts';
import { cleanIdNumber, cleanName, cleanPhone, cleanText, isClearMarker, parseBool, parseDateCell } from './values.ts';

// One sheet row → what the import would do with it (create / update / unchanged) and every
// problem found, each tied to the sheet row, the column header and the value. The person
// rules are the roster's own: personInput, checkPersonDates and assertPersonWritable.
// A blank cell never erases a stored value; only the （清空） marker does.

export { loadMatchIndex } from './units.ts';
export type { MatchIndex } from './units.ts';

export interface RowIssue {
  row: number;
  column: string;
  letter: string;
  value: string;
  message: string;
  severity: 'error' | 'warning';
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'error';

export interface AsWritten {
  postsAsWritten: string | null;
  ftEducationAsWritten: string | null;
  ptEducationAsWritten: string | null;
}

export interface PlannedRow {
  row: number;
  action: RowAction;
  name: string;
  orgName: string;
  personId: string | null;
  data: PersonFields | null;
  asWritten: AsWritten | null;
  changes: FieldChange[];
  issues: RowIssue[];
}

export type FieldKey = Exclude<keyof PersonFields, 'orgId'>;
export const FIELD_KEYS = [
  'name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'nativePlace', 'politicalStatus', 'partyJoinDate', 'workStartDate',
  'communityWorkStartDate', 'ftEducation', 'ftDegree', 'ftSchoolMajor', 'ptEducation', 'ptDegree', 'ptSchoolMajor', 'posts',
  'oneShoulder', 'crossPosting', 'reserveCadre', 'postCategory', 'swQualification', 'swQualificationDate', 'phone', 'grid', 'remarks',
] as const satisfies readonly FieldKey[];

const POST_SOURCES = new Set<string>(['posts', 'partyPosts', 'adminPosts', 'sidePosts']);

type MappedColumn = { index: number; letter: string; header: string; field: string };
/** A mapped column with what reading its cells needs, looked up once per import, not per cell. */
interface ColumnRead {
  c: MappedColumn;
  def: ColumnDef;
  key: FieldKey;
}

export interface PlanContext {
  ctx: Ctx;
  today: string;
  columns: MappedColumn[];
  reads: ColumnRead[];
  index: MatchIndex;
  values: ValueMap;
  unknown: UnknownCollector;
  /** ID number → first sheet row that used it, across the whole file. */
  seenIds: Map<string, number>;
  seenPeople: Map<string, number>;
  /** 职务 cell text → its parts: a roster repeats a few dozen spellings (bounded, see postParts). */
  postMemo: Map<string, PostPart[]>;
  /** personInput.safeParse through its compiled fast path (person-check.ts); a test swaps in plain zod. */
  check: (merged: Record<string, unknown>, known?: KnownId | null) => ReturnType<typeof checkPerson>;
}

export function newPlanContext(ctx: Ctx, today: string, mapped: DetectedColumn[], index: MatchIndex, values: ValueMap): PlanContext {
  const columns = mapped.filter((c): c is DetectedColumn & { field: string } => c.field !== null);
  const reads: ColumnRead[] = [];
  for (const c of columns) {
    const def = COLUMN_BY_KEY.get(c.field);
    if (def) reads.push({ c, def, key: (POST_SOURCES.has(c.field) ? 'posts' : c.field) as FieldKey });
  }
  return { ctx, today, columns, reads, index, values, unknown: new UnknownCollector(), seenIds: new Map(), seenPeople: new Map(), postMemo: new Map(), check: checkPerson };
}

interface RowReading {
  given: Partial<Record<FieldKey, unknown>>;
  cleared: Set<FieldKey>;
  months: Set<FieldKey>;
  cellErrors: Set<string>;
  unitText: string | null;
  streetText: string | null;
  postTexts: string[];
  postsGiven: boolean;
  postOneShoulder: boolean;
  eduText: { ftEducation?: string; ptEducation?: string };
}

export function planRow(p: PlanContext, sheetRow: SheetRow): PlannedRow {
  const issues: RowIssue[] = [];
  const cellOf = (key: string) => p.columns.find((c) => c.field === key);
  const issue = (key: string, message: string, severity: RowIssue['severity'] = 'error') => {
    const c = cellOf(key) ?? (key === 'posts' ? p.columns.find((x) => POST_SOURCES.has(x.field)) : undefined);
    const label = c?.header ?? COLUMN_BY_KEY.get(key)?.header ?? key;
    issues.push({ row: sheetRow.row, column: label, letter: c?.letter ?? '', value: c ? cellText(sheetRow.cells[c.index]) : '', message, severity });
  };
  const r = readRow(p, sheetRow, issue);
  const { given, cleared, cellErrors } = r;
  const name = typeof given.name === 'string' ? given.name : '';
  let orgName = p.index.org.name;
  const result = (action: RowAction, extra: Partial<PlannedRow> = {}): PlannedRow => ({
    row: sheetRow.row, action, name, orgName, personId: null, data: null, asWritten: null, changes: [], issues, ...extra,
  });

  const unit = resolveUnit(p.index, r.unitText, r.streetText);
  if (unit && !unit.ok) {
    issue(r.unitText ? 'orgName' : 'street', `「所属组织」${unit.reason}`);
    return result('error');
  }

  // Find the person this row is about: by ID number across the target's subtree, else by name in the row's unit.
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
  } else if (!cellErrors.has('idNumber') && typeof given.idNumber !== 'string' && name) {
    const unitId = unit?.ok ? unit.unit.id : p.index.org.id;
    const same = p.index.byName.get(`${unitId}\0${name}`) ?? [];
    if (same.length > 1) issue('name', `「姓名」本单位有 ${same.length} 位在岗人员叫“${name}”，请填写身份证号以区分`);
    else if (same.length === 1) {
      existing = same[0]!;
      issue('idNumber', `未填写身份证号，已按姓名匹配到本单位的在岗人员“${name}”`, 'warning');
    } else issue('idNumber', '未填写身份证号，将按新人员登记', 'warning');
  }
  if (existing) {
    const first = p.seenPeople.get(existing.id);
    if (first !== undefined) issue('name', `「姓名」与第 ${first} 行对应同一人员“${existing.name}”`);
    else p.seenPeople.set(existing.id, sheetRow.row);
  }
  // A row without a unit of its own stays where the person is; one naming another unit is a transfer, which the roster form handles.
  let orgId = unit?.ok ? unit.unit.id : (existing?.orgId ?? p.index.org.id);
  if (existing && unit?.ok && existing.orgId !== unit.unit.id) {
    const now = p.index.units.get(existing.orgId)?.name ?? '其他单位';
    issue(r.unitText ? 'orgName' : 'street', `「所属组织」“${name}”目前登记在“${now}”，表中为“${unit.unit.name}”：调动请在人员信息中办理`);
    orgId = existing.orgId;
  }
  orgName = p.index.units.get(orgId)?.name ?? orgName;
  const target = p.index.units.get(orgId);
  const misplaced = target ? communityOnlyProblem(target) : null;
  if (misplaced) {
    issue(r.streetText && !r.unitText ? 'street' : 'orgName', r.unitText || r.streetText || existing ? misplaced : `${misplaced}（或在表中填写所属社区）`);
    return result('error');
  }
  // A record another installation delivered by bundle is changed only where it is owned (the record guard).
  if (existing?.origin) {
    issue('name', `「姓名」“${existing.name}”的记录来自 ${existing.origin} 的数据包，只能由其所属单位修改，本次不能更新`);
    return result('error');
  }

  // Merge: a blank cell keeps the stored value; （清空） clears it.
  const merged: Record<string, unknown> = { orgId };
  for (const k of FIELD_KEYS) {
    if (k in given) merged[k] = given[k];
    else if (cleared.has(k)) merged[k] = k === 'posts' ? [] : typeof existing?.[k] === 'boolean' ? false : null;
    else if (existing) merged[k] = existing[k];
  }
  derivePostFields(r, merged, existing, issue);
  resolveMonths(merged, r.months, existing, parsedId?.ok ? parsedId.id.birthDate : null);
  if (parsedId?.ok) reconcileWithId(merged, r, parsedId.id, issue);

  // The row's ID number is parsed once, here; the check and its cross-field rule reuse it.
  const parsed = p.check(merged, parsedId?.ok ? { raw: given.idNumber as string, id: parsedId.id } : null);
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
  const asWritten: AsWritten = {
    postsAsWritten: r.postsGiven ? r.postTexts.join('；') : cleared.has('posts') ? null : (existing?.postsAsWritten ?? null),
    ftEducationAsWritten: r.eduText.ftEducation ?? (cleared.has('ftEducation') ? null : (existing?.ftEducationAsWritten ?? null)),
    ptEducationAsWritten: r.eduText.ptEducation ?? (cleared.has('ptEducation') ? null : (existing?.ptEducationAsWritten ?? null)),
  };
  if (!existing) return result('create', { data, asWritten });
  const changes = diffPerson(existing, data, FIELD_KEYS);
  return result(changes.length ? 'update' : 'unchanged', { data, asWritten, personId: existing.id, changes });
}

type IssueFn = (key: string, message: string, severity?: RowIssue['severity']) => void;

function readRow(p: PlanContext, sheetRow: SheetRow, issue: IssueFn): RowReading {
  const r: RowReading = {
    given: {}, cleared: new Set(), months: new Set(), cellErrors: new Set(), unitText: null, streetText: null,
    postTexts: [], postsGiven: false, postOneShoulder: false, eduText: {},
  };
  const posts: string[] = [];
  for (const { c, def, key } of p.reads) {
    const cell: RawCell = sheetRow.cells[c.index] ?? EMPTY;
    if (isClearMarker(cell)) {
      if (def.kind !== 'ignored') r.cleared.add(key);
      continue;
    }
    if (cell.t === 'text' && cell.v.includes('\uFFFD')) {
      failCell(r, issue, key, c, '含有无法识别的字符（�），文件中的文字已损坏：请在 Excel/WPS 中检查该单元格');
      continue;
    }
    switch (def.kind) {
      case 'ignored':
        if (c.field === 'orgName') r.unitText = cleanText(cell);
        if (c.field === 'street') r.streetText = cleanText(cell);
        break;
      case 'date': {
        const d = parseDateCell(cell);
        if (!d.ok) failCell(r, issue, key, c, d.reason);
        else if (d.value) {
          r.given[key] = d.value.iso;
          if (d.value.monthOnly) r.months.add(key);
        }
        break;
      }
      case 'id': {
        const v = cleanIdNumber(cell);
        if (!v.ok) failCell(r, issue, key, c, v.reason);
        else if (v.value !== null) r.given.idNumber = v.value;
        break;
      }
      case 'bool': {
        const v = parseBool(cell);
        if (!v.ok) failCell(r, issue, key, c, v.reason);
        else if (v.value !== null) r.given[key] = v.value;
        break;
      }
      case 'posts': {
        const text = cleanText(cell);
        if (text === null) break;
        r.postsGiven = true;
        r.postTexts.push(text);
        for (const part of postParts(p, text, c.field as PostSource)) {
          if (part.oneShoulder) r.postOneShoulder = true;
          if (part.post) posts.push(part.post);
          else if (p.values.get('post', part.text) === undefined) {
            p.unknown.add('post', part.text, sheetRow.row);
            issue(c.field, `「${c.header}」“${part.text}”不在职务代码表中：已保留原文，未计入职务（可在“未识别的值”中指定对应职务）`, 'warning');
          }
        }
        break;
      }
      case 'phone': {
        const v = cleanPhone(cell);
        if (v !== null) r.given.phone = v;
        break;
      }
      case 'code': {
        const v = cleanText(cell);
        if (v === null) break;
        const code = readCode(p, c.field, v, r);
        if (code === undefined) {
          p.unknown.add(FIELD_TABLE[c.field]!, v, sheetRow.row);
          failCell(r, issue, key, c, `的值“${v}”不在代码表中（可在“未识别的值”中选择对应项）`);
        } else if (code !== null) r.given[key] = code;
        break;
      }
      default: {
        const v = c.field === 'name' ? cleanName(cell) : cleanText(cell);
        if (v !== null) r.given[key] = v;
      }
    }
  }
  if (r.postsGiven) r.given.posts = [...new Set(posts)];
  return r;
}

// readPosts depends only on the text, the column and the import's fixed value choices, so
// each spelling is read once per import; the parts are only read, never changed.
function postParts(p: PlanContext, text: string, source: PostSource): PostPart[] {
  const key = `${source}\0${text}`;
  let parts = p.postMemo.get(key);
  if (!parts) {
    parts = readPosts(text, source, (v) => p.values.get('post', v));
    if (p.postMemo.size > 5000) p.postMemo.clear();
    p.postMemo.set(key, parts);
  }
  return parts;
}

function failCell(r: RowReading, issue: IssueFn, key: FieldKey, c: MappedColumn, reason: string): void {
  r.cellErrors.add(key);
  issue(c.field, `「${c.header}」${reason}`);
}

/** A coded cell → the table name; null when the clerk chose "no value"; undefined when unknown. */
function readCode(p: PlanContext, field: string, v: string, r: RowReading): string | null | undefined {
  const table = FIELD_TABLE[field]!;
  const direct = canonical(table, v);
  if (field === 'ftEducation' || field === 'ptEducation') r.eduText[field] = v;
  if (direct) return direct;
  const chosen = p.values.get(table, v);
  if (chosen !== undefined) return chosen;
  if (table === 'education') return mapEducation(v) ?? undefined;
  return undefined;
}

// 一肩挑 / 交叉任职 / 岗位类别 follow from the posts unless a column says otherwise.
function derivePostFields(r: RowReading, merged: Record<string, unknown>, existing: PersonRow | null, issue: IssueFn): void {
  const posts = (merged.posts as string[] | undefined) ?? [];
  if (r.postsGiven || !existing) {
    if (!('oneShoulder' in r.given)) merged.oneShoulder = r.postOneShoulder || derivedOneShoulder(posts);
    if (!('crossPosting' in r.given)) merged.crossPosting = derivedCrossPosting(posts);
  }
  if (!('postCategory' in r.given) && !r.cellErrors.has('postCategory') && (r.postsGiven || !existing || r.cleared.has('postCategory'))) {
    const derived = derivedPostCategory(posts);
    if (!existing || existing.postCategory !== derived)
      issue('postCategory', `「岗位类别」未填写，按职务推定为“${derived}”（填写岗位类别列可改变）`, 'warning');
    merged.postCategory = derived;
  }
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

// A sheet whose 出生年月 or 性别 disagrees with the ID number is told so, and the ID number's
// values are taken (as the county systems derive them from the ID).
function reconcileWithId(merged: Record<string, unknown>, r: RowReading, id: { birthDate: string; gender: string }, issue: IssueFn): void {
  if (typeof r.given.birthDate === 'string' && merged.birthDate !== id.birthDate && !r.cellErrors.has('birthDate')) {
    const shown = r.months.has('birthDate') ? (merged.birthDate as string).slice(0, 7) : merged.birthDate;
    issue('birthDate', `「出生日期」${shown} 与身份证号中的 ${id.birthDate} 不一致，已按身份证号登记，请核对`, 'warning');
  }
  if (typeof r.given.gender === 'string' && r.given.gender !== id.gender)
    issue('gender', `「性别」“${r.given.gender}”与身份证号不一致（身份证号显示为${id.gender}），已按身份证号登记，请核对`, 'warning');
  merged.birthDate = id.birthDate;
  merged.gender = id.gender;
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
