import { DbOpenError } from '../db/open.ts';
import { runServe } from './serve.ts';
import { runCall } from './call.ts';
import { runDemoData } from './demo-data.ts';
import { UsageError } from './args.ts';

const USAGE = `用法 / usage:
  jiceng serve [--port N] [--db FILE] [--info FILE]      浏览器模式：在 127.0.0.1 上启动
  jiceng call <operation> '<json>' [--db FILE]           通过调度器执行一个操作并输出 JSON
  jiceng demo-data [--db FILE] [--communities N] [--people M] [--seed S]   生成演示数据
数据库位置：--db FILE，否则环境变量 JICENG_DB，否则用户数据目录。`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  serve: runServe,
  call: runCall,
  'demo-data': runDemoData,
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
    if (e instanceof DbOpenError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
