import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema/index.ts';
import { AppError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { localIsoDate } from '../roster/dates.ts';
import { yieldToEventLoop } from './cells.ts';
import { COLUMN_BY_KEY, COLUMNS, foldHeader } from './columns.ts';
import { MAX_FILE_BYTES, type MappedColumn } from './contract.ts';
import { loadMatchIndex, newPlanContext, planRow, type PlannedRow } from './plan.ts';
import { report } from './progress.ts';
import { readSpreadsheet, type ReadSheet } from './read.ts';
import { checkChoices, effectiveChoices, ValueMap, type UnknownGroup, type ValueChoice } from './value-map.ts';

// Shared by preview, commit and the error report: decode, read, settle the column mapping.

export interface ImportRequest {
  fileName: string;
  contentBase64: string;
  orgId: string;
  mapping?: { index: number; field: string | null }[] | undefined;
  values?: ValueChoice[] | undefined;
  jobId?: string | undefined;
}

export interface ParsedImport {
  bytes: Uint8Array;
  sheet: ReadSheet;
  columns: MappedColumn[];
  layoutKey: string;
  mappingSource: 'detected' | 'remembered' | 'input';
  notices: string[];
  values: ValueChoice[];
}

const fileError = (message: string) => new AppError('validation', message, [{ path: 'file', message }]);

export function decodeBase64(b64: string): Uint8Array {
  const clean = b64.replace(/^data:[^,]*,/, '');
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(clean)) throw fileError('「文件内容」不是有效的 base64 编码');
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw fileError('「文件」超过 40 MB，请拆分后再导入');
  return bytes;
}

export function layoutKeyOf(sheet: ReadSheet): string {
  const hash = createHash('sha256').update(sheet.header.columns.map((c) => `${c.index}:${foldHeader(c.header)}`).join('|')).digest('hex');
  return `import.mapping.${hash.slice(0, 16)}`;
}

/** `read`: the same file's sheet, already read by the preview (preview-cache.ts). */
export async function parseImport(ctx: Ctx, input: ImportRequest, read?: ReadSheet | null): Promise<ParsedImport> {
  report(input.jobId, { stage: 'parsing', parsed: 0, validated: 0, written: 0 });
  const bytes = decodeBase64(input.contentBase64);
  const sheet = read ?? (await readSpreadsheet(bytes, { onRows: (n) => report(input.jobId, { parsed: n }) }));
  report(input.jobId, { parsed: sheet.rows.length, total: sheet.rows.length });
  const layoutKey = layoutKeyOf(sheet);
  const remembered = ctx.db.select().from(settings).where(eq(settings.key, layoutKey)).get()?.value as
    | { index: number; field: string | null }[]
    | undefined;
  const override = input.mapping ?? remembered;
  const mappingSource = input.mapping ? 'input' : remembered ? 'remembered' : 'detected';
  const notices: string[] = [];
  const columns: MappedColumn[] = sheet.header.columns.map((c) => {
    const o = override?.find((m) => m.index === c.index);
    return { index: c.index, letter: c.letter, header: c.header, detected: c.field, field: o ? o.field : c.field };
  });
  const choiceProblem = checkChoices(input.values ?? []);
  if (choiceProblem) throw fileError(choiceProblem);
  for (const o of input.mapping ?? [])
    if (o.field !== null && !COLUMN_BY_KEY.has(o.field)) throw fileError(`「列对应关系」“${o.field}”不是可导入的字段`);
  const owner = new Map<string, MappedColumn>();
  for (const c of columns) {
    // Several post columns (党内/行政/兼任职务(一)(二)) all feed the one post list.
    if (c.field === null || MULTI_COLUMN_FIELDS.has(c.field)) continue;
    const first = owner.get(c.field);
    if (!first) {
      owner.set(c.field, c);
      continue;
    }
    // H2 (社工列表) has 第一学历 and 最高学历: the second is the 在职/highest one.
    if (c.field === 'ftEducation' && mappingSource !== 'input' && !owner.has('ptEducation') && /最高/.test(c.header)) {
      c.field = 'ptEducation';
      owner.set('ptEducation', c);
      continue;
    }
    const label = COLUMN_BY_KEY.get(c.field)!.header;
    if (mappingSource === 'input') throw fileError(`「列对应关系」「${label}」对应了两列（${first.letter} 列和 ${c.letter} 列），请只保留一列`);
    notices.push(`“${c.header}”（${c.letter} 列）与“${first.header}”（${first.letter} 列）都对应「${label}」，已忽略 ${c.letter} 列`);
    c.field = null;
  }
  if (!owner.has('name') && !owner.has('idNumber')) throw fileError('表格中没有「姓名」或「身份证号」列，无法对应到人员');
  const unstored = columns.filter((c) => c.field === 'unstored').map((c) => `“${c.header}”（${c.letter} 列）`);
  if (unstored.length) notices.push(`花名册没有对应的项，以下列不导入：${unstored.join('、')}`);
  for (const c of columns)
    if (c.field === null && c.detected === null) notices.push(`未识别的列：“${c.header}”（${c.letter} 列），导入时将忽略；如需导入请在列对应关系中指定`);
  if (!owner.has('postCategory')) notices.push('表格中没有「岗位类别」列：将按职务推定（书记、居委会主任为正职，副书记、副主任为副职，其他为其他）');
  for (const key of ['name', 'ethnicity', 'politicalStatus'])
    if (!owner.has(key)) notices.push(`表格中没有「${COLUMN_BY_KEY.get(key)!.header}」列：已有人员保留原值，新增人员因缺少该项将无法导入`);
  if (sheet.rows.length === 0) throw fileError(`表头（第 ${sheet.header.rows.join('、')} 行）下面没有数据行`);
  return { bytes, sheet, columns, layoutKey, mappingSource, notices, values: effectiveChoices(ctx, input.values) };
}

function planContext(ctx: Ctx, parsed: ParsedImport, org: { id: string; name: string }) {
  const detected = parsed.columns.map((c) => ({ index: c.index, letter: c.letter, header: c.header, field: c.field }));
  return newPlanContext(ctx, localIsoDate(ctx.now()), detected, loadMatchIndex(ctx, org), new ValueMap(parsed.values));
}

/** The synchronous plan, for inside the commit's transaction. */
export function planSync(ctx: Ctx, parsed: ParsedImport, org: { id: string; name: string }): Plan {
  const p = planContext(ctx, parsed, org);
  return { rows: parsed.sheet.rows.map((r) => planRow(p, r)), unknown: p.unknown.list() };
}

export interface Plan {
  rows: PlannedRow[];
  unknown: UnknownGroup[];
}

/** The same plan, yielding now and then so a preview of a large file keeps the app responsive. */
export async function planAsync(ctx: Ctx, parsed: ParsedImport, org: { id: string; name: string }, jobId?: string): Promise<Plan> {
  const p = planContext(ctx, parsed, org);
  report(jobId, { stage: 'validating' });
  const out: PlannedRow[] = [];
  for (const r of parsed.sheet.rows) {
    out.push(planRow(p, r));
    if (out.length % 1000 === 0) {
      report(jobId, { validated: out.length });
      await yieldToEventLoop();
    }
  }
  report(jobId, { validated: out.length });
  return { rows: out, unknown: p.unknown.list() };
}

/** Fields an import can target: the mapping UI offers these. */
export const MAPPABLE_FIELDS = COLUMNS.map((c) => ({ key: c.key, header: c.header }));

const MULTI_COLUMN_FIELDS = new Set(['seq', 'age', 'communityYears', 'unstored', 'posts', 'partyPosts', 'adminPosts', 'sidePosts']);
