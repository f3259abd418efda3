import type { Ctx } from '../context.ts';
import { validationError, type FieldIssue } from '../contract/errors.ts';
import { computedValue, pageOf, type Columns } from '../paging/computed.ts';
import type { Sheet, SheetRow } from './contract.ts';
import type { SheetColumn, SheetFilter, SheetSummary } from './contract-sheet-page.ts';
import { buildSheet } from './sheet.ts';

// Summary and blocks of a cycle's sheet (issue 19). The sheet is built once (computed for an
// open cycle, read from the frozen copy for a locked one) and kept by core/paging/computed.ts
// until anything is written, so the summary and every block after it share one build.

const TIE_LABEL = '并列待定';

export function sheetOf(ctx: Ctx, cycleId: string): Sheet {
  return computedValue(ctx, 'assessment.sheetData', cycleId, () => buildSheet(ctx, cycleId));
}

const bump = (m: Record<string, number>, k: string | null) => {
  if (k !== null) m[k] = (m[k] ?? 0) + 1;
};

export function sheetSummary(ctx: Ctx, cycleId: string): SheetSummary {
  const s = sheetOf(ctx, cycleId);
  const proposedCounts: Record<string, number> = {};
  const finalCounts: Record<string, number> = {};
  const statusCounts: Record<string, number> = {};
  let completeCount = 0;
  for (const r of s.rows) {
    bump(proposedCounts, r.tie ? TIE_LABEL : r.proposedGrade);
    bump(finalCounts, r.finalGrade);
    bump(statusCounts, r.status);
    if (r.complete) completeCount++;
  }
  return {
    cycle: s.cycle, scheme: s.scheme, leaves: s.leaves,
    sessions: s.sessions.map(({ tallies: _t, ...rest }) => rest),
    quota: s.quota, tie: s.tie, trainingSource: s.trainingSource,
    rowCount: s.rows.length, proposedCounts, finalCounts, statusCounts, completeCount,
  };
}

// Cells as the grids show them: posts joined with 、, the tie as 并列待定.
const FIXED: Columns<SheetRow, string> = {
  name: (r) => r.name,
  orgName: (r) => r.orgName,
  posts: (r) => r.posts.join('、'),
  status: (r) => r.status,
  proposedGrade: (r) => (r.tie ? TIE_LABEL : r.proposedGrade),
  finalGrade: (r) => r.finalGrade,
  total: (r) => r.total,
  rank: (r) => r.rank,
};

interface Input {
  cycleId: string; startRow: number; endRow: number;
  sort: { column: SheetColumn; dir: 'asc' | 'desc' }[]; filters: SheetFilter[];
}

/** Readers for the fixed columns and the asked-for indicator/component columns; unknown keys are refused. */
function columnsFor(s: Sheet, input: Input): Columns<SheetRow, string> {
  const cols: Columns<SheetRow, string> = { ...FIXED };
  const leaves = new Set(s.leaves.map((l) => l.key));
  const comps = new Set(s.scheme.config.components.map((c) => c.key));
  const issues: FieldIssue[] = [];
  const add = (column: string, path: string, label: string) => {
    if (column in cols) return;
    const [kind, key] = column.split(':') as [string, string];
    if (kind === 'score' && leaves.has(key)) cols[column] = (r) => r.scores[key] ?? null;
    else if (kind === 'component' && comps.has(key)) cols[column] = (r) => r.components[key] ?? null;
    else issues.push({ path, message: `「${label}」${column} 不是本考核方案的${kind === 'score' ? '指标' : '考核项目'}` });
  };
  input.sort.forEach((x, i) => add(x.column, `sort.${i}.column`, '排序列'));
  input.filters.forEach((f, i) => add(f.column, `filters.${i}.column`, '筛选列'));
  if (issues.length) throw validationError(issues);
  return cols;
}

export function sheetPage(ctx: Ctx, input: Input): { rows: SheetRow[]; rowCount: number } {
  const s = sheetOf(ctx, input.cycleId);
  return pageOf(s.rows, columnsFor(s, input), input);
}
