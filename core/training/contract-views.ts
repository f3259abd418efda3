import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id, requiredText } from '../contract/fields.ts';
import { ATTENDANCE_STATUSES } from './codes.ts';
import { enrolTarget, targetShape } from './contract-attendance.ts';
import { yearFilter } from './fields.ts';
import { ref } from '../guard/refs.ts';

export const personHours = z.object({
  personId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  posts: z.array(z.string()),
  postCategory: z.string(),
  hours: z.number(),
  days: z.number(),
  /** The applicable requirement in words; null when no rule applies. */
  requirement: z.string().nullable(),
  /** null when no rule applies. */
  met: z.boolean().nullable(),
  /** True when the requirement comes from a shipped sample rule. */
  sampleRule: z.boolean(),
  /** What is missing, e.g. 县级及以上培训还差 3 天; empty when met. */
  shortfall: z.string(),
});
export type PersonHours = z.infer<typeof personHours>;

const yearOrg = z.object({ year: yearFilter, orgId: id('组织') });

const historyRow = z.object({
  attendanceId: z.string(),
  kind: z.enum(['class', 'session']),
  title: z.string(),
  category: z.string(),
  level: z.string(),
  host: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  creditedHours: z.number(),
  creditedDays: z.number(),
  result: z.string().nullable(),
  score: z.number().nullable(),
  certificateNo: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof historyRow>;

const yearSummary = z.object({
  year: z.number().int(),
  hours: z.number(),
  days: z.number(),
  requirement: z.string().nullable(),
  met: z.boolean().nullable(),
  shortfall: z.string(),
});

const signinRowError = z.object({ row: z.number().int(), message: z.string() });

export const trainingViewsContract = {
  'training.hoursByPerson': query(
    '某年度某组织（含下级）每人的培训学时、天数与年度要求达标情况（考核自动指标的数据来源）',
    yearOrg,
    z.object({ year: z.number().int(), rows: z.array(personHours) }),
  ),
  'training.belowRequirement': query(
    '某年度某组织（含下级）未达到年度培训要求的人员',
    yearOrg,
    z.object({ year: z.number().int(), rows: z.array(personHours) }),
  ),
  'training.belowRequirement.export': query(
    '导出未达标人员名单（.xlsx，base64）',
    yearOrg,
    z.object({ fileName: z.string(), base64: z.string(), count: z.number().int() }),
  ),
  'training.personHistory': query(
    '个人培训档案：历次培训与各年度学时、达标情况',
    z.object({ personId: ref('people', '人员编号') }),
    z.object({
      person: z.object({ id: z.string(), name: z.string(), orgName: z.string(), posts: z.array(z.string()), postCategory: z.string(), status: z.string(), idNumberMasked: z.string().nullable() }),
      records: z.array(historyRow),
      years: z.array(yearSummary),
    }),
  ),
  'training.signin.import': mutation(
    '导入签到表（.xlsx：姓名、身份证号），按身份证号、再按姓名匹配本组织人员；有错误行时默认不写入',
    targetShape
      .extend({
        orgId: id('组织'),
        fileBase64: requiredText('文件', 50_000_000),
        skipErrorRows: z.boolean().default(false),
      })
      .superRefine(enrolTarget),
    z.object({
      rows: z.number().int(),
      matched: z.number().int(),
      added: z.number().int(),
      alreadyEnrolled: z.number().int(),
      written: z.boolean(),
      errors: z.array(signinRowError),
    }),
  ),
};
