import { z } from 'zod';
import { ORG_LEVELS } from '../codes/tables.ts';
import { isoDate, oneOf, optionalText, requiredText } from '../contract/fields.ts';
import { personRecord } from '../roster/contract.ts';
import type { OrgUnit } from '../org/contract.ts';
import { staffUnitProblem } from '../org/rules.ts';
import { POPULATIONS, checkSchemeConfig, schemeConfigSchema } from '../assessment/scheme-schema.ts';
import { checkScheme } from '../salary/scheme-rules.ts';
import { schemeFields as salarySchemeFields } from '../salary/scheme-schema.ts';
import { ATTENDANCE_STATUSES, REQUIREMENT_UNITS, TRAINING_FORMS, TRAINING_LEVELS } from '../training/codes.ts';
import { ruleInput } from '../training/contract-config.ts';
import { amount } from '../training/fields.ts';

// What a received row must satisfy beyond its column types: the field rules the module's own
// write applies (the same builders, code tables and cross-field checks), so a bundle cannot
// store a record the UI would refuse, e.g. a scheme config that then breaks every pay sheet.
// The shared columns (id, orgId, stamps) are checked structurally and by scope elsewhere.
// Columns a module computes rather than takes as input (snapshots, totals) are checked for
// shape only.

export interface RecordCheck {
  schema: z.ZodObject;
  /** Cross-field rules of the module's write, on the parsed record; Chinese messages. */
  cross?: (parsed: Record<string, unknown>) => string[];
}

const text = z.string();
const ntext = z.string().nullable();
const int = z.number().int();
const num = z.number();
const nnum = z.number().nullable();

const orgUnit = z.object({
  parentId: ntext,
  level: z.enum(ORG_LEVELS, { error: '「层级」应为县、街道或社区' }),
  name: requiredText('单位名称', 60),
  code: z.string().regex(/^\d{12}$/, { error: '「区划代码」应为 12 位数字的统计用区划代码' }),
  codeEdition: optionalText('区划代码版本', 10),
  staffUnit: z.boolean(),
});

const { orgId: _salaryOrg, ...salarySchemeContent } = salarySchemeFields;

const assessmentYear = z.number().int().min(2000).max(2100);

export const RECORD_CHECKS: Record<string, RecordCheck> = {
  org_units: {
    schema: orgUnit,
    cross: (r) => {
      const problem = staffUnitProblem(r.level as OrgUnit['level'], r.staffUnit as boolean);
      return problem ? [problem] : [];
    },
  },
  salary_schemes: {
    schema: z.object(salarySchemeContent),
    cross: (r) => checkScheme(r.config as never).map((i) => i.message),
  },
  assessment_schemes: {
    schema: z.object({
      year: assessmentYear,
      population: z.enum(POPULATIONS, { error: '「考核对象」只能是社区工作者、社区书记或两委成员' }),
      name: requiredText('方案名称', 80),
      isSample: z.boolean(),
      config: schemeConfigSchema,
    }),
    cross: (r) => checkSchemeConfig(r.config as never).map((i) => i.message),
  },
  training_classes: {
    schema: z.object({
      name: requiredText('班次名称', 100),
      category: requiredText('类别', 20),
      level: oneOf('层级', TRAINING_LEVELS),
      host: optionalText('主办单位', 100),
      organizer: optionalText('承办单位', 100),
      form: oneOf('形式', TRAINING_FORMS),
      location: optionalText('地点', 100),
      startDate: isoDate('开始日期'),
      endDate: isoDate('结束日期'),
      days: amount('天数').min(0, { error: '「天数」不能为负数' }),
      hours: amount('学时').min(0, { error: '「学时」不能为负数' }),
      compulsory: z.boolean(),
      assessmentMethod: optionalText('考核方式', 100),
      remarks: optionalText('备注', 500),
    }),
    cross: (r) => ((r.endDate as string) < (r.startDate as string) ? ['「结束日期」不能早于开始日期'] : []),
  },
  training_series: {
    schema: z.object({
      name: requiredText('系列名称', 100),
      category: requiredText('类别', 20),
      level: oneOf('层级', TRAINING_LEVELS),
      host: optionalText('主办单位', 100),
      remarks: optionalText('备注', 500),
    }),
  },
  training_sessions: {
    schema: z.object({
      seriesId: text,
      phase: amount('期次', { int: true }).min(1, { error: '「期次」应为正整数' }),
      topic: requiredText('主题', 200),
      speakerPersonId: ntext,
      speakerName: z.string().max(50, { error: '「主讲人姓名」不能超过 50 个字符' }),
      date: isoDate('日期'),
      hours: amount('学时').min(0, { error: '「学时」不能为负数' }),
      location: optionalText('地点', 100),
      remarks: optionalText('备注', 500),
    }),
  },
  training_attendance: {
    schema: z.object({
      classId: ntext,
      sessionId: ntext,
      personId: text,
      status: oneOf('出勤', ATTENDANCE_STATUSES),
      creditedHours: amount('认定学时').min(0, { error: '「认定学时」不能为负数' }).nullable(),
      creditedDays: amount('认定天数').min(0, { error: '「认定天数」不能为负数' }).nullable(),
      result: optionalText('考核结果', 20),
      score: nnum,
      certificateNo: optionalText('证书编号', 50),
      remarks: optionalText('备注', 200),
    }),
    cross: (r) => ((r.classId === null) === (r.sessionId === null) ? ['「培训」必须且只能指定一个班次或一期讲堂'] : []),
  },
  training_requirement_rules: {
    schema: ruleInput.extend({ unit: z.enum(REQUIREMENT_UNITS, { error: '「计量单位」不在代码表中' }), sortOrder: int }),
  },
  training_categories: { schema: z.object({ name: requiredText('类别', 20), sortOrder: int }) },
  assessment_cycles: {
    schema: z.object({ schemeId: text, year: assessmentYear, name: requiredText('周期名称', 80), reopenCount: int.min(0) }),
  },
  assessment_entries: {
    schema: z.object({
      cycleId: text,
      personId: text,
      personName: text,
      posts: z.array(text),
      scores: z.record(z.string(), num.min(0, { error: '「得分」不能为负数' })),
    }),
  },
  assessment_sessions: {
    schema: z.object({
      cycleId: text,
      date: isoDate('测评日期'),
      raterGroup: text,
      issued: int.min(0),
      returned: int.min(0),
      valid: int.min(0),
      invalid: int.min(0),
      tallies: z.record(z.string(), z.record(z.string(), int.min(0, { error: '「票数」不能为负数' }))),
    }),
  },
  assessment_results: {
    schema: z.object({ personId: text, year: assessmentYear, cycleId: text, grade: text, total: num, rank: int.min(1), rankOf: int.min(1) }),
  },
  salary_grade_inputs: { schema: z.object({ personId: text, year: int, grade: requiredText('考核等次', 10), source: text }) },
  salary_level_history: {
    schema: z.object({ personId: text, schemeId: text, post: text, level: int.min(1), effectiveDate: isoDate('生效日期'), reason: text, approver: text }),
  },
  salary_promotion_runs: {
    schema: z.object({
      year: int,
      schemeId: text,
      effectiveDate: isoDate('晋级生效日期'),
      approver: text,
      decisions: z.array(
        z.object({
          personId: text, action: z.enum(['advance', 'demote', 'none', 'skip']), post: ntext, fromLevel: nnum, toLevel: nnum,
          explanation: text,
        }),
      ),
    }),
  },
  salary_pay_sheets: {
    schema: z.object({
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '「月份」格式应为 YYYY-MM' }),
      schemeId: text,
      totalFen: int,
      missing: z.array(z.object({ personId: text, name: text, orgName: text, reason: text })),
    }),
  },
  salary_settlements: {
    schema: z.object({ year: int, schemeId: text, totalFen: int, lines: z.array(z.object({ personId: text, amountFen: int })) }),
  },
  salary_pay_lines: {
    schema: z.object({
      sheetId: text,
      lineNo: int.min(1),
      personId: text,
      level: int.min(1),
      baseFen: int,
      allowancesFen: int,
      allowances: z.array(z.object({ name: text, amountFen: int })),
      performanceFen: int,
      totalFen: int,
    }),
  },
};

/** The roster's own record contract, restricted to the stored columns (computed fields like age are not stored). */
export function peopleCheck(columns: Record<string, unknown>): RecordCheck {
  const keys = Object.keys(personRecord.shape).filter((k) => k in columns);
  return { schema: (personRecord as z.ZodObject).pick(Object.fromEntries(keys.map((k) => [k, true])) as Record<string, true>) };
}
