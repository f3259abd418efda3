import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { App } from './app.ts';
import { parseFlags, UsageError } from './args.ts';
import type { ImportPreview } from '../core/roster-io/contract.ts';

// `jiceng roster import|export|template`: spreadsheet in and out through the dispatcher, the
// same operations the window uses. Import exits 0 when it wrote, 1 when nothing was written.

// Login as for every command: --user or JICENG_USER, with JICENG_PASSWORD or a prompt.
export const ROSTER_USAGE = `  jiceng roster import FILE --org CODE [--db FILE] [--user U] [--dry-run] [--report OUT.xlsx] [--valid-only]
                       [--mapping IN.json] [--save-mapping OUT.json]
                                                          导入花名册（.xlsx/.csv）；有错误时不写入
                                                          --mapping 读取列对应与未识别值的选择，--save-mapping 写出（含待选的值）
  jiceng roster export OUT.xlsx [--org CODE] [--status 在岗|离任|退休|解聘|all] [--db FILE]   导出花名册
  jiceng roster template OUT.xlsx                           生成空白导入模板`;

function orgIdByCode(app: App, code: string): Promise<string> {
  return app.dispatcher.call('org.tree', {}).then((env) => {
    if (!env.ok) throw new Error(env.error.message);
    const unit = (env.data as { id: string; code: string; name: string }[]).find((u) => u.code === code || u.name === code);
    if (!unit) throw new UsageError(`未找到区划代码（或名称）为“${code}”的组织单位`);
    return unit.id;
  });
}

function printPreview(p: ImportPreview, file: string): void {
  const f = p.file;
  const where = f.format === 'csv' ? `CSV，${f.encoding}` : `xlsx，工作表“${f.sheetName}”`;
  console.log(`文件：${file}（${where}，表头在第 ${f.headerRows.join('、')} 行，数据 ${f.dataRows} 行）`);
  const labels = new Map(p.fields.map((x) => [x.key, x.header]));
  console.log(`列对应（${{ detected: '自动识别', remembered: '沿用上次的设置', input: '按指定' }[p.mappingSource]}）：` +
    p.mapping.map((m) => `${m.letter}“${m.header}”→${m.field ? labels.get(m.field) : '忽略'}`).join('，'));
  for (const n of p.notices) console.log(`提示：${n}`);
  for (const u of p.unknownValues) console.log(`未识别的值：「${u.label}」“${u.value}” ×${u.count}（第 ${u.rows.join('、')} 行）→ 用 --save-mapping 写出后选择对应项`);
  for (const r of p.rows.filter((x) => x.action === 'update'))
    for (const c of r.changes) console.log(`将修改：第 ${r.row} 行 ${r.name}「${c.header}」${c.old} → ${c.new}${c.pay ? '（影响薪酬定级）' : ''}`);
  const c = p.counts;
  console.log(`预检：新增 ${c.create} 人，更新 ${c.update} 人，未变 ${c.unchanged} 人，有错误 ${c.error} 行`);
  if (p.issues.length) {
    console.log('错误与提示：');
    for (const i of p.issues)
      console.log(`  ${i.severity === 'error' ? '错误' : '提示'} 第 ${i.row} 行${i.letter ? ` ${i.letter} 列` : ''}「${i.column}」“${i.value}”：${i.message}`);
    if (p.issuesTruncated) console.log('  ……（只列出前一部分，完整内容请用 --report 生成错误报告）');
  }
}

interface MappingFile {
  columns?: { index: number; field: string | null }[];
  values?: { table: string; value: string; code: string | null }[];
}

/** The same choices the dialog makes: column overrides and code values for unknown spellings. */
function readMappingFile(path: string): MappingFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`无法读取对应关系文件 ${path}：${(e as Error).message}`);
  }
  const f = (Array.isArray(parsed) ? { values: parsed } : parsed) as MappingFile & { unresolved?: { table: string; value: string; code?: string | null }[] };
  // Groups the clerk filled in under "unresolved" count as choices; the ones left empty do not.
  const filled = (f.unresolved ?? []).filter((u) => typeof u.code === 'string' && u.code).map((u) => ({ table: u.table, value: u.value, code: u.code! }));
  const values = [...(f.values ?? []), ...filled];
  return { ...(f.columns?.length ? { mapping: f.columns } : {}), ...(values.length ? { values } : {}) } as MappingFile;
}

function mappingFile(p: ImportPreview, given: { values?: MappingFile['values'] }) {
  return {
    columns: p.mapping.filter((m) => m.field !== m.detected).map((m) => ({ index: m.index, header: m.header, field: m.field })),
    values: given.values ?? [],
    unresolved: p.unknownValues.map((u) => ({ table: u.table, label: u.label, value: u.value, count: u.count, code: '', options: u.options })),
  };
}

async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    org: { type: 'string' }, db: { type: 'string' }, user: { type: 'string' }, 'dry-run': { type: 'boolean' }, report: { type: 'string' }, 'valid-only': { type: 'boolean' },
    mapping: { type: 'string' }, 'save-mapping': { type: 'string' },
  });
  const choices = values.mapping ? readMappingFile(values.mapping as string) : {};
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('roster import 需要一个文件路径');
  if (!values.org) throw new UsageError('roster import 需要 --org CODE（导入到哪个组织单位）');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    console.error(`无法读取文件 ${file}：${(e as Error).message}`);
    return 1;
  }
  // The file is read in the parse worker, on the other core, while this thread loads the app
  // (imported only after the read has started) and the login derives the password's key.
  const contentBase64 = bytes.toString('base64');
  const { readAhead, dropReadAhead } = await import('../core/roster-io/read-ahead.ts');
  readAhead(contentBase64, bytes);
  const { openApp, resolveDbFile } = await import('./app.ts');
  let app: App;
  try {
    app = await openApp(resolveDbFile(values.db as string | undefined), values.user as string | undefined);
  } catch (e) {
    dropReadAhead();
    throw e;
  }
  try {
    const input = { fileName: basename(file), contentBase64, orgId: await orgIdByCode(app, values.org as string), ...choices };
    const preview = await app.dispatcher.call('roster.importPreview', input);
    if (!preview.ok) {
      console.error(`未导入：${preview.error.message}`);
      return 1;
    }
    printPreview(preview.data, file);
    if (values['save-mapping']) {
      writeFileSync(values['save-mapping'] as string, JSON.stringify(mappingFile(preview.data, choices), null, 2) + '\n');
      console.log(`列对应与未识别值已保存：${values['save-mapping']}（把 unresolved 中的 code 填好后用 --mapping 读入）`);
    }
    if (values.report) {
      const rep = await app.dispatcher.call('roster.importErrorReport', input);
      if (rep.ok) {
        writeFileSync(values.report as string, Buffer.from(rep.data.contentBase64, 'base64'));
        console.log(`错误报告已保存：${values.report}`);
      } else console.error(`错误报告未生成：${rep.error.message}`);
    }
    const errors = preview.data.counts.error;
    if (values['dry-run']) {
      console.log(`预检完成（--dry-run），未写入任何数据。`);
      return errors ? 1 : 0;
    }
    if (errors && !values['valid-only']) {
      console.log(`有 ${errors} 行存在错误，未写入任何数据。修正后重新导入，或加 --valid-only 只导入无误的行。`);
      return 1;
    }
    const done = await app.dispatcher.call('roster.importCommit', { ...input, validOnly: Boolean(values['valid-only']) });
    if (!done.ok) {
      console.log(`未写入任何数据：${done.error.message}`);
      return 1;
    }
    const d = done.data;
    console.log(`已导入：新增 ${d.created} 人，更新 ${d.updated} 人，未变 ${d.unchanged} 人${d.skipped ? `，跳过有错误的 ${d.skipped} 行` : ''}。`);
    return 0;
  } finally {
    // A read nobody took (an unknown --org code) must not keep the process waiting for it.
    dropReadAhead();
    app.close();
  }
}

async function runExport(args: string[], template: boolean): Promise<number> {
  const { values, positionals } = parseFlags(args, { org: { type: 'string' }, db: { type: 'string' }, user: { type: 'string' }, status: { type: 'string' } });
  const [out] = positionals;
  if (!out || positionals.length > 1) throw new UsageError(`roster ${template ? 'template' : 'export'} 需要一个输出文件路径（.xlsx）`);
  // An export only reads: no quick check and no backup for this process (docs/security.md).
  const { openApp, resolveDbFile } = await import('./app.ts');
  const app = await openApp(resolveDbFile(values.db as string | undefined), values.user as string | undefined, true);
  try {
    const env = template
      ? await app.dispatcher.call('roster.exportTemplate', {})
      : await app.dispatcher.call('roster.export', {
          ...(values.org ? { orgId: await orgIdByCode(app, values.org as string) } : {}),
          ...(values.status ? { status: values.status as '在岗' } : {}),
        });
    if (!env.ok) {
      console.error(env.error.message);
      return 1;
    }
    writeFileSync(out, Buffer.from(env.data.contentBase64, 'base64'));
    console.log('count' in env.data ? `已导出 ${env.data.count} 人：${out}` : `已生成导入模板：${out}`);
    return 0;
  } finally {
    app.close();
  }
}

export async function runRoster(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return runImport(rest);
  if (sub === 'export') return runExport(rest, false);
  if (sub === 'template') return runExport(rest, true);
  throw new UsageError(`roster 的子命令应为 import、export 或 template\n${ROSTER_USAGE}`);
}
