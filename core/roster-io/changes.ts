import type { PersonRow } from '../../db/schema/index.ts';
import type { PersonFields } from '../roster/person-schema.ts';
import { COLUMN_BY_KEY } from './columns.ts';

// What an update would change, per field, old → new, as the dry run shows it. Fields that
// feed pay grading are flagged so the clerk looks twice before confirming.

export const PAY_FIELDS = new Set(['communityWorkStartDate', 'ftEducation', 'ptEducation', 'swQualification', 'posts', 'postCategory']);

export interface FieldChange {
  field: string;
  header: string;
  old: string;
  new: string;
  pay: boolean;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.length ? v.join('、') : '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return (a ?? null) === (b ?? null);
}

export function diffPerson(existing: PersonRow, data: PersonFields, keys: readonly (keyof PersonFields)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (sameValue(existing[k as keyof PersonRow], data[k])) continue;
    out.push({ field: k, header: COLUMN_BY_KEY.get(k)?.header ?? k, old: show(existing[k as keyof PersonRow]), new: show(data[k]), pay: PAY_FIELDS.has(k) });
  }
  return out;
}
