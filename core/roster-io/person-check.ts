import { canonicalCode } from '../codes/tables.ts';
import { isRealIsoDate } from '../roster/dates.ts';
import { parseIdNumber, type ParsedIdNumber } from '../roster/id-number.ts';
import { personCrossIssues, personFieldsShape, personInput, type PersonFields } from '../roster/person-schema.ts';

// The import checks 20,000 rows against the person schema; zod's generic object/pipe machinery
// was two thirds of the validation time (issue 19). This is a compiled form of `personInput`
// for the rows it accepts: it returns exactly what `personInput.parse` would return, field for
// field. It never writes a message itself: any row it does not accept outright goes through
// `personInput.safeParse`, so every report reads exactly as before.
// tests/roster-io/person-check.test.ts holds the two paths side by side.

type Result = ReturnType<typeof personInput.safeParse>;
type Field = (v: unknown) => unknown;

/** Returned by a field check when zod must decide (a problem, or a shape it does not expect). */
const ASK_ZOD: unique symbol = Symbol('ask zod');
const str = (v: unknown): v is string => typeof v === 'string';
const absent = (v: unknown) => v === undefined || v === null;

// Mirrors requiredText: trim, then 1..max characters.
const requiredText = (max: number): Field => (v) => {
  if (!str(v)) return ASK_ZOD;
  const t = v.trim();
  return t.length >= 1 && t.length <= max ? t : ASK_ZOD;
};
// Mirrors optionalText: trim, at most max, '' → null.
const optionalText = (max: number): Field => (v) => {
  if (absent(v)) return null;
  if (!str(v)) return ASK_ZOD;
  const t = v.trim();
  return t.length <= max ? t || null : ASK_ZOD;
};
// canonicalCode folds (NFKC) on every call; a roster repeats a few dozen coded values, so each
// table keeps what it has seen (bounded: a pathological file cannot grow it without limit).
const memo = new Map<string, Map<string, string | null>>();
/** `canonicalCode` remembered per table (the code tables are constants); also used by the import's cell reading. */
export function canonical(table: string, v: string): string | null {
  let m = memo.get(table);
  if (!m) memo.set(table, (m = new Map()));
  let name = m.get(v);
  if (name === undefined) {
    name = canonicalCode(table, v);
    if (m.size > 5000) m.clear();
    m.set(v, name);
  }
  return name;
}
// Mirrors codeField: the canonical name, or zod reports it.
const code = (table: string): Field => (v) => (str(v) ? (canonical(table, v) ?? ASK_ZOD) : ASK_ZOD);
// Mirrors optionalCodeField: blank → null.
const optionalCode = (table: string): Field => (v) => {
  if (absent(v)) return null;
  if (!str(v)) return ASK_ZOD;
  if (!v.trim()) return null;
  return canonical(table, v) ?? ASK_ZOD;
};
// Mirrors isoDate: a real YYYY-MM-DD, not trimmed.
const isoDate: Field = (v) => (str(v) && isRealIsoDate(v) ? v : ASK_ZOD);
// Mirrors optionalIsoDate: '' → null.
const optionalIsoDate: Field = (v) => {
  if (absent(v) || v === '') return null;
  return str(v) && isRealIsoDate(v) ? v : ASK_ZOD;
};
const idNumber: Field = (v) => {
  if (absent(v)) return null;
  if (!str(v)) return ASK_ZOD;
  if (!v.trim()) return null;
  const r = parseIdNumber(v);
  return r.ok ? r.id.value : ASK_ZOD;
};
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const phone: Field = (v) => {
  if (absent(v)) return null;
  if (!str(v)) return ASK_ZOD;
  if (!v.trim()) return null;
  const s = v.normalize('NFKC').replace(/[\s()（）]/g, '').replace(/^\+?86-?(?=1)/, '');
  return MOBILE.test(s) || LANDLINE.test(s) ? s : ASK_ZOD;
};
// Mirrors postsField: up to 9 coded posts, canonical names, duplicates removed.
const posts: Field = (v) => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > 9) return ASK_ZOD;
  const out: string[] = [];
  for (const p of v) {
    const name = str(p) ? canonical('post', p) : null;
    if (name === null) return ASK_ZOD;
    out.push(name);
  }
  return [...new Set(out)];
};
const bool: Field = (v) => (v === undefined ? false : typeof v === 'boolean' ? v : ASK_ZOD);

// orgId is one of a handful of units per import: ask zod's own uuid check once per value.
const orgIds = new Map<string, boolean>();
const orgId: Field = (v) => {
  if (!str(v)) return ASK_ZOD;
  let good = orgIds.get(v);
  if (good === undefined) {
    good = personFieldsShape.orgId.safeParse(v).success;
    if (orgIds.size > 1000) orgIds.clear();
    orgIds.set(v, good);
  }
  return good ? v : ASK_ZOD;
};

/** One entry per key of personFieldsShape, in its order (a missing or extra key fails to compile). */
const FIELDS: { [K in keyof typeof personFieldsShape]: Field } = {
  orgId,
  name: requiredText(50),
  gender: code('gender'),
  ethnicity: code('ethnicity'),
  birthDate: isoDate,
  idNumber,
  nativePlace: optionalText(50),
  politicalStatus: code('politicalStatus'),
  partyJoinDate: optionalIsoDate,
  workStartDate: optionalIsoDate,
  communityWorkStartDate: optionalIsoDate,
  ftEducation: optionalCode('education'),
  ftDegree: optionalCode('degree'),
  ftSchoolMajor: optionalText(100),
  ptEducation: optionalCode('education'),
  ptDegree: optionalCode('degree'),
  ptSchoolMajor: optionalText(100),
  posts,
  oneShoulder: bool,
  crossPosting: bool,
  reserveCadre: bool,
  postCategory: code('postCategory'),
  swQualification: optionalCode('swQualification'),
  swQualificationDate: optionalIsoDate,
  phone,
  grid: optionalText(50),
  remarks: optionalText(500),
};
const KEYS = Object.keys(FIELDS) as (keyof typeof FIELDS)[];
// Every output starts as a copy of this (all keys, in schema order), so the 20,000 records share
// one object shape instead of growing key by key.
const TEMPLATE: Record<string, unknown> = Object.fromEntries(KEYS.map((k) => [k, null]));

/** An ID number the caller has already parsed: `id` is `parseIdNumber(raw)`'s successful result. */
export interface KnownId {
  raw: string;
  id: ParsedIdNumber;
}

/**
 * The fast path alone: the parsed person, or null when zod must decide. Exported for the
 * equivalence test. `known` saves parsing the ID number again (issue 19: it was parsed three
 * times per row); it is used only when `input.idNumber` is exactly its `raw`.
 */
export function fastPerson(input: Record<string, unknown>, known?: KnownId | null): PersonFields | null {
  const out: Record<string, unknown> = { ...TEMPLATE };
  const knownId = known && input.idNumber === known.raw ? known.id : null;
  for (const k of KEYS) {
    // A successful parse of a string means idNumber's field check would return its value.
    const v = knownId && k === 'idNumber' ? knownId.value : FIELDS[k](input[k]);
    if (v === ASK_ZOD) return null;
    out[k] = v;
  }
  return personCrossIssues(out as PersonFields, knownId).length ? null : (out as PersonFields);
}

/** `personInput.safeParse`, with the compiled path for rows it accepts. */
export function checkPerson(input: Record<string, unknown>, known?: KnownId | null): Result {
  const data = fastPerson(input, known);
  return data ? ({ success: true, data } as Result) : personInput.safeParse(input);
}
