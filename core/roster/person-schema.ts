import { z } from 'zod';
import { id, isoDate, optionalIsoDate, optionalText, requiredText } from '../contract/fields.ts';
import { canonicalCode, LEAVING_STATUSES, PERSON_STATUSES } from '../codes/tables.ts';
import { parseIdNumber, type ParsedIdNumber } from './id-number.ts';
import { addYears } from './dates.ts';
import { target } from '../guard/refs.ts';
import { partialShape } from '../contract/partial.ts';

// The one set of person rules: the form, the API and every import parse through these
// schemas, so a bad value reads the same wherever it comes from.

/** A coded field: accepts the canonical name, the code or a known alias; yields the name. */
export function codeField(table: string, label: string) {
  return z.string({ error: `「${label}」必须填写` }).transform((v, ctx) => {
    const name = canonicalCode(table, v);
    if (name === null) {
      ctx.addIssue({ code: 'custom', message: v.trim() ? `「${label}」的值“${v}”不在代码表中` : `「${label}」必须填写` });
      return z.NEVER;
    }
    return name;
  });
}

export function optionalCodeField(table: string, label: string) {
  return z
    .string({ error: `「${label}」应为文字` })
    .nullish()
    .transform((v, ctx) => {
      if (!v || !v.trim()) return null;
      const name = canonicalCode(table, v);
      if (name === null) {
        ctx.addIssue({ code: 'custom', message: `「${label}」的值“${v}”不在代码表中` });
        return z.NEVER;
      }
      return name;
    });
}

const idNumberField = z
  .string({ error: '「身份证号」应为文字' })
  .nullish()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return null;
    const r = parseIdNumber(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `「身份证号」${r.reason}` });
      return z.NEVER;
    }
    return r.id.value;
  });

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const phoneField = z
  .string({ error: '「联系电话」应为文字' })
  .nullish()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return null;
    const s = v.normalize('NFKC').replace(/[\s()（）]/g, '').replace(/^\+?86-?(?=1)/, '');
    if (MOBILE.test(s) || LANDLINE.test(s)) return s;
    ctx.addIssue({ code: 'custom', message: `「联系电话」“${v}”应为 11 位手机号或带区号的固定电话（如 029-88886666）` });
    return z.NEVER;
  });

const postsField = z
  .array(codeField('post', '职务'), { error: '「职务」应为列表' })
  .max(9, { error: '「职务」最多 9 项' })
  .transform((posts) => [...new Set(posts)])
  // Outermost, so partialShape can drop it: an omitted 职务 in an update keeps the stored posts.
  .default([]);

export const personFieldsShape = {
  orgId: id('所属组织'),
  name: requiredText('姓名', 50),
  gender: codeField('gender', '性别'),
  ethnicity: codeField('ethnicity', '民族'),
  birthDate: isoDate('出生日期'),
  idNumber: idNumberField,
  nativePlace: optionalText('籍贯', 50),
  politicalStatus: codeField('politicalStatus', '政治面貌'),
  partyJoinDate: optionalIsoDate('入党时间'),
  workStartDate: optionalIsoDate('参加工作时间'),
  communityWorkStartDate: optionalIsoDate('社区工作起始时间'),
  ftEducation: optionalCodeField('education', '全日制学历'),
  ftDegree: optionalCodeField('degree', '全日制学位'),
  ftSchoolMajor: optionalText('全日制院校专业', 100),
  ptEducation: optionalCodeField('education', '在职学历'),
  ptDegree: optionalCodeField('degree', '在职学位'),
  ptSchoolMajor: optionalText('在职院校专业', 100),
  posts: postsField,
  oneShoulder: z.boolean({ error: '「一肩挑」应为是或否' }).default(false),
  crossPosting: z.boolean({ error: '「交叉任职」应为是或否' }).default(false),
  reserveCadre: z.boolean({ error: '「后备干部」应为是或否' }).default(false),
  postCategory: codeField('postCategory', '岗位类别'),
  swQualification: optionalCodeField('swQualification', '社工职业资格'),
  swQualificationDate: optionalIsoDate('社工资格取得时间'),
  phone: phoneField,
  grid: optionalText('所在网格', 50),
  remarks: optionalText('备注', 500),
};

type Fields = z.output<z.ZodObject<typeof personFieldsShape>>;

/** Cross-field rules that need no clock; `checkPersonDates` adds the ones that do. */
export function crossCheckPerson(p: Fields, ctx: z.RefinementCtx): void {
  for (const i of personCrossIssues(p)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
}

/**
 * The cross-field rules as a list, for a partial update that judges the merged record.
 * `known`: the ID number already parsed by the caller (the import parses each row's once);
 * used only when it is the parse of `p.idNumber` itself, so the answer cannot differ.
 */
export function personCrossIssues(p: Fields, known?: ParsedIdNumber | null): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (p.idNumber) {
    const parsed = known && known.value === p.idNumber ? { ok: true as const, id: known } : parseIdNumber(p.idNumber);
    if (parsed.ok && parsed.id.birthDate !== p.birthDate)
      add('birthDate', `「出生日期」${p.birthDate} 与身份证号中的 ${parsed.id.birthDate} 不一致`);
    if (parsed.ok && parsed.id.gender !== p.gender)
      add('gender', `「性别」与身份证号不一致（身份证号显示为${parsed.id.gender}）`);
  }
  if (p.partyJoinDate && p.partyJoinDate < addYears(p.birthDate, 18))
    add('partyJoinDate', '「入党时间」应在年满 18 周岁之后');
  if (p.workStartDate && p.workStartDate < addYears(p.birthDate, 16))
    add('workStartDate', '「参加工作时间」应在年满 16 周岁之后');
  if (p.communityWorkStartDate && p.communityWorkStartDate < addYears(p.birthDate, 16))
    add('communityWorkStartDate', '「社区工作起始时间」应在年满 16 周岁之后');
  if (p.communityWorkStartDate && p.workStartDate && p.communityWorkStartDate < p.workStartDate)
    add('communityWorkStartDate', '「社区工作起始时间」不能早于参加工作时间');
  if (p.swQualificationDate && !p.swQualification) add('swQualification', '填写了「社工资格取得时间」，请同时选择社工职业资格');
  if (p.oneShoulder && !(p.posts.includes('书记') && p.posts.includes('居委会主任')))
    add('oneShoulder', '「一肩挑」要求同时担任书记和居委会主任');
  return issues;
}

const DATE_FIELDS: [keyof Fields, string][] = [
  ['birthDate', '出生日期'], ['partyJoinDate', '入党时间'], ['workStartDate', '参加工作时间'],
  ['communityWorkStartDate', '社区工作起始时间'], ['swQualificationDate', '社工资格取得时间'],
];

/** Rules that depend on today's date (passed in, so they are testable and clock-free). */
export function checkPersonDates(p: Partial<Fields>, today: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const [key, label] of DATE_FIELDS) {
    const v = p[key];
    if (typeof v === 'string' && v > today) issues.push({ path: key, message: `「${label}」${v} 晚于今天，不能是将来的日期` });
  }
  if (p.birthDate && p.birthDate < addYears(today, -100))
    issues.push({ path: 'birthDate', message: '「出生日期」表明年龄超过 100 岁，请核对' });
  if (p.birthDate && p.birthDate > addYears(today, -16) && p.birthDate <= today)
    issues.push({ path: 'birthDate', message: '「出生日期」表明未满 16 周岁，请核对' });
  return issues;
}

export const personInput = z.object(personFieldsShape).superRefine(crossCheckPerson);
export type PersonInput = z.input<typeof personInput>;
export type PersonFields = z.output<typeof personInput>;

// Partial: an omitted field keeps its stored value, an explicit null, [] or false clears it.
// The cross-field rules run in the handler on the merged record (a patch alone cannot be judged).
export const personUpdateInput = z.object({ id: target('people', '人员编号'), ...partialShape(personFieldsShape) });
/** The fields a person record is written from, in the order of the create input. */
export const PERSON_FIELD_KEYS = Object.keys(personFieldsShape) as (keyof typeof personFieldsShape)[];

export const retireInput = z.object({
  id: target('people', '人员编号'),
  status: z.enum(LEAVING_STATUSES, { error: '「离岗类型」应为离任、退休或解聘' }),
  date: isoDate('离岗日期'),
  reason: requiredText('离岗原因', 200),
});

export const personStatus = z.enum(PERSON_STATUSES);
