import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id, isoDate } from '../contract/fields.ts';
import { PERSON_STATUSES } from '../codes/tables.ts';
import { personInput, personUpdateInput, retireInput } from './person-schema.ts';
import { ref } from '../guard/refs.ts';

const nullableText = z.string().nullable();

export const personRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  name: z.string(),
  gender: z.string(),
  ethnicity: z.string(),
  birthDate: z.string(),
  idNumber: nullableText,
  nativePlace: nullableText,
  politicalStatus: z.string(),
  partyJoinDate: nullableText,
  workStartDate: nullableText,
  communityWorkStartDate: nullableText,
  ftEducation: nullableText,
  ftDegree: nullableText,
  ftSchoolMajor: nullableText,
  ptEducation: nullableText,
  ptDegree: nullableText,
  ptSchoolMajor: nullableText,
  posts: z.array(z.string()),
  oneShoulder: z.boolean(),
  crossPosting: z.boolean(),
  reserveCadre: z.boolean(),
  postCategory: z.string(),
  swQualification: nullableText,
  swQualificationDate: nullableText,
  phone: nullableText,
  grid: nullableText,
  remarks: nullableText,
  status: z.enum(PERSON_STATUSES),
  statusDate: nullableText,
  statusReason: nullableText,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whole years of age on the `asOf` date. */
  age: z.number().int(),
  /** Whole years since 社区工作起始时间 on the `asOf` date; null when the start is unknown. */
  communityYears: z.number().int().nullable(),
});
export type PersonRecord = z.infer<typeof personRecord>;

// Grids get the ID number masked; the full value needs `roster.get` or an audited reveal.
export const personSummary = personRecord.omit({ idNumber: true }).extend({ idNumberMasked: nullableText });
export type PersonSummary = z.infer<typeof personSummary>;

const asOf = isoDate('统计日期').optional();

export const rosterContract = {
  'roster.list': query(
    '花名册列表：按组织（含下级）、状态与关键字（姓名、身份证号、电话）筛选',
    z.object({
      orgId: id('组织').nullish(),
      status: z.enum([...PERSON_STATUSES, 'all'], { error: '「状态」应为在岗、离任、退休、解聘或全部' }).default('在岗'),
      query: z.string().trim().max(50, { error: '「关键字」不能超过 50 个字符' }).optional(),
      asOf,
    }).default({ status: '在岗' }),
    z.object({ rows: z.array(personSummary), asOf: z.string() }),
  ),
  'roster.get': query('读取一名人员的完整信息', z.object({ id: ref('people', '人员编号'), asOf }), personRecord),
  'roster.create': mutation('新增人员', personInput, personRecord),
  'roster.update': mutation('修改人员信息', personUpdateInput, personRecord),
  'roster.retire': mutation('办理离任、退休或解聘（保留记录与历史）', retireInput, personRecord),
  'roster.reveal': mutation(
    '查看完整身份证号或电话（留痕）',
    z.object({ id: ref('people', '人员编号'), field: z.enum(['idNumber', 'phone'], { error: '「字段」只能是身份证号或电话' }) }),
    z.object({ value: z.string().nullable() }),
  ),
};
