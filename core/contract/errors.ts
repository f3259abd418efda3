/** Stable, English error codes; the Chinese `message` is for people, the code for programs. */
export type ErrorCode = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'internal';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `idNumber` or `posts.1`. */
  path: string;
  /** Chinese message that names the field and the reason. */
  message: string;
}

/** Why a `forbidden` call was refused before it ran, so the UI can show login or the lock screen. */
export type AuthReason = 'login_required' | 'session_locked' | 'password_change_required' | 'database_damaged';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  reason?: AuthReason;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Thrown by handlers and rules; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly reason: AuthReason | undefined;
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[], reason?: AuthReason) {
    super(message);
    this.code = code;
    this.issues = issues;
    this.reason = reason;
  }
  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}), ...(this.reason ? { reason: this.reason } : {}) };
  }
}

/** The message names the first few problems; `issues` carries every one for forms and reports. */
export function summarize(issues: readonly FieldIssue[], max = 8): string {
  const head = issues.slice(0, max).map((i) => i.message).join('；');
  return issues.length > max ? `${head}；另有 ${issues.length - max} 处问题` : head;
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('validation', summarize(issues), issues);
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `未找到${what}（${id}），可能已被删除。`);
}
