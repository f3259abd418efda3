import { z } from 'zod';
import type Database from 'better-sqlite3';
import type { Db } from '../db/open.ts';
import { contract, isOpName, type OpInput, type OpName, type OpOutput } from './contract/index.ts';
import { parseOutput } from './contract/fast-output.ts';
import { AppError, type Envelope, type ErrorBody } from './contract/errors.ts';
import type { PreparedMutation } from './contract/handler-types.ts';
import type { OpDef } from './contract/op.ts';
import type { Actor, AuditEntry, Ctx, SecurityServices, TxCtx } from './context.ts';
import { handlers } from './handlers.ts';
import { localIsoDate } from './roster/dates.ts';
import { nextChangeSeq } from './seq.ts';
import { ACCESS, forbiddenMessage, roleMay } from './security/access.ts';
import { appendAudit } from './security/audit-chain.ts';
import { changedOnly, digestKey, redact, subjectOf } from './security/audit-redact.ts';
import { zodToError } from './contract/zod-errors.ts';
import { assertInScope } from './security/scope.ts';
import { assertLocallyWritable } from './bundle/ownership.ts';
import { guardRefs } from './guard/load.ts';
import { assertWrittenRowsAllowed } from './guard/written.ts';

z.config(z.locales.zhCN());

export interface DispatcherOptions {
  db: Db;
  sqlite: Database.Database;
  /** The caller when `dispatch` is given none: the system actor in tests and tools. */
  actor: () => Actor;
  now?: () => Date;
  security?: SecurityServices | null;
  /** Parse every output against its schema too: catches drift between SQL and the contract. */
  checkOutput?: boolean;
  /** Where unexpected errors go; their details never reach the caller. */
  logError?: (op: string, err: unknown) => void;
}

export type Dispatch = (name: string, input: unknown, actor?: Actor) => Promise<Envelope<unknown>>;

export interface Dispatcher {
  dispatch: Dispatch;
  /** Typed convenience over `dispatch` for callers inside the process (CLI, tests). */
  call<K extends OpName>(name: K, input: OpInput<K>, actor?: Actor): Promise<Envelope<OpOutput<K>>>;
  /** For maintenance commands that are not contract operations (demo data): same transaction and audit rules. */
  transact<T>(operation: string, apply: (tx: TxCtx) => T, actor?: Actor): T;
  /** Writes one audit row on its own (security events outside any mutation). */
  record(operation: string, actor: Actor, entry: AuditEntry, outcome: 'ok' | 'denied' | 'failed', at?: string): void;
}

type AnyHandler = ((ctx: Ctx | TxCtx, input: unknown) => unknown) | PreparedMutation<OpDef>;

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const now = opts.now ?? (() => new Date());
  const checkOutput = opts.checkOutput ?? true;
  const ctxFor = (actor: Actor): Ctx => ({ db: opts.db, sqlite: opts.sqlite, actor, now, security: opts.security ?? null });
  const record: Dispatcher['record'] = (operation, actor, entry, outcome, at) =>
    opts.sqlite.transaction(() => writeAudit(ctxFor(actor), at ?? now().toISOString(), operation, entry, outcome)).immediate();

  async function dispatch(name: string, rawInput: unknown, caller?: Actor): Promise<Envelope<unknown>> {
    if (!isOpName(name)) return fail({ code: 'not_found', message: `未知的操作“${name}”` });
    const actor = caller ?? opts.actor();
    const denied = checkAccess(name, actor);
    if (denied) {
      record(name, actor, { after: { reason: denied.message } }, 'denied');
      return fail(denied);
    }
    const def: OpDef = contract[name];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) return failMutation(def, name, actor, zodToError(parsed.error));
    const handler = handlers[name as keyof typeof handlers] as AnyHandler | undefined;
    if (!handler) return fail({ code: 'not_found', message: `操作“${name}”需要先登录后由应用处理` });
    const ctx = ctxFor(actor);
    try {
      guardOrg(ctx, def.kind, parsed.data);
      guardRefs(ctx, def, parsed.data);
      let data: unknown;
      if (def.kind === 'query') {
        let noted: AuditEntry | null = null;
        const qctx: Ctx = { ...ctx, noteAccess: (e) => void (noted = e) };
        data = await (handler as (c: Ctx, i: unknown) => unknown)(qctx, parsed.data);
        if (checkOutput) data = parseOutput(def.output, data);
        if (ACCESS[name]?.audit || noted) record(name, actor, noted ?? { after: auditableInput(parsed.data) }, 'ok');
      } else {
        const apply =
          typeof handler === 'function' ? (tx: TxCtx) => handler(tx, parsed.data) : await handler.prepare(ctx, parsed.data);
        data = runMutation(ctx, name, (tx) => {
          const out = apply(tx);
          return checkOutput ? parseOutput(def.output, out) : out;
        });
      }
      return { ok: true, data };
    } catch (e) {
      return failMutation(def, name, actor, toErrorBody(name, e, opts.logError));
    }
  }

  // A refused or failed mutation leaves one audit row of its own (its transaction rolled back).
  function failMutation(def: OpDef, name: string, actor: Actor, error: ErrorBody): Envelope<never> {
    if (def.kind === 'mutation') {
      try {
        record(name, actor, { after: { code: error.code, reason: error.message } }, error.code === 'forbidden' ? 'denied' : 'failed');
      } catch (e) {
        opts.logError?.(name, e);
      }
    }
    return fail(error);
  }

  return {
    dispatch,
    call: (name, input, actor) => dispatch(name, input, actor) as never,
    transact: (operation, apply, actor) => runMutation(ctxFor(actor ?? opts.actor()), operation, apply) as never,
    record,
  };
}

// `orgId` means the same in every operation: the org unit whose records are read or written.
// Checking it here covers every module at once: the caller's org scope for all calls, and for
// mutations the rule that records received in bundles are read-only at the receiving end.
function guardOrg(ctx: Ctx, kind: OpDef['kind'], input: unknown): void {
  const orgId = input && typeof input === 'object' ? (input as { orgId?: unknown }).orgId : undefined;
  if (typeof orgId !== 'string') return;
  assertInScope(ctx, orgId);
  if (kind === 'mutation') assertLocallyWritable(ctx, orgId);
}

function checkAccess(name: OpName, actor: Actor): ErrorBody | null {
  if (actor.kind === 'system') return null;
  // Public operations are the runtime's, answered before login; they never reach here as a user's call.
  if (!ACCESS[name] || ACCESS[name].roles === 'public') return { code: 'forbidden', message: `操作“${name}”不在权限表中，已拒绝` };
  if (actor.role && roleMay(actor.role, name)) return null;
  return { code: 'forbidden', message: forbiddenMessage(name) };
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
    assertWrittenRowsAllowed(tx, operation, seq, tx.nowIso);
    writeAudit(ctx, tx.nowIso, operation, entry, 'ok');
    return out;
  });
  return run.immediate();
}

function writeAudit(ctx: Ctx, at: string, operation: string, e: AuditEntry, outcome: 'ok' | 'denied' | 'failed'): void {
  // No personal data in the log: only changed fields, sensitive values as keyed digests.
  const key = digestKey(ctx.sqlite);
  const changed = changedOnly(e.before, e.after);
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(redact(key, v)));
  const { subject, orgId } = subjectOf(ctx.sqlite, e.entity, e.entityId, e.before, e.after);
  appendAudit(ctx.sqlite, {
    subject,
    orgId,
    at,
    actor: `${ctx.actor.kind}:${ctx.actor.id}`,
    actorName: ctx.actor.name,
    operation,
    entity: e.entity ?? null,
    entityId: e.entityId ?? null,
    before: json(changed.before),
    after: json(changed.after),
    outcome,
  });
}

// Audited queries record what was asked for, minus bulky file contents.
function auditableInput(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'string' && v.length > 200 ? `(${v.length} 字符)` : v]));
}

function fail(error: ErrorBody): Envelope<never> {
  return { ok: false, error };
}

function toErrorBody(op: string, e: unknown, log?: (op: string, err: unknown) => void): ErrorBody {
  if (e instanceof AppError) return e.toBody();
  if (e instanceof z.ZodError) return zodToError(e);
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT'))
    return { code: 'conflict', message: '数据与已有记录冲突（唯一性或关联约束），未作任何修改。' };
  if (code === 'SQLITE_BUSY') return { code: 'conflict', message: '数据库正被其他窗口占用，请稍后重试。' };
  log?.(op, e);
  return { code: 'internal', message: '系统内部错误，操作未完成，数据未作修改。' };
}
