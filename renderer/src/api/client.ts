import type { ErrorCode, FieldIssue, OpInput, OpName, OpOutput } from '../../../core/contract/index.ts';
import { detectTransport, type Transport } from './transport.ts';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

let transport: Transport | null = null;

export function getTransport(): Transport {
  transport ??= detectTransport();
  return transport;
}

export function resetTransport(): void {
  transport = null;
}

/** Calls one operation of the contract; resolves with its data or throws ApiError. */
export async function call<K extends OpName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
  const t = getTransport();
  if (t.kind === 'none') throw new ApiError('forbidden', '未取得访问令牌，请使用启动时显示的地址打开');
  const env = await t.invoke(name, input);
  if (env.ok) return env.data as OpOutput<K>;
  throw new ApiError(env.error.code, env.error.message, env.error.issues ?? []);
}

/** Field path → first message, for showing errors under form fields. */
export function issuesByPath(issues: readonly FieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.split('.')[0] ?? '';
    out[key] ??= i.message;
  }
  return out;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  return e instanceof Error ? `出现意外错误：${e.message}` : '出现意外错误';
}
