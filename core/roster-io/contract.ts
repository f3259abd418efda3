import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { id } from '../contract/fields.ts';
import { PERSON_STATUSES } from '../codes/tables.ts';

// Files travel as base64 inside the JSON input (IPC and HTTP payloads stay JSON-safe); the
// .xlsx files we produce travel back the same way.

/** 40 MB of spreadsheet; as base64 it still fits the HTTP bridge's 64 MB request limit. */
export const MAX_FILE_BYTES = 40 * 1024 * 1024;

const fileFields = {
  fileName: z.string({ error: '「文件名」缺失' }).trim().min(1, { error: '「文件名」缺失' }).max(255, { error: '「文件名」过长' }),
  contentBase64: z
    .string({ error: '「文件内容」缺失' })
    .min(1, { error: '「文件内容」为空' })
    .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, { error: '「文件」超过 40 MB，请拆分后再导入' }),
};

const mappingOverride = z
  .array(
    z.object({
      index: z.number({ error: '「列」应为列序号' }).int().min(0).max(16383),
      field: z.string().max(40).nullable(),
    }),
    { error: '「列对应关系」格式不正确' },
  )
  .max(500)
  .optional();

/** The clerk's choices for code values the tables do not know; remembered by the installation. */
export const valueChoices = z
  .array(
    z.object({
      table: z.string({ error: '「未识别的值」缺少代码表' }).max(40),
      value: z.string({ error: '「未识别的值」缺少原值' }).min(1).max(200),
      code: z.string().max(40).nullable(),
    }),
    { error: '「未识别的值」格式不正确' },
  )
  .max(2000)
  .optional();

export const importInput = z.object({
  ...fileFields,
  orgId: id('导入到的组织'),
  mapping: mappingOverride,
  values: valueChoices,
  /** Client-chosen id under which `roster.importProgress` reports this run. */
  jobId: z.string().max(64).optional(),
});

export const importCommitInput = importInput.extend({
  /** Import the valid rows and skip the rest; never the default. */
  validOnly: z.boolean().default(false),
});

const rowIssue = z.object({
  row: z.number().int(),
  column: z.string(),
  letter: z.string(),
  value: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type RowIssueOut = z.infer<typeof rowIssue>;

const mappedColumn = z.object({
  index: z.number().int(),
  letter: z.string(),
  header: z.string(),
  field: z.string().nullable(),
  /** The field this header would get without any override. */
  detected: z.string().nullable(),
});
export type MappedColumn = z.infer<typeof mappedColumn>;

const fieldChange = z.object({ field: z.string(), header: z.string(), old: z.string(), new: z.string(), pay: z.boolean() });
const unknownGroup = z.object({
  table: z.string(), label: z.string(), value: z.string(), count: z.number().int(), rows: z.array(z.number().int()),
  options: z.array(z.string()), keepTextAllowed: z.boolean(),
});

const counts = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() });

export const importPreviewOutput = z.object({
  file: z.object({
    format: z.enum(['xlsx', 'csv']),
    encoding: z.string().nullable(),
    sheetName: z.string(),
    headerRows: z.array(z.number().int()),
    dataRows: z.number().int(),
  }),
  layoutKey: z.string(),
  mappingSource: z.enum(['detected', 'remembered', 'input']),
  mapping: z.array(mappedColumn),
  fields: z.array(z.object({ key: z.string(), header: z.string() })),
  /** File-level notes: unknown columns, missing columns. */
  notices: z.array(z.string()),
  counts,
  issues: z.array(rowIssue),
  issuesTruncated: z.boolean(),
  /** Unknown code values, grouped: each is mapped once by the clerk (or the CLI's JSON file). */
  unknownValues: z.array(unknownGroup),
  rows: z.array(z.object({
    row: z.number().int(),
    action: z.enum(['create', 'update', 'unchanged', 'error']),
    name: z.string(),
    orgName: z.string(),
    /** Per field, old → new; `pay` marks fields that feed pay grading. */
    changes: z.array(fieldChange),
  })),
  rowsTruncated: z.boolean(),
});
export type ImportPreview = z.infer<typeof importPreviewOutput>;

const xlsxFile = z.object({ fileName: z.string(), contentBase64: z.string() });

export const rosterIoContract = {
  'roster.importPreview': query('花名册导入预检（不写入）：识别表头与列对应关系，逐行校验并列出新增、更新、未变和错误', importInput, importPreviewOutput),
  'roster.importCommit': mutation(
    '花名册导入：全部行无误才写入（一个事务）；validOnly 为真时只导入无误的行',
    importCommitInput,
    z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), skipped: z.number().int(), issues: z.array(rowIssue), issuesTruncated: z.boolean() }),
  ),
  'roster.importErrorReport': query('生成导入错误报告：原表格加“错误说明”列并标出有误的单元格（CSV 转为 .xlsx）', importInput, xlsxFile),
  'roster.importProgress': query(
    '导入进度（已解析 / 已校验 / 已写入）',
    z.object({ jobId: z.string().max(64) }),
    z.object({ stage: z.enum(['reading', 'parsing', 'validating', 'writing', 'done', 'failed', 'unknown']), parsed: z.number().int(), validated: z.number().int(), written: z.number().int(), total: z.number().int() }),
  ),
  'roster.export': query(
    '导出花名册为 .xlsx（当前筛选或全部）：标题行、冻结表头、序号、身份证号与电话为文本、日期为 YYYY.MM',
    z.object({
      orgId: id('组织').nullish(),
      status: z.enum([...PERSON_STATUSES, 'all'], { error: '「状态」应为在岗、离任、退休、解聘或全部' }).default('在岗'),
      query: z.string().trim().max(50, { error: '「关键字」不能超过 50 个字符' }).optional(),
    }).default({ status: '在岗' }),
    xlsxFile.extend({ count: z.number().int() }),
  ),
  'roster.exportTemplate': query('下载空白花名册导入模板（.xlsx）', z.object({}).default({}), xlsxFile),
};
