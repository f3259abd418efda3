import { writeFileSync } from 'node:fs';
import { openApp, resolveDbFile, type App } from './app.ts';
import { parseFlags, UsageError } from './args.ts';
import { REPORTS } from '../core/report/registry.ts';
import type { ReportResult } from '../core/report/contract.ts';

// `jiceng report <name> --org CODE --as-of DATE [--out FILE.xlsx]`: the same report.run and
// report.export operations the window uses, for scripted monthly reports. Without --out the
// table is printed as tab-separated text (paste into a spreadsheet, or diff month to month).


async function orgIdByCode(app: App, code: string): Promise<string> {
  const env = await app.dispatcher.call('org.tree', {});
  if (!env.ok) throw new Error(env.error.message);
  const unit = env.data.find((u) => u.code === code || u.name === code);
  if (!unit) throw new UsageError(`未找到区划代码（或名称）为“${code}”的组织单位`);
  return unit.id;
}

function printTable(r: ReportResult): void {
  console.log(`${r.unit.name}${r.title}（${r.period === 'asOf' ? `统计日期 ${r.asOf}` : `${r.year} 年度`}）`);
  console.log(['单位', ...r.columns.map((c) => (c.group ? `${c.group}/${c.label}` : c.label))].join('\t'));
  for (const row of r.rows)
    console.log([row.label, ...r.columns.map((c) => {
      const v = row.cells[c.key];
      return v === null || v === undefined ? '' : typeof v === 'number' && c.money ? (v / 100).toFixed(2) : String(v);
    })].join('\t'));
  for (const n of r.notes) console.log(`注：${n}`);
}

export async function runReport(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    org: { type: 'string' }, 'as-of': { type: 'string' }, year: { type: 'string' }, compare: { type: 'string' }, ages: { type: 'string' },
    out: { type: 'string' }, db: { type: 'string' }, user: { type: 'string' },
  });
  const [name] = positionals;
  if (name === 'list') {
    for (const r of REPORTS) console.log(`${r.name}\t${r.title}\t${r.period === 'asOf' ? '按统计日期' : '按年度'}\t${r.summary}`);
    return 0;
  }
  if (!name || positionals.length > 1) throw new UsageError('report 需要一个报表名称（jiceng report list 查看）');
  if (!REPORTS.some((r) => r.name === name)) throw new UsageError(`没有名为“${name}”的报表；可用：${REPORTS.map((r) => r.name).join('、')}`);
  if (!values.org) throw new UsageError('report 需要 --org CODE（统计哪个组织单位）');
  if (!values['as-of']) throw new UsageError('report 需要 --as-of YYYY-MM-DD（统计日期）');
  const ages = values.ages === undefined ? undefined : String(values.ages).split(/[,，]/).map((s) => Number(s.trim()));
  // Reports only read: no quick check and no backup for this process (docs/security.md).
  const app = await openApp(resolveDbFile(values.db as string | undefined), values.user as string | undefined, true);
  try {
    const input = {
      name, orgId: await orgIdByCode(app, values.org as string), asOf: values['as-of'] as string,
      ...(values.year !== undefined ? { year: Number(values.year) } : {}),
      ...(values.compare !== undefined ? { compareAsOf: values.compare as string } : {}),
      ...(ages ? { ageCuts: ages } : {}),
    };
    if (values.out) {
      const env = await app.dispatcher.call('report.export', input);
      if (!env.ok) return fail(env.error.message);
      writeFileSync(values.out as string, Buffer.from(env.data.base64, 'base64'));
      console.log(`已导出：${values.out}`);
      return 0;
    }
    const env = await app.dispatcher.call('report.run', input);
    if (!env.ok) return fail(env.error.message);
    printTable(env.data);
    return 0;
  } finally {
    app.close();
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
