import { z } from 'zod';
import { query } from '../contract/op.ts';
import { ref } from '../guard/refs.ts';
import { columnFilter, keyedColumn, pageRequest } from '../paging/contract.ts';
import { cycleSummary, schemeRecord, sessionRecord, sheetRow } from './contract.ts';

// The assessment sheet block by block (issue 19): the panels get the sheet without its rows
// (sheetSummary) and ask for the rows they show (sheetPage), sorted and filtered on the
// server, so a county-wide cycle is never held whole in the renderer.

export const SHEET_TEXT_COLUMNS = ['name', 'orgName', 'posts', 'status', 'proposedGrade', 'finalGrade'] as const;
export const SHEET_NUMBER_COLUMNS = ['total', 'rank'] as const;
/** Per-indicator points (`score:<leafKey>`) and per-component points (`component:<componentKey>`). */
export const SHEET_KEYED_COLUMN = /^(score|component):[A-Za-z0-9_]{1,40}$/;
export type SheetColumn = (typeof SHEET_TEXT_COLUMNS)[number] | (typeof SHEET_NUMBER_COLUMNS)[number] | `score:${string}` | `component:${string}`;

const keyed = (label: string) => keyedColumn<`score:${string}` | `component:${string}`>(SHEET_KEYED_COLUMN, label);
const column = z.union([z.enum([...SHEET_TEXT_COLUMNS, ...SHEET_NUMBER_COLUMNS]), keyed('排序列')], { error: '「排序列」无效' });
const numberColumn = z.union([z.enum(SHEET_NUMBER_COLUMNS), keyed('筛选列')], { error: '「筛选列」无效' });
const filter = columnFilter(z.enum(SHEET_TEXT_COLUMNS, { error: '「筛选列」无效' }), numberColumn);
export type SheetFilter = z.infer<typeof filter>;

const MAX_RULES = 20;

const cycleId = ref('assessment_cycles', '考核周期');

// The 民主测评 tally table: name, unit, this session's count per option (`count:<选项>`), their
// sum, and each option's rate over all sessions (`rate:<选项>`). Option labels are checked
// against the scheme's voteOptions by the handler.
export const SESSION_TEXT_COLUMNS = ['name', 'orgName'] as const;
export const SESSION_KEYED_COLUMN = /^(count|rate):.{1,20}$/;
export type SessionColumn = (typeof SESSION_TEXT_COLUMNS)[number] | 'sum' | `count:${string}` | `rate:${string}`;
const sessionKeyed = (label: string) => keyedColumn<`count:${string}` | `rate:${string}`>(SESSION_KEYED_COLUMN, label);
const sessionNumberColumn = z.union([z.literal('sum'), sessionKeyed('筛选列')], { error: '「筛选列」无效' });
const sessionColumn = z.union([z.enum([...SESSION_TEXT_COLUMNS, 'sum']), sessionKeyed('排序列')], { error: '「排序列」无效' });
const sessionFilter = columnFilter(z.enum(SESSION_TEXT_COLUMNS, { error: '「筛选列」无效' }), sessionNumberColumn);
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
    pageRequest({ cycleId }, column, filter, MAX_RULES),
    z.object({ rows: z.array(sheetRow), rowCount: z.number().int() }),
  ),
  'assessment.sessionPage': query(
    '民主测评计票表的一段（本场次各选项票数与全部场次的比率，服务器端排序、筛选、分段）',
    // sessionId absent or null: a session not saved yet, so every count is empty.
    pageRequest({ cycleId, sessionId: ref('assessment_sessions', '测评场次').nullable().optional() }, sessionColumn, sessionFilter, MAX_RULES),
    z.object({ rows: z.array(sessionRow), rowCount: z.number().int() }),
  ),
};
