import { newRuntime, openApp, resolveDbFile } from './app.ts';
import { parseFlags, UsageError } from './args.ts';
import { ACCESS } from '../core/security/access.ts';
import { contract, isOpName } from '../core/contract/index.ts';

/** `jiceng call <operation> '<json>'`: 0 for an ok envelope, 1 for an error envelope, 2 for usage. */
export async function runCall(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { db: { type: 'string' }, user: { type: 'string' } });
  const [op, json] = positionals;
  if (!op || positionals.length > 2) throw new UsageError('call 需要一个操作名，以及可选的 JSON 参数');
  let input: unknown = {};
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch {
      throw new UsageError(`参数不是有效的 JSON：${json}`);
    }
  }
  const dbFile = resolveDbFile(values.db as string | undefined);
  // Operations answered before login (setup, login itself) need no account.
  const isPublic = isOpName(op) && ACCESS[op]?.roles === 'public';
  if (isPublic || !isOpName(op)) {
    const runtime = newRuntime(dbFile);
    try {
      return print(await runtime.dispatch(op, input));
    } finally {
      runtime.close();
    }
  }
  // A query changes nothing worth a quick check or a backup (issue 19 §5).
  const app = await openApp(dbFile, values.user as string | undefined, contract[op].kind === 'query');
  try {
    return print(await app.dispatcher.dispatch(op, input));
  } finally {
    app.close();
  }
}

function print(envelope: { ok: boolean }): number {
  console.log(JSON.stringify(envelope, null, 2));
  return envelope.ok ? 0 : 1;
}
