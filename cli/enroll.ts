import { readFileSync, writeFileSync } from 'node:fs';
import { openApp, resolveDbFile } from './app.ts';
import { parseFlags, UsageError } from './args.ts';
import { callOrReport } from './keys.ts';

/** `jiceng enroll export-profile OUT | import-profile FILE [--confirm FPR] | export-request OUT | import-request FILE --confirm FPR` */
export async function runEnroll(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { db: { type: 'string' }, user: { type: 'string' }, confirm: { type: 'string' } });
  const [sub, path] = positionals;
  if (!sub || !path) throw new UsageError('enroll 子命令：export-profile OUT | import-profile FILE | export-request OUT | import-request FILE --confirm 指纹');
  const app = await openApp(resolveDbFile(values.db as string | undefined), values.user as string | undefined);
  try {
    if (sub === 'export-profile' || sub === 'export-request') {
      const out = await callOrReport(app, sub === 'export-profile' ? 'enroll.exportProfile' : 'enroll.exportRequest', {});
      if (!out) return 1;
      writeFileSync(path, String(out.text));
      console.log(`已写入 ${path}\n指纹：${String(out.fingerprint)}（请通过电话或盖章的登记表与对方核对）`);
      return 0;
    }
    if (sub === 'import-profile' || sub === 'import-request') {
      if (sub === 'import-request' && !values.confirm) throw new UsageError('import-request 需要 --confirm 指纹（与社区电话或纸质登记表核对后输入）');
      const op = sub === 'import-profile' ? 'enroll.importProfile' : 'enroll.importRequest';
      const out = await callOrReport(app, op, { text: readFileSync(path, 'utf8'), confirm: values.confirm ?? null });
      if (!out) return 1;
      console.log(`已登记：${String(out.orgName)}（${String(out.orgCode)}），指纹 ${String(out.fingerprint)}`);
      return 0;
    }
    throw new UsageError(`未知的 enroll 子命令：${sub}`);
  } finally {
    app.close();
  }
}
