import { z } from 'zod';
import type Database from 'better-sqlite3';
import type { Db } from '../db/open.ts';
import { auditLog } from '../db/schema/index.ts';
import { contract, isOpName, type OpInput, type OpName, type OpOutput } from './contract/index.ts';
import { AppError, type Envelope, type ErrorBody, type FieldIssue } from './contract/errors.ts';
import type { PreparedMutation } from './contract/handler-types.ts';
import type { OpDef } from './contract/op.ts';
import type { Actor, AuditEntry, Ctx, TxCtx } from './context.ts';
import { handlers } from './handlers.ts';
import { localIsoDate } from './roster/dates.ts';
import { nextChangeSeq } from './seq.ts';

z.config(z.locales.zhCN());

export interface DispatcherOptions {
  db: Db;
  sqlite: Database.Database;
  actor: () => Actor;
  now?: () => Date;
  /** Parse every output against its schema too: catches drift between SQL and the contract. */
  checkOutput?: boolean;
  /** Where unexpected errors go; their details never reach the caller. */
  logError?: (op: string, err: unknown) => void;
}

export type Dispatch = (name: string, input: unknown) => Promise<Envelope<unknown>>;

export interface Dispatcher {
  dispatch: Dispatch;
  /** Typed convenience over `dispatch` for callers inside the process (CLI, tests). */
  call<K extends OpName>(name: K, input: OpInput<K>): Promise<Envelope<OpOutput<K>>>;
  /** For maintenance commands that are not contract operations (demo data): same transaction and audit rules. */
  transact<T>(operation: string, apply: (tx: TxCtx) => T): T;
}

type AnyHandler = ((ctx: Ctx | TxCtx, input: unknown) => unknown) | PreparedMutation<OpDef>;

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const now = opts.now ?? (() => new Date());
  const checkOutput = opts.checkOutput ?? true;

  async function dispatch(name: string, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isOpName(name)) return fail({ code: 'not_found', message: `未知的操作“${name}”` });
    const def: OpDef = contract[name];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail(zodToError(parsed.error));
    const handler = handlers[name] as AnyHandler;
    const ctx: Ctx = { db: opts.db, sqlite: opts.sqlite, actor: opts.actor(), now };
    try {
      let data: unknown;
      if (def.kind === 'query') {
        data = await (handler as (c: Ctx, i: unknown) => unknown)(ctx, parsed.data);
        if (checkOutput) data = def.output.parse(data);
      } else {
        const apply =
          typeof handler === 'function'
            ? (tx: TxCtx) => handler(tx, parsed.data)
            : await handler.prepare(ctx, parsed.data);
        data = runMutation(ctx, name, (tx) => {
          const out = apply(tx);
          return checkOutput ? def.output.parse(out) : out;
        });
      }
      return { ok: true, data };
    } catch (e) {
      return fail(toErrorBody(name, e, opts.logError));
    }
  }

  return {
    dispatch,
    call: (name, input) => dispatch(name, input) as never,
    transact: (operation, apply) =>
      runMutation({ db: opts.db, sqlite: opts.sqlite, actor: opts.actor(), now }, operation, apply) as never,
  };
}

// One synchronous IMMEDIATE transaction: the handler's writes and its audit row commit
// together or not at all. IMMEDIATE takes the write lock up front, so two processes on
// one file queue on busy_timeout instead of failing a lock upgrade half-way.
function runMutation(ctx: Ctx, operation: string, apply: (tx: TxCtx) => unknown): unknown {
  const run = ctx.sqlite.transaction(() => {
    const at = ctx.now();
    let seq: number | null = null;
    let entry: AuditEntry = {};
    const tx: TxCtx = {
      ...ctx,
      nowIso: at.toISOString(),
      today: localIsoDate(at),
      seq: () => (seq ??= nextChangeSeq(ctx.sqlite)),
      audit: (e) => {
        entry = e;
      },
    };
    const out = apply(tx);
    ctx.db
      .insert(auditLog)
      .values({
        at: tx.nowIso,
        actor: `${ctx.actor.kind}:${ctx.actor.id}`,
        operation,
        entity: entry.entity ?? null,
        entityId: entry.entityId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
      })
      .run();
    return out;
  });
  return run.immediate();
}

function fail(error: ErrorBody): Envelope<never> {
  return { ok: false, error };
}

function zodToError(err: z.ZodError): ErrorBody {
  const issues: FieldIssue[] = err.issues.map((i) => {
    const path = i.path.map(String).join('.');
    // Our field builders already name the field; zod's own messages (wrong type, unknown
    // key) get the path in front so the reader still knows which field it is.
    const message = i.message.startsWith('「') || !path ? i.message : `「${path}」${i.message}`;
    return { path, message };
  });
  return { code: 'validation', message: issues.map((i) => i.message).join('；'), issues };
}

function toErrorBody(op: string, e: unknown, log?: (op: string, err: unknown) => void): ErrorBody {
  if (e instanceof AppError) return { code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) };
  if (e instanceof z.ZodError) return zodToError(e);
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
    return { code: 'conflict', message: '数据与已有记录冲突（唯一性或关联约束），未作任何修改。' };
  if (code === 'SQLITE_BUSY') return { code: 'conflict', message: '数据库正被其他窗口占用，请稍后重试。' };
  log?.(op, e);
  return { code: 'internal', message: '系统内部错误，操作未完成，数据未作修改。' };
}
