import { settings } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import type { Ctx } from '../context.ts';
import { getOrgUnit } from '../org/handlers.ts';
import { assertInScope } from '../security/scope.ts';
import { filteredList } from '../roster/handlers.ts';
import { localIsoDate } from '../roster/dates.ts';
import type { RowIssueOut, rosterIoContract } from './contract.ts';
import { exportRows, rosterWorkbook } from './export.ts';
import { MAPPABLE_FIELDS, parseImport, planAsync, planSync, type ParsedImport } from './import.ts';
import type { PlannedRow } from './plan.ts';
import { progressOf, report } from './progress.ts';
import { errorReport } from './report.ts';
import { importWriter } from './write.ts';
import { saveChoices } from './value-map.ts';
import { cachedPlan, forget, remember, sheetFor } from './preview-cache.ts';
import { writtenSince } from '../db-version.ts';

const RANK = { error: 0, update: 1, create: 2, unchanged: 3 } as const;
const rank = (r: PlannedRow) => RANK[r.action];

const MAX_ISSUES = 5000;
const MAX_ROWS = 2000;

function issuesOf(planned: PlannedRow[], limit = MAX_ISSUES): { issues: RowIssueOut[]; issuesTruncated: boolean } {
  const all = planned.flatMap((r) => r.issues);
  // Errors first: a long list of warnings must not push the errors out of the capped list.
  all.sort((a, b) => (a.severity === b.severity ? a.row - b.row : a.severity === 'error' ? -1 : 1));
  return { issues: all.slice(0, limit), issuesTruncated: all.length > limit };
}

function countOf(planned: PlannedRow[]) {
  const c = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of planned) c[r.action]++;
  return c;
}

/** Changes whenever any person row is inserted, updated or soft-deleted (every write takes a new change_seq). */
function peopleFingerprint(ctx: Ctx): string {
  const r = ctx.sqlite.prepare('SELECT count(*) AS n, coalesce(max(change_seq), 0) AS s FROM people').get() as { n: number; s: number };
  return `${r.n}:${r.s}`;
}

/** The import target: it must exist and lie inside the caller's org scope. */
function targetOrg(ctx: Ctx, orgId: string) {
  const org = getOrgUnit(ctx, orgId);
  assertInScope(ctx, org.id);
  return org;
}

const b64 = (buf: Buffer) => buf.toString('base64');
const stamp = (ctx: Ctx) => localIsoDate(ctx.now()).replaceAll('-', '');

export const rosterIoHandlers: HandlersFor<typeof rosterIoContract> = {
  'roster.importPreview': async (ctx, input) => {
    const org = targetOrg(ctx, input.orgId);
    try {
      // Taken before reading: a write during the (yielding) read and plan makes the commit plan again.
      const written = writtenSince(ctx);
      const people = peopleFingerprint(ctx);
      const parsed = await parseImport(ctx, input, await sheetFor(input));
      const plan = await planAsync(ctx, parsed, org, input.jobId);
      remember(ctx, input, { parsed, plan, written, people });
      const planned = plan.rows;
      report(input.jobId, { stage: 'done' });
      const { sheet } = parsed;
      return {
        file: { format: sheet.format, encoding: sheet.encoding, sheetName: sheet.sheetName, headerRows: sheet.header.rows, dataRows: sheet.rows.length },
        layoutKey: parsed.layoutKey,
        mappingSource: parsed.mappingSource,
        mapping: parsed.columns,
        fields: MAPPABLE_FIELDS,
        notices: parsed.notices,
        counts: countOf(planned),
        ...issuesOf(planned),
        unknownValues: plan.unknown,
        // Changed and failing rows first: they are what the clerk must read before confirming.
        rows: [...planned].sort((a, b) => rank(a) - rank(b) || a.row - b.row).slice(0, MAX_ROWS)
          .map((r) => ({ row: r.row, action: r.action, name: r.name, orgName: r.orgName, changes: r.changes })),
        rowsTruncated: planned.length > MAX_ROWS,
      };
    } catch (e) {
      report(input.jobId, { stage: 'failed' });
      throw e;
    }
  },

  'roster.importCommit': {
    async prepare(ctx, input) {
      let parsed: ParsedImport;
      let early: PlannedRow[];
      let seen: string;
      try {
        const previewed = cachedPlan(ctx, input);
        if (previewed) {
          targetOrg(ctx, input.orgId);
          // One pass: the preview read and checked this very file and nothing was written since.
          ({ parsed } = previewed);
          early = previewed.plan.rows;
          seen = previewed.people;
          const n = parsed.sheet.rows.length;
          report(input.jobId, { stage: 'validating', parsed: n, total: n, validated: n, written: 0 });
        } else {
          parsed = await parseImport(ctx, input, await sheetFor(input));
          const org = targetOrg(ctx, input.orgId);
          seen = peopleFingerprint(ctx);
          early = (await planAsync(ctx, parsed, org, input.jobId)).rows;
        }
      } catch (e) {
        report(input.jobId, { stage: 'failed' });
        throw e;
      }
      return (tx) => {
        // The plan was made outside the transaction so the write lock is held only for the
        // writes. If anyone touched the roster since, plan again inside it: what is written
        // must be what was checked.
        const org = targetOrg(tx, input.orgId);
        const planned = peopleFingerprint(tx) === seen ? early : planSync(tx, parsed, org).rows;
        const counts = countOf(planned);
        if (counts.error > 0 && !input.validOnly) {
          report(input.jobId, { stage: 'failed', validated: planned.length });
          const { issues } = issuesOf(planned, 200);
          const errors = issues.filter((i) => i.severity === 'error');
          throw new AppError(
            'validation',
            `有 ${counts.error} 行存在错误，未导入任何数据。请按错误说明修正后重新导入，或明确选择“只导入无误的行”。`,
            errors.map((i) => ({ path: `第${i.row}行.${i.column}`, message: `第 ${i.row} 行 ${i.column}：${i.message}` })),
          );
        }
        report(input.jobId, { stage: 'writing', validated: planned.length });
        const writer = importWriter(tx);
        const createdIds: string[] = [];
        const updated: { id: string; changes: { field: string; old: string; new: string }[] }[] = [];
        for (const r of planned) {
          if (r.action === 'create') createdIds.push(writer.insert(r.data!, r.asWritten!));
          else if (r.action === 'update') {
            writer.update(r.personId!, r.data!, r.asWritten!);
            updated.push({ id: r.personId!, changes: r.changes.map((c) => ({ field: c.field, old: c.old, new: c.new })) });
          }
        }
        if (input.mapping) {
          const value = input.mapping;
          tx.db.insert(settings).values({ key: parsed.layoutKey, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
        }
        if (input.values?.length) saveChoices(tx, input.values);
        tx.audit({
          entity: 'roster_import',
          entityId: org.id,
          after: {
            fileName: input.fileName, sheet: parsed.sheet.sheetName, orgName: org.name,
            created: createdIds, updated, unchanged: counts.unchanged, skippedRows: planned.filter((r) => r.action === 'error').map((r) => r.row),
          },
        });
        report(input.jobId, { stage: 'done', written: createdIds.length + updated.length });
        forget();
        return { created: createdIds.length, updated: updated.length, unchanged: counts.unchanged, skipped: counts.error, ...issuesOf(planned) };
      };
    },
  },

  'roster.importErrorReport': async (ctx, input) => {
    const org = targetOrg(ctx, input.orgId);
    const previewed = cachedPlan(ctx, input);
    const parsed = previewed?.parsed ?? (await parseImport(ctx, input, await sheetFor(input)));
    const planned = previewed?.plan.rows ?? (await planAsync(ctx, parsed, org)).rows;
    const base = input.fileName.replace(/\.(xlsx|csv|txt)$/i, '');
    return { fileName: `${base}-错误说明.xlsx`, contentBase64: b64(await errorReport(parsed, planned, input.fileName)) };
  },

  'roster.importProgress': (_ctx, input) => progressOf(input.jobId) ?? { stage: 'unknown', parsed: 0, validated: 0, written: 0, total: 0 },

  'roster.export': async (ctx, input) => {
    // The roster list decides what "the current filter" means and the order; it is asked for
    // the ids only (the records are read once, below, whole).
    const rows = exportRows(ctx, filteredList(ctx, input, []).rows.map((r) => r.id));
    const orgName = input.orgId ? targetOrg(ctx, input.orgId).name : '全部';
    const title = orgName.endsWith('社区') ? `${orgName}工作者花名册` : `${orgName}社区工作者花名册`;
    const buf = await rosterWorkbook(ctx, title, rows);
    return { fileName: `${orgName}-花名册-${stamp(ctx)}.xlsx`, contentBase64: b64(buf), count: rows.length };
  },

  'roster.exportTemplate': async (ctx) => {
    const buf = await rosterWorkbook(ctx, '社区工作者花名册（导入模板）', [], true);
    return { fileName: '花名册导入模板.xlsx', contentBase64: b64(buf) };
  },
};
