import type { ErrorCode, FieldIssue, OpInput, OpName, OpOutput } from '../../../core/contract/index.ts';
import type { AuthReason } from '../../../core/contract/errors.ts';
import { detectTransport, type Transport } from './transport.ts';
import { withoutNonFinite } from './numbers.ts';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly reason: AuthReason | undefined;
  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = [], reason?: AuthReason) {
    super(message);
    this.code = code;
    this.issues = issues;
    this.reason = reason;
  }
}

/** Fired (detail: AuthRefusal) when the runtime refuses a call for want of a usable session. */
export const AUTH_REFUSED = 'jiceng:auth-refused';
export interface AuthRefusal {
  reason: AuthReason;
  message: string;
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
  // JSON would turn NaN into null, i.e. "clear this value": sent as 'NaN', core refuses it
  // with its own message naming the field.
  const env = await t.invoke(name, withoutNonFinite(input) as OpInput<K>);
  if (env.ok) return env.data as OpOutput<K>;
  const { code, message, issues, reason } = env.error;
  // Any page's call may find the session gone or idle-locked; the shell decides what to show.
  if (reason) window.dispatchEvent(new CustomEvent<AuthRefusal>(AUTH_REFUSED, { detail: { reason, message } }));
  throw new ApiError(code, message, issues ?? [], reason);
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
