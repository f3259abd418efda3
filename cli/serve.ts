import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRuntime, resolveDbFile } from './app.ts';
import { intFlag, parseFlags, UsageError } from './args.ts';
import { startBridge } from './server.ts';
import { rendererDist as rendererDir } from './paths.ts';

/** Browser mode: the same core behind the loopback HTTP bridge, serving the built renderer. */
export async function runServe(args: string[]): Promise<number> {
  const rendererDist = rendererDir();
  const { values } = parseFlags(args, { port: { type: 'string' }, db: { type: 'string' }, info: { type: 'string' } });
  if (!existsSync(join(rendererDist, 'index.html'))) throw new UsageError('未找到界面文件 dist/renderer，请先运行 npm run build（npm start 会自动构建）');
  const dbFile = resolveDbFile(values.db as string | undefined);
  // The database opens only when someone logs in on the page: the login page comes first.
  const runtime = newRuntime(dbFile);
  const bridge = await startBridge({ dispatch: runtime.dispatch, staticDir: rendererDist, port: intFlag(values.port, 'port', 0) });
  if (values.info) {
    // Written beside and renamed, so whoever waits for the file never reads it half-written.
    const info = values.info as string;
    writeFileSync(`${info}.tmp`, JSON.stringify({ url: bridge.url, token: bridge.token }), { mode: 0o600 });
    renameSync(`${info}.tmp`, info);
  }
  console.log(`基层党建台账（浏览器模式）已启动，数据库：${dbFile}`);
  console.log(`请在浏览器中打开：${bridge.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  runtime.close();
  return 0;
}
