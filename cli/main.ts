#!/usr/bin/env node
import { LoginFailed, UsageError } from './args.ts';

const USAGE = `用法 / usage:
  jiceng serve [--port N] [--db FILE] [--info FILE]      浏览器模式：在 127.0.0.1 上启动
  jiceng call <operation> '<json>' [--db FILE]           通过调度器执行一个操作并输出 JSON
  jiceng demo-data [--db FILE] [--communities N] [--people M] [--seed S]   生成演示数据（默认：商南县 7 个社区及共建、网格台账）
  jiceng keys init [--org CODE] | show | import-identity FILE | rotate | backup OUT | import-backup FILE | revoke PEER_ID
  jiceng enroll export-profile OUT [--community CODE] | import-profile FILE [--confirm 指纹] | confirm-profile --confirm 指纹
         | export-request OUT | import-request FILE --confirm 指纹
  jiceng bundle export --out DIR [--full] [--to CODE] | import FILE|DIR... | inspect FILE
  jiceng roster import FILE --org CODE [--dry-run] [--report OUT.xlsx] [--valid-only] | export OUT.xlsx [--org CODE] | template OUT.xlsx
  jiceng report <name> --org CODE --as-of DATE [--out FILE.xlsx] [--year Y] [--compare DATE] [--ages 30,35,45] | list
数据库位置：--db FILE，否则环境变量 JICENG_DB，否则用户数据目录。`;

// exceljs' dependencies still call `new Buffer()`. Node warns (DEP0005, in English) only for code
// outside node_modules, which the bundle is: the warning means nothing to the clerk exporting a
// roster at a terminal. Every other warning still shows.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const code = typeof rest[0] === 'object' ? (rest[0] as { code?: string } | null)?.code : rest[1];
  if (code !== 'DEP0005') emitWarning(warning, ...(rest as []));
}) as typeof process.emitWarning;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  // Loaded on demand: a usage error answers at once, without loading the database stack.
  serve: (a) => import('./serve.ts').then((m) => m.runServe(a)),
  call: (a) => import('./call.ts').then((m) => m.runCall(a)),
  'demo-data': (a) => import('./demo-data.ts').then((m) => m.runDemoData(a)),
  keys: (a) => import('./keys.ts').then((m) => m.runKeys(a)),
  enroll: (a) => import('./enroll.ts').then((m) => m.runEnroll(a)),
  bundle: (a) => import('./bundle.ts').then((m) => m.runBundle(a)),
  roster: (a) => import('./roster.ts').then((m) => m.runRoster(a)),
  report: (a) => import('./report.ts').then((m) => m.runReport(a)),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? commands[command] : undefined;
  if (!run) {
    console.error(command && command !== '--help' ? `未知命令：${command}\n${USAGE}` : USAGE);
    return 2;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    if ((e as Error).name === 'DbOpenError' || e instanceof LoginFailed) {
      console.error((e as Error).message);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
