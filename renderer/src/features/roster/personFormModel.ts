import type { PersonRecord } from '../../../../core/roster/contract.ts';
import type { PersonInput } from '../../../../core/roster/person-schema.ts';
import { checkPersonDates, personInput } from '../../../../core/roster/person-schema.ts';
import { localIsoDate } from '../../../../core/roster/dates.ts';
import { parseIdNumber } from '../../../../core/roster/id-number.ts';

// The form keeps every field as the text the user sees; it becomes a PersonInput only on submit,
// where the same zod rules the server uses produce the inline messages.

export interface PersonForm {
  orgId: string;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  nativePlace: string;
  politicalStatus: string;
  partyJoinDate: string;
  workStartDate: string;
  communityWorkStartDate: string;
  ftEducation: string;
  ftDegree: string;
  ftSchoolMajor: string;
  ptEducation: string;
  ptDegree: string;
  ptSchoolMajor: string;
  posts: string[];
  oneShoulder: boolean;
  crossPosting: boolean;
  reserveCadre: boolean;
  postCategory: string;
  swQualification: string;
  swQualificationDate: string;
  phone: string;
  grid: string;
  remarks: string;
}

export type TextKey = { [K in keyof PersonForm]: PersonForm[K] extends string ? K : never }[keyof PersonForm];
export type FlagKey = 'oneShoulder' | 'crossPosting' | 'reserveCadre';

export type FieldSpec =
  | { key: TextKey; label: string; kind: 'text' | 'date' | 'textarea'; required?: boolean; placeholder?: string }
  | { key: TextKey; label: string; kind: 'select'; table: string; required?: boolean }
  | { key: 'orgId'; label: string; kind: 'org'; required: true }
  | { key: 'posts'; label: string; kind: 'multi'; table: string }
  | { key: FlagKey; label: string; kind: 'flag' };

export const FORM_GROUPS: { title: string; fields: FieldSpec[]; cols?: 3 }[] = [
  { title: '基本信息', fields: [
    { key: 'name', label: '姓名', kind: 'text', required: true },
    { key: 'idNumber', label: '身份证号', kind: 'text', placeholder: '18 位，末位可为 X' },
    { key: 'gender', label: '性别', kind: 'select', table: 'gender', required: true },
    { key: 'birthDate', label: '出生日期', kind: 'date', required: true },
    { key: 'ethnicity', label: '民族', kind: 'select', table: 'ethnicity', required: true },
    { key: 'nativePlace', label: '籍贯', kind: 'text', placeholder: '如 陕西咸阳' },
    { key: 'orgId', label: '所属社区', kind: 'org', required: true },
    { key: 'phone', label: '联系电话', kind: 'text', placeholder: '手机号或 029-88886666' },
  ] },
  { title: '党政与工作', fields: [
    { key: 'politicalStatus', label: '政治面貌', kind: 'select', table: 'politicalStatus', required: true },
    { key: 'partyJoinDate', label: '入党时间', kind: 'date' },
    { key: 'workStartDate', label: '参加工作时间', kind: 'date' },
    { key: 'communityWorkStartDate', label: '社区工作起始时间', kind: 'date' },
  ] },
  { title: '学历', cols: 3, fields: [
    { key: 'ftEducation', label: '全日制学历', kind: 'select', table: 'education' },
    { key: 'ftDegree', label: '全日制学位', kind: 'select', table: 'degree' },
    { key: 'ftSchoolMajor', label: '全日制院校及专业', kind: 'text' },
    { key: 'ptEducation', label: '在职学历', kind: 'select', table: 'education' },
    { key: 'ptDegree', label: '在职学位', kind: 'select', table: 'degree' },
    { key: 'ptSchoolMajor', label: '在职院校及专业', kind: 'text' },
  ] },
  { title: '职务', fields: [
    { key: 'posts', label: '职务（可多选）', kind: 'multi', table: 'post' },
    { key: 'postCategory', label: '岗位类别', kind: 'select', table: 'postCategory', required: true },
    { key: 'oneShoulder', label: '一肩挑', kind: 'flag' },
    { key: 'crossPosting', label: '交叉任职', kind: 'flag' },
    { key: 'reserveCadre', label: '后备干部', kind: 'flag' },
  ] },
  { title: '其他', fields: [
    { key: 'swQualification', label: '社工职业资格', kind: 'select', table: 'swQualification' },
    { key: 'swQualificationDate', label: '社工资格取得时间', kind: 'date' },
    { key: 'grid', label: '所在网格', kind: 'text' },
    { key: 'remarks', label: '备注', kind: 'textarea' },
  ] },
];

export function emptyForm(orgId: string): PersonForm {
  return {
    orgId, name: '', gender: '', ethnicity: '汉族', birthDate: '', idNumber: '', nativePlace: '',
    politicalStatus: '', partyJoinDate: '', workStartDate: '', communityWorkStartDate: '',
    ftEducation: '', ftDegree: '', ftSchoolMajor: '', ptEducation: '', ptDegree: '', ptSchoolMajor: '',
    posts: [], oneShoulder: false, crossPosting: false, reserveCadre: false, postCategory: '',
    swQualification: '', swQualificationDate: '', phone: '', grid: '', remarks: '',
  };
}

export function formFromRecord(r: PersonRecord): PersonForm {
  const t = (v: string | null) => v ?? '';
  return {
    orgId: r.orgId, name: r.name, gender: r.gender, ethnicity: r.ethnicity, birthDate: r.birthDate,
    idNumber: t(r.idNumber), nativePlace: t(r.nativePlace), politicalStatus: r.politicalStatus,
    partyJoinDate: t(r.partyJoinDate), workStartDate: t(r.workStartDate), communityWorkStartDate: t(r.communityWorkStartDate),
    ftEducation: t(r.ftEducation), ftDegree: t(r.ftDegree), ftSchoolMajor: t(r.ftSchoolMajor),
    ptEducation: t(r.ptEducation), ptDegree: t(r.ptDegree), ptSchoolMajor: t(r.ptSchoolMajor),
    posts: [...r.posts], oneShoulder: r.oneShoulder, crossPosting: r.crossPosting, reserveCadre: r.reserveCadre,
    postCategory: r.postCategory, swQualification: t(r.swQualification), swQualificationDate: t(r.swQualificationDate),
    phone: t(r.phone), grid: t(r.grid), remarks: t(r.remarks),
  };
}

/** Empty optional texts travel as null; required ones stay '' so the schema names them. */
export function formToInput(f: PersonForm): PersonInput {
  const opt = (v: string) => (v.trim() ? v.trim() : null);
  return {
    orgId: f.orgId, name: f.name, gender: f.gender, ethnicity: f.ethnicity, birthDate: f.birthDate,
    idNumber: opt(f.idNumber), nativePlace: opt(f.nativePlace), politicalStatus: f.politicalStatus,
    partyJoinDate: opt(f.partyJoinDate), workStartDate: opt(f.workStartDate), communityWorkStartDate: opt(f.communityWorkStartDate),
    ftEducation: opt(f.ftEducation), ftDegree: opt(f.ftDegree), ftSchoolMajor: opt(f.ftSchoolMajor),
    ptEducation: opt(f.ptEducation), ptDegree: opt(f.ptDegree), ptSchoolMajor: opt(f.ptSchoolMajor),
    posts: f.posts, oneShoulder: f.oneShoulder, crossPosting: f.crossPosting, reserveCadre: f.reserveCadre,
    postCategory: f.postCategory, swQualification: opt(f.swQualification), swQualificationDate: opt(f.swQualificationDate),
    phone: opt(f.phone), grid: opt(f.grid), remarks: opt(f.remarks),
  };
}

const LABELS: Record<string, string> = Object.fromEntries(FORM_GROUPS.flatMap((g) => g.fields.map((f) => [f.key, f.label])));

/**
 * The same rules as the server, run before sending: field key → Chinese message.
 * An empty result means the form may be submitted.
 */
export function validateForm(f: PersonForm, now: Date = new Date()): Record<string, string> {
  const parsed = personInput.safeParse(formToInput(f));
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    // An empty required field reads better as "必须填写" than as whatever rule it failed first.
    for (const spec of FORM_GROUPS.flatMap((g) => g.fields)) {
      const v = f[spec.key];
      if ('required' in spec && spec.required && (v === '' || v === undefined)) errors[spec.key] = `「${spec.label}」必须填写`;
    }
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      // zod's own wording (e.g. for a missing select) does not name the field; ours always does.
      errors[key] ??= issue.message.startsWith('「') || !LABELS[key] ? issue.message : `「${LABELS[key]}」${issue.message}`;
    }
    return errors;
  }
  for (const i of checkPersonDates(parsed.data, localIsoDate(now))) errors[i.path] ??= i.message;
  return errors;
}

/**
 * A complete, valid 18-digit ID number carries the birth date and sex: fill 性别 and
 * 出生日期 from it when they are still empty (never overwrite what the user chose).
 */
export function withIdFacts(f: PersonForm): PersonForm {
  if (f.idNumber.replace(/\s/g, '').length !== 18) return f;
  const parsed = parseIdNumber(f.idNumber);
  if (!parsed.ok) return f;
  return { ...f, gender: f.gender || parsed.id.gender, birthDate: f.birthDate || parsed.id.birthDate };
}
