/** Stable, English error codes; the Chinese `message` is for people, the code for programs. */
export type ErrorCode = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'internal';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `idNumber` or `posts.1`. */
  path: string;
  /** Chinese message that names the field and the reason. */
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Thrown by handlers and rules; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('validation', issues.map((i) => i.message).join('；'), issues);
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `未找到${what}（${id}），可能已被删除。`);
}
