import type { Ctx } from '../context.ts';
import { notFound, validationError, type FieldIssue } from '../contract/errors.ts';
import { computedValue, pageOf, type Columns } from '../paging/computed.ts';
import type { SessionColumn, SessionFilter, SessionRow } from './contract-sheet-page.ts';
import { sheetOf } from './sheet-page.ts';

// The 民主测评 tally table block by block (issue 19). Its rows are the kept sheet's rows (same
// build as sheetSummary/sheetPage, so the rates are the sheet's) joined with one session's
// tallies; the joined list is kept too, so the blocks of one table share it.

interface Input {
  cycleId: string; sessionId?: string | null | undefined; startRow: number; endRow: number;
  sort: { column: SessionColumn; dir: 'asc' | 'desc' }[]; filters: SessionFilter[];
}

function sessionRows(ctx: Ctx, cycleId: string, sessionId: string | null): { rows: SessionRow[]; options: string[] } {
  return computedValue(ctx, 'assessment.sessionRows', [cycleId, sessionId], () => {
    const s = sheetOf(ctx, cycleId);
    let tallies: Record<string, Record<string, number>> = {};
    if (sessionId !== null) {
      const session = s.sessions.find((x) => x.id === sessionId);
      // The guard has checked scope; a session of another cycle is not this table's.
      if (!session) throw notFound('测评场次', sessionId);
      tallies = session.tallies;
    }
    const rows = s.rows.map((r): SessionRow => {
      const counts = tallies[r.entryId] ?? {};
      const sum = Object.values(counts).reduce((a, b) => a + b, 0);
      return { entryId: r.entryId, name: r.name, orgName: r.orgName, counts, sum, rates: r.rates };
    });
    return { rows, options: s.scheme.config.voteOptions.map((o) => o.label) };
  });
}

const FIXED: Columns<SessionRow, string> = {
  name: (r) => r.name,
  orgName: (r) => r.orgName,
  sum: (r) => r.sum,
};

/** Readers for the fixed columns and the asked-for option columns; a label not in the scheme is refused. */
function columnsFor(options: readonly string[], input: Input): Columns<SessionRow, string> {
  const cols: Columns<SessionRow, string> = { ...FIXED };
  const known = new Set(options);
  const issues: FieldIssue[] = [];
  const add = (column: string, path: string, label: string) => {
    if (column in cols) return;
    const at = column.indexOf(':');
    const kind = column.slice(0, at);
    const option = column.slice(at + 1);
    // An option nobody voted for reads 0 (the table shows an empty cell, the sum counts 0).
    if (known.has(option)) cols[column] = kind === 'count' ? (r) => r.counts[option] ?? 0 : (r) => r.rates[option] ?? null;
    else issues.push({ path, message: `「${label}」“${option}”不是本考核方案的测评选项（${options.join('、')}）` });
  };
  input.sort.forEach((x, i) => add(x.column, `sort.${i}.column`, '排序列'));
  input.filters.forEach((f, i) => add(f.column, `filters.${i}.column`, '筛选列'));
  if (issues.length) throw validationError(issues);
  return cols;
}

export function sessionPage(ctx: Ctx, input: Input): { rows: SessionRow[]; rowCount: number } {
  const { rows, options } = sessionRows(ctx, input.cycleId, input.sessionId ?? null);
  return pageOf(rows, columnsFor(options, input), input);
}
