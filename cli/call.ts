import { openApp, resolveDbFile } from './app.ts';
import { parseFlags, UsageError } from './args.ts';

/** `jiceng call <operation> '<json>'`: 0 for an ok envelope, 1 for an error envelope, 2 for usage. */
export async function runCall(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { db: { type: 'string' } });
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
  const app = openApp(resolveDbFile(values.db as string | undefined));
  try {
    const envelope = await app.dispatcher.dispatch(op, input);
    console.log(JSON.stringify(envelope, null, 2));
    return envelope.ok ? 0 : 1;
  } finally {
    app.close();
  }
}
