import { z } from 'zod';
import { query } from '../contract/op.ts';
import { ref } from '../guard/refs.ts';
import { cycleSummary, schemeRecord, sessionRecord, sheetRow } from './contract.ts';

// The assessment sheet block by block (issue 19): the panels get the sheet without its rows
// (sheetSummary) and ask for the rows they show (sheetPage), sorted and filtered on the
// server, so a county-wide cycle is never held whole in the renderer.

export const SHEET_TEXT_COLUMNS = ['name', 'orgName', 'posts', 'status', 'proposedGrade', 'finalGrade'] as const;
export const SHEET_NUMBER_COLUMNS = ['total', 'rank'] as const;
/** Per-indicator points (`score:<leafKey>`) and per-component points (`component:<componentKey>`). */
export const SHEET_KEYED_COLUMN = /^(score|component):[A-Za-z0-9_]{1,40}$/;
export type SheetColumn = (typeof SHEET_TEXT_COLUMNS)[number] | (typeof SHEET_NUMBER_COLUMNS)[number] | `score:${string}` | `component:${string}`;

const keyed = (label: string) =>
  z
    .string({ error: `「${label}」无效` })
    .max(50, { error: `「${label}」无效` })
    .regex(SHEET_KEYED_COLUMN, { error: `「${label}」无效` })
    .transform((s) => s as `score:${string}` | `component:${string}`);
const column = z.union([z.enum([...SHEET_TEXT_COLUMNS, ...SHEET_NUMBER_COLUMNS]), keyed('排序列')], { error: '「排序列」无效' });
const numberColumn = z.union([z.enum(SHEET_NUMBER_COLUMNS), keyed('筛选列')], { error: '「筛选列」无效' });
const filter = z.discriminatedUnion('kind', [
  z.object({
    column: z.enum(SHEET_TEXT_COLUMNS, { error: '「筛选列」无效' }), kind: z.literal('text'),
    type: z.enum(['contains', 'equals', 'startsWith'], { error: '「筛选方式」无效' }),
    value: z.string({ error: '「筛选值」应为文字' }).max(200, { error: '「筛选值」不能超过 200 个字符' }),
  }),
  z.object({
    column: numberColumn, kind: z.literal('number'), type: z.enum(['equals', 'lessThan', 'greaterThan', 'inRange'], { error: '「筛选方式」无效' }),
    value: z.number({ error: '「筛选值」应为数字' }).finite({ error: '「筛选值」应为有限数字' }),
    to: z.number({ error: '「筛选上限」应为数字' }).finite({ error: '「筛选上限」应为有限数字' }).optional(),
  }),
], { error: '「筛选」无效' });
export type SheetFilter = z.infer<typeof filter>;

export const MAX_SHEET_BLOCK = 500;
const MAX_RULES = 20;

const cycleId = ref('assessment_cycles', '考核周期');

const rowRange = {
  startRow: z.number({ error: '「起始行」应为数字' }).int({ error: '「起始行」应为整数' }).min(0, { error: '「起始行」不能小于 0' }),
  endRow: z.number({ error: '「结束行」应为数字' }).int({ error: '「结束行」应为整数' }).min(0, { error: '「结束行」不能小于 0' }),
};
const inBlock = (v: { startRow: number; endRow: number }) => v.endRow >= v.startRow && v.endRow - v.startRow <= MAX_SHEET_BLOCK;
const blockError = () => ({ error: `「结束行」须不小于起始行，且一次最多 ${MAX_SHEET_BLOCK} 行`, path: ['endRow'] });

// The 民主测评 tally table: name, unit, this session's count per option (`count:<选项>`), their
// sum, and each option's rate over all sessions (`rate:<选项>`). Option labels are checked
// against the scheme's voteOptions by the handler.
export const SESSION_TEXT_COLUMNS = ['name', 'orgName'] as const;
export const SESSION_KEYED_COLUMN = /^(count|rate):.{1,20}$/;
export type SessionColumn = (typeof SESSION_TEXT_COLUMNS)[number] | 'sum' | `count:${string}` | `rate:${string}`;
const sessionKeyed = (label: string) =>
  z
    .string({ error: `「${label}」无效` })
    .max(30, { error: `「${label}」无效` })
    .regex(SESSION_KEYED_COLUMN, { error: `「${label}」无效` })
    .transform((s) => s as `count:${string}` | `rate:${string}`);
const sessionNumberColumn = z.union([z.literal('sum'), sessionKeyed('筛选列')], { error: '「筛选列」无效' });
const sessionColumn = z.union([z.enum([...SESSION_TEXT_COLUMNS, 'sum']), sessionKeyed('排序列')], { error: '「排序列」无效' });
const sessionFilter = z.discriminatedUnion('kind', [
  z.object({
    column: z.enum(SESSION_TEXT_COLUMNS, { error: '「筛选列」无效' }), kind: z.literal('text'),
    type: z.enum(['contains', 'equals', 'startsWith'], { error: '「筛选方式」无效' }),
    value: z.string({ error: '「筛选值」应为文字' }).max(200, { error: '「筛选值」不能超过 200 个字符' }),
  }),
  z.object({
    column: sessionNumberColumn, kind: z.literal('number'), type: z.enum(['equals', 'lessThan', 'greaterThan', 'inRange'], { error: '「筛选方式」无效' }),
    value: z.number({ error: '「筛选值」应为数字' }).finite({ error: '「筛选值」应为有限数字' }),
    to: z.number({ error: '「筛选上限」应为数字' }).finite({ error: '「筛选上限」应为有限数字' }).optional(),
  }),
], { error: '「筛选」无效' });
export type SessionFilter = z.infer<typeof sessionFilter>;

export const sessionRow = z.object({
  entryId: z.string(),
  name: z.string(),
  orgName: z.string(),
  /** This session's count per option (empty for a new session). */
  counts: z.record(z.string(), z.number()),
  sum: z.number(),
  /** Each option's share of the valid ballots over all sessions (0..1), as the sheet has it. */
  rates: z.record(z.string(), z.number().nullable()),
});
export type SessionRow = z.infer<typeof sessionRow>;

export const sheetSummary = z.object({
  cycle: cycleSummary,
  scheme: schemeRecord,
  leaves: z.array(z.object({ key: z.string(), name: z.string(), maxPoints: z.number(), componentKey: z.string(), auto: z.string().nullable() })),
  /** Sessions without their per-person tallies (those grow with the cycle). */
  sessions: z.array(sessionRecord.omit({ tallies: true })),
  quota: z.number(),
  tie: z.object({ total: z.number(), slots: z.number(), ids: z.array(z.string()) }).nullable(),
  trainingSource: z.enum(['training', 'none']),
  rowCount: z.number().int(),
  /** How many rows have each proposed grade (`并列待定` for the tie) and each final grade. */
  proposedCounts: z.record(z.string(), z.number()),
  finalCounts: z.record(z.string(), z.number()),
  statusCounts: z.record(z.string(), z.number()),
  completeCount: z.number().int(),
});
export type SheetSummary = z.infer<typeof sheetSummary>;

export const assessmentSheetPageContract = {
  'assessment.sheetSummary': query('考核周期概要（不含逐人行）：方案、指标、名额、并列、各等次人数', z.object({ cycleId }), sheetSummary),
  'assessment.sheetPage': query(
    '考核表的一段（服务器端排序、筛选、分段）',
    z
      .object({
        cycleId,
        ...rowRange,
        sort: z.array(z.object({ column, dir: z.enum(['asc', 'desc'], { error: '「排序方向」无效' }) }), { error: '「排序」无效' }).max(MAX_RULES, { error: '「排序」条件过多' }),
        filters: z.array(filter, { error: '「筛选」无效' }).max(MAX_RULES, { error: '「筛选」条件过多' }),
      })
      .refine(inBlock, blockError()),
    z.object({ rows: z.array(sheetRow), rowCount: z.number().int() }),
  ),
  'assessment.sessionPage': query(
    '民主测评计票表的一段（本场次各选项票数与全部场次的比率，服务器端排序、筛选、分段）',
    z
      .object({
        cycleId,
        // Absent or null: a session not saved yet, so every count is empty.
        sessionId: ref('assessment_sessions', '测评场次').nullable().optional(),
        ...rowRange,
        sort: z.array(z.object({ column: sessionColumn, dir: z.enum(['asc', 'desc'], { error: '「排序方向」无效' }) }), { error: '「排序」无效' }).max(MAX_RULES, { error: '「排序」条件过多' }),
        filters: z.array(sessionFilter, { error: '「筛选」无效' }).max(MAX_RULES, { error: '「筛选」条件过多' }),
      })
      .refine(inBlock, blockError()),
    z.object({ rows: z.array(sessionRow), rowCount: z.number().int() }),
  ),
};
