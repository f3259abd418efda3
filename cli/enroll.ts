import { readFileSync, writeFileSync } from 'node:fs';
import { openApp, resolveDbFile } from './app.ts';
import { parseFlags, UsageError } from './args.ts';
import { callOrReport } from './keys.ts';

/**
 * `jiceng enroll export-profile OUT [--community CODE] | import-profile FILE [--confirm FPR] | confirm-profile --confirm FPR
 *  | export-request OUT | import-request FILE --confirm FPR`
 */
export async function runEnroll(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    db: { type: 'string' }, user: { type: 'string' }, confirm: { type: 'string' }, community: { type: 'string' },
  });
  const [sub, path] = positionals;
  const usage = 'enroll 子命令：export-profile OUT [--community 社区代码] | import-profile FILE [--confirm 指纹] | confirm-profile --confirm 指纹 | export-request OUT | import-request FILE --confirm 指纹';
  if (!sub || (!path && sub !== 'confirm-profile')) throw new UsageError(usage);
  if (sub === 'confirm-profile' && !values.confirm) throw new UsageError('confirm-profile 需要 --confirm 指纹（县里电话告知或纸质登记表上的指纹）');
  const app = await openApp(resolveDbFile(values.db as string | undefined), values.user as string | undefined);
  try {
    if (sub === 'confirm-profile') {
      const out = await callOrReport(app, 'enroll.confirmProfile', { confirm: values.confirm });
      if (!out) return 1;
      console.log(`指纹一致，已信任：${String(out.orgName)}（${String(out.orgCode)}）`);
      return 0;
    }
    if (sub === 'export-profile' || sub === 'export-request') {
      const out = sub === 'export-profile'
        ? await callOrReport(app, 'enroll.exportProfile', { communityCode: values.community ?? null })
        : await callOrReport(app, 'enroll.exportRequest', {});
      if (!out) return 1;
      writeFileSync(path!, String(out.text));
      console.log(`已写入 ${path}\n指纹：${String(out.fingerprint)}（请通过电话或盖章的登记表与对方核对）`);
      return 0;
    }
    if (sub === 'import-profile' || sub === 'import-request') {
      if (sub === 'import-request' && !values.confirm) throw new UsageError('import-request 需要 --confirm 指纹（与社区电话或纸质登记表核对后输入）');
      const op = sub === 'import-profile' ? 'enroll.importProfile' : 'enroll.importRequest';
      const out = await callOrReport(app, op, { text: readFileSync(path!, 'utf8'), confirm: values.confirm ?? null });
      if (!out) return 1;
      // Unchecked, the county's key waits for confirm-profile; the fingerprint is not printed, so it is read from the phone call.
      if (out.status === 'pending') console.log(`已导入：${String(out.orgName)}（${String(out.orgCode)}），待核对指纹：请执行 jiceng enroll confirm-profile --confirm 县里告知的指纹`);
      else console.log(`已登记：${String(out.orgName)}（${String(out.orgCode)}），指纹 ${String(out.fingerprint)}`);
      return 0;
    }
    throw new UsageError(`未知的 enroll 子命令：${sub}`);
  } finally {
    app.close();
  }
}
