import { createHash } from 'node:crypto';
import type { Ctx } from '../context.ts';
import { localIsoDate } from '../roster/dates.ts';
import type { ImportRequest, ParsedImport, Plan } from './import.ts';
import type { ReadSheet } from './read.ts';
import { fileKeyOf, takeReadAhead } from './read-ahead.ts';
import { writtenSince } from '../db-version.ts';

// One pass per import: the dialog and the CLI call roster.importPreview and then
// roster.importCommit with the same file. The commit takes the preview's read sheet (keyed by
// the file's hash) and, if nothing was written to the database since and the caller, target,
// mapping, value choices and date are the same, its validated plan too. Only the latest
// preview is kept: one file's rows, never a growing store.

/** A preview older than this is read again: the clerk has gone for lunch, memory comes back. */
const KEEP_MS = 30 * 60 * 1000;

interface Entry {
  fileKey: string;
  sheet: ReadSheet;
  planKey: string;
  written: string;
  parsed: ParsedImport;
  plan: Plan;
  /** The people fingerprint the plan was checked against (the commit's in-transaction check). */
  people: string;
  at: number;
}
let last: Entry | null = null;
// How often a commit or error report reused the preview; read by tests/roster-io/one-pass.test.ts.
const hits = { plan: 0, sheet: 0, ahead: 0 };
export const cacheHits = () => ({ ...hits });

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Everything besides the database the plan depends on. */
function planKeyOf(ctx: Ctx, input: ImportRequest, fileKey: string): string {
  const a = ctx.actor;
  return sha(JSON.stringify([fileKey, a.kind, a.id, a.role ?? null, a.orgScopeId ?? null, input.orgId, input.mapping ?? null, input.values ?? null, localIsoDate(ctx.now())]));
}

export function remember(ctx: Ctx, input: ImportRequest, e: { parsed: ParsedImport; plan: Plan; written: string; people: string }): void {
  const fileKey = fileKeyOf(input);
  last = { fileKey, sheet: e.parsed.sheet, planKey: planKeyOf(ctx, input, fileKey), written: e.written, parsed: e.parsed, plan: e.plan, people: e.people, at: Date.now() };
}

/** The sheet read for this file by the last preview, if any. */
export function cachedSheet(input: ImportRequest): ReadSheet | null {
  if (!last || Date.now() - last.at > KEEP_MS) return (last = null);
  if (last.fileKey !== fileKeyOf(input)) return null;
  hits.sheet++;
  return last.sheet;
}

/** The sheet of this file already read: by the last preview, or by the CLI's read ahead (read-ahead.ts). */
export async function sheetFor(input: ImportRequest): Promise<ReadSheet | null> {
  const cached = cachedSheet(input);
  if (cached) return cached;
  const ahead = takeReadAhead(fileKeyOf(input));
  if (!ahead) return null;
  hits.ahead++;
  return ahead;
}

/** The last preview's parse and plan, when nothing they depend on has changed since. */
export function cachedPlan(ctx: Ctx, input: ImportRequest): { parsed: ParsedImport; plan: Plan; people: string } | null {
  if (!last || Date.now() - last.at > KEEP_MS) return (last = null);
  const fileKey = fileKeyOf(input);
  if (last.fileKey !== fileKey || last.planKey !== planKeyOf(ctx, input, fileKey) || last.written !== writtenSince(ctx)) return null;
  hits.plan++;
  return last;
}

/** After a commit the rows are written: the next import of the same file plans afresh. */
export function forget(): void {
  last = null;
}
