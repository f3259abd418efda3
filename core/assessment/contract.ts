import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id, isoDate, optionalText, requiredText } from '../contract/fields.ts';
import { POST_CATEGORIES, POSTS } from '../codes/tables.ts';
import { POPULATIONS, schemeConfigSchema } from './scheme-schema.ts';
import { ref, target } from '../guard/refs.ts';

const year = z.number({ error: '「年度」应为数字' }).int({ error: '「年度」应为整数' }).min(2000, { error: '「年度」不能早于 2000 年' }).max(2100, { error: '「年度」不能晚于 2100 年' });
const count = (label: string) => z.number({ error: `「${label}」应为数字` }).int({ error: `「${label}」应为整数` }).min(0, { error: `「${label}」不能为负数` });
const reason = (label: string) => requiredText(label, 200).refine((s) => s.length >= 2, { error: `「${label}」至少写 2 个字` });

export const schemeRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  year: z.number(),
  population: z.enum(POPULATIONS),
  name: z.string(),
  isSample: z.boolean(),
  config: schemeConfigSchema,
  usedByLockedCycle: z.boolean(),
  updatedAt: z.string(),
});
export type SchemeRecord = z.infer<typeof schemeRecord>;

export const ENTRY_STATUSES = ['未评', '评分中', '已评', '已确认'] as const;

export const cycleSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  name: z.string(),
  schemeId: z.string(),
  schemeName: z.string(),
  status: z.enum(['open', 'locked']),
  lockedAt: z.string().nullable(),
  reopenCount: z.number(),
  headcount: z.number(),
  statusCounts: z.record(z.string(), z.number()),
});
export type CycleSummary = z.infer<typeof cycleSummary>;

const vetoHit = z.object({ grade: z.string(), reason: z.string() });

export const sheetRow = z.object({
  entryId: z.string(),
  personId: z.string(),
  name: z.string(),
  orgName: z.string(),
  posts: z.array(z.string()),
  status: z.enum(ENTRY_STATUSES),
  /** Entered points plus the automatic indicators, keyed by indicator key. */
  scores: z.record(z.string(), z.number()),
  /** Indicator keys whose value came from another module (training hours). */
  autoKeys: z.array(z.string()),
  training: z.object({ hours: z.number(), days: z.number(), requirement: z.string().nullable(), met: z.boolean().nullable(), shortfall: z.string() }).nullable(),
  components: z.record(z.string(), z.number().nullable()),
  total: z.number(),
  complete: z.boolean(),
  missing: z.array(z.string()),
  rank: z.number(),
  votes: z.object({ valid: z.number(), counts: z.record(z.string(), z.number()) }),
  rates: z.record(z.string(), z.number().nullable()),
  vetoes: z.array(vetoHit),
  thresholdGrade: z.string(),
  proposedGrade: z.string().nullable(),
  tie: z.boolean(),
  overQuota: z.boolean(),
  finalGrade: z.string().nullable(),
  finalReason: z.string().nullable(),
  selfAssessment: z.string().nullable(),
  reportNotes: z.string().nullable(),
});
export type SheetRow = z.infer<typeof sheetRow>;

export const sessionRecord = z.object({
  id: z.string(),
  cycleId: z.string(),
  date: z.string(),
  raterGroup: z.string(),
  issued: z.number(),
  returned: z.number(),
  valid: z.number(),
  invalid: z.number(),
  counter: z.string().nullable(),
  supervisor: z.string().nullable(),
  announced: z.boolean(),
  tallies: z.record(z.string(), z.record(z.string(), z.number())),
});
export type SessionRecord = z.infer<typeof sessionRecord>;

export const sheet = z.object({
  cycle: cycleSummary,
  scheme: schemeRecord,
  leaves: z.array(z.object({ key: z.string(), name: z.string(), maxPoints: z.number(), componentKey: z.string(), auto: z.string().nullable() })),
  rows: z.array(sheetRow),
  sessions: z.array(sessionRecord),
  quota: z.number(),
  tie: z.object({ total: z.number(), slots: z.number(), ids: z.array(z.string()) }).nullable(),
  /** `training` when the scheme has a training indicator and the training module was read. */
  trainingSource: z.enum(['training', 'none']),
});
export type Sheet = z.infer<typeof sheet>;

export const resultRecord = z.object({
  personId: z.string(),
  personName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  cycleId: z.string(),
  grade: z.string(),
  total: z.number(),
  rank: z.number(),
  rankOf: z.number(),
  confirmedAt: z.string(),
});
export type ResultRecord = z.infer<typeof resultRecord>;

const schemeInput = z.object({
  id: target('assessment_schemes', '方案编号').optional(),
  orgId: id('所属组织'),
  year,
  population: z.enum(POPULATIONS, { error: '「考核对象」只能是社区工作者、社区书记或两委成员' }),
  name: requiredText('方案名称', 80),
  config: schemeConfigSchema,
});

// Reading a cycle (sheet, export) and changing it (scores, sessions, confirm, re-open).
const cycleRef = z.object({ cycleId: ref('assessment_cycles', '考核周期') });
const cycleTarget = z.object({ cycleId: target('assessment_cycles', '考核周期') });

export const assessmentContract = {
  // editable: whether the caller may add an installation-wide scheme (the sample goes on the top
  // unit): the role may, and that unit is in the caller's scope. The renderer asks this, not its own rule.
  'assessment.schemes': query('考核方案列表', z.object({ year: year.optional() }).default({}), z.object({ rows: z.array(schemeRecord), editable: z.boolean() })),
  'assessment.scheme': query('读取一个考核方案', z.object({ id: ref('assessment_schemes', '方案编号') }), schemeRecord),
  'assessment.saveScheme': mutation('新建或修改考核方案（权重之和须为 100%）', schemeInput, schemeRecord),
  'assessment.installSample': mutation(
    '按示例生成一个考核方案（标注“示例”，阈值与比例须按本地文件修改）',
    z.object({ orgId: id('所属组织'), year }),
    schemeRecord,
  ),
  'assessment.cycles': query(
    '考核周期列表',
    z.object({ year: year.optional(), orgId: id('组织').optional() }).default({}),
    z.object({ rows: z.array(cycleSummary) }),
  ),
  'assessment.createCycle': mutation(
    '新建考核周期：按职务或岗位类别从花名册（在岗）选取考核对象',
    z.object({
      schemeId: ref('assessment_schemes', '考核方案'),
      orgId: id('考核单位'),
      name: optionalText('周期名称', 80),
      posts: z.array(z.enum(POSTS, { error: '「职务」不在代码表中' })).default([]),
      postCategories: z.array(z.enum(POST_CATEGORIES, { error: '「岗位类别」不在代码表中' })).default([]),
      includeSubOrgs: z.boolean().default(true),
    }),
    cycleSummary,
  ),
  'assessment.sheet': query('考核周期详情：打分、测评、总分、排名与拟定等次', cycleRef, sheet),
  'assessment.saveScores': mutation(
    '批量保存指标得分（不得超过满分，不得为负）',
    cycleTarget.extend({
      rows: z
        .array(z.object({ entryId: target('assessment_entries', '考核对象'), scores: z.record(z.string(), z.number({ error: '「得分」应为数字' }).nullable()) }))
        .min(1, { error: '「得分」没有要保存的内容' }),
    }),
    // clearedGrades: who lost a final grade because the new scores changed their proposal.
    z.object({ saved: z.number(), clearedGrades: z.array(z.string()) }),
  ),
  'assessment.saveNotes': mutation(
    '保存个人自评与述职记录',
    z.object({ entryId: target('assessment_entries', '考核对象'), selfAssessment: optionalText('个人自评', 4000), reportNotes: optionalText('述职记录', 4000) }),
    z.object({ entryId: z.string() }),
  ),
  'assessment.saveSession': mutation(
    '新建或修改民主测评场次与计票（各项票数不得超过有效票）',
    cycleTarget.extend({
      id: target('assessment_sessions', '测评场次').optional(),
      date: isoDate('测评日期'),
      raterGroup: requiredText('参评人员类别', 40),
      issued: count('发出票数'),
      returned: count('收回票数'),
      valid: count('有效票数'),
      invalid: count('无效票数'),
      counter: optionalText('计票人', 40),
      supervisor: optionalText('监票人', 40),
      announced: z.boolean().default(false),
      tallies: z.array(z.object({ entryId: ref('assessment_entries', '考核对象'), counts: z.record(z.string(), z.number({ error: '「票数」应为数字' })) })).default([]),
      // replace: the given tallies are the session's whole table. merge: they replace only those
      // people's counts (empty counts clear them), every other stored tally stays; a paged table
      // knows only the rows it has shown. A new session is always replace.
      talliesMode: z.enum(['replace', 'merge'], { error: '「计票保存方式」只能是 replace（整表替换）或 merge（按人合并）' }).default('replace'),
    }),
    sessionRecord,
  ),
  'assessment.deleteSession': mutation('删除民主测评场次', z.object({ id: target('assessment_sessions', '测评场次'), reason: reason('删除原因') }), z.object({ id: z.string() })),
  'assessment.setFinalGrade': mutation(
    '确定最终等次（与拟定等次不同时须写明理由）',
    z.object({ entryId: target('assessment_entries', '考核对象'), grade: z.string().trim().nullable(), reason: optionalText('调整理由', 200) }),
    z.object({ entryId: z.string(), finalGrade: z.string().nullable() }),
  ),
  'assessment.acceptProposals': mutation('按拟定等次填写最终等次（并列待定者除外）', cycleTarget, z.object({ updated: z.number() })),
  'assessment.confirm': mutation('确认并锁定考核结果', cycleTarget, cycleSummary),
  'assessment.reopen': mutation('重新开启已锁定的考核周期（留痕，须写明原因）', cycleTarget.extend({ reason: reason('重新开启原因') }), cycleSummary),
  'assessment.results': query(
    '年度考核结果表（等次、总分、排名），薪酬模块据此读取',
    z.object({ year, orgId: id('组织').optional(), personId: ref('people', '人员').optional() }),
    z.object({ rows: z.array(resultRecord) }),
  ),
  'assessment.distribution': query(
    '各社区等次分布',
    z.object({ year, orgId: id('组织').optional() }),
    z.object({ labels: z.array(z.string()), rows: z.array(z.object({ orgId: z.string(), orgName: z.string(), counts: z.record(z.string(), z.number()), total: z.number() })) }),
  ),
  'assessment.exportXlsx': query('导出考核结果 Excel（base64）', cycleRef, z.object({ fileName: z.string(), base64: z.string() })),
};
