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
};
