import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { OpenedDb } from '../../db/open.ts';
import { users } from '../../db/schema/index.ts';
import type { OpParsed, OpOutput } from '../contract/index.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { Dispatcher } from '../dispatch.ts';
import { createOrgUnit, listOrgUnits } from '../org/handlers.ts';
import type { SessionOpName } from '../contract/index.ts';
import type { Actor } from '../context.ts';
import { derive, newSalt, sameVerifier } from './passwords.ts';
import { ROLE_LABEL } from './roles.ts';
import type { Session, SessionStore } from './sessions.ts';
import { applyNewPassword, checkPolicy, toUserInfo, userByName } from './users.ts';
import type { Vault } from './vault.ts';
import { restoreOps } from './restore.ts';
import { installationOrgId, setInstallationOrgId } from '../installation.ts';

export interface LoginDeps {
  vault: Vault;
  sessions: SessionStore;
  now: () => Date;
  open(master: Buffer): { opened: OpenedDb; dispatcher: Dispatcher };
  discardNewDatabase(): void;
  current(): { opened: OpenedDb; dispatcher: Dispatcher } | null;
  closeDb(): void;
  /**
   * The open database holds the account the keyring vouched for: it is sound enough to be
   * backed up (the daily backup runs now, never before this, so a damaged file cannot rotate
   * out good backups).
   */
  accountVerified(): void;
}

export type SessionOps = { [K in SessionOpName]: (input: OpParsed<K>, sessionId: string | null) => Promise<OpOutput<K>> | OpOutput<K> };

export const anonymous = (name: string): Actor => ({ kind: 'user', id: 'unknown', name });
export const MISSING_ACCOUNT = '数据库与密钥文件不一致（账号记录缺失），数据库可能已损坏或被替换。可用最近一份完好的备份恢复。';
const refuse = (message: string) => new AppError('forbidden', message);

/** setup, login, unlock and recovery: everything that has to work before the database is open. */
export function loginOps(d: LoginDeps): SessionOps {
  return {
    ...restoreOps(d),
    'setup.status': () => {
      if (!d.vault.isSetUp()) return { state: 'setup' as const, orgName: null };
      const cur = d.current();
      const orgId = cur ? installationOrgId(cur.opened.db) : null;
      return { state: 'ready' as const, orgName: orgId && cur ? (listOrgUnits(ctxOf(cur)).find((u) => u.id === orgId)?.name ?? null) : null };
    },

    'setup.init': (input) => {
      if (d.vault.isSetUp() || d.current()) throw new AppError('conflict', '本机已完成首次设置，请直接登录');
      // A database without its keyring is someone's data, not a fresh install: never overwrite it.
      if (existsSync(d.vault.dbFile) && statSync(d.vault.dbFile).size > 0)
        throw new AppError('conflict', `数据库文件 ${d.vault.dbFile} 已存在，但缺少同名的 .keys 密钥文件。请把备份或旧电脑上的 .db 与 .db.keys 两个文件一起复制过来；文件未作任何改动。`);
      checkPolicy(input.admin.password, input.admin.username, 'admin.password');
      const salt = newSalt();
      const derived = derive(input.admin.password, salt);
      const { master, recoveryKey, keyring } = d.vault.create(input.admin.username, salt, derived);
      try {
        const { dispatcher } = d.open(master);
        const orgId = dispatcher.transact('setup.init', (tx) => {
          let parentId: string | null = null;
          for (const step of input.orgs) parentId = createOrgUnit(tx, { ...step, parentId, codeEdition: null }).id;
          const adminId = randomUUID();
          tx.db.insert(users).values({
            id: adminId, username: input.admin.username, displayName: input.admin.displayName, role: 'admin', orgScopeId: null,
            passwordSalt: salt, passwordHash: derived.verifier.toString('base64'), passwordHistory: [], mustChangePassword: false,
            createdAt: tx.nowIso, updatedAt: tx.nowIso, passwordChangedAt: tx.nowIso,
          }).run();
          setInstallationOrgId(tx.db, parentId!);
          tx.audit({ entity: 'installation', entityId: parentId, after: { orgs: input.orgs, admin: input.admin.username } });
          return parentId!;
        });
        d.vault.saveNew(keyring);
        d.accountVerified();
        return { recoveryKey, orgId };
      } catch (e) {
        d.discardNewDatabase();
        throw e;
      }
    },

    'auth.login': (input) => {
      if (!d.vault.isSetUp()) throw new AppError('forbidden', '本机尚未完成首次设置', undefined, 'login_required');
      const check = d.vault.checkPassword(input.username, input.password, d.now());
      if (!check.ok) {
        // Audited now if the database is open; otherwise the keyring holds it until it is.
        d.current()?.dispatcher.record('auth.login', anonymous(input.username), { entity: 'user', after: { username: input.username, reason: check.reason } }, 'failed');
        if (d.current()) d.vault.takePending();
        throw refuse(check.reason);
      }
      const { opened, dispatcher } = d.open(check.master);
      const row = userByName(ctxOf({ opened, dispatcher }), input.username);
      // The keyring accepted the password, so the account exists: a database without it lost data.
      if (!row) {
        dispatcher.record('auth.login', anonymous(input.username), { entity: 'user', after: { username: input.username, reason: '数据库中缺少该账号' } }, 'failed');
        throw new AppError('internal', MISSING_ACCOUNT, undefined, 'database_damaged');
      }
      if (row.disabled || row.passwordSalt !== check.salt || !sameVerifier(check.verifier, row.passwordHash)) {
        dispatcher.record('auth.login', anonymous(input.username), { entity: 'user', after: { username: input.username, reason: row.disabled ? '账号已停用' : '密码校验不符' } }, 'failed');
        throw refuse(row.disabled ? '该账号已被停用，请联系系统管理员' : '用户名或密码错误');
      }
      d.accountVerified();
      const session = d.sessions.create(
        { userId: row.id, username: row.username, displayName: row.displayName, role: row.role, orgScopeId: row.orgScopeId, mustChangePassword: row.mustChangePassword },
        d.now().getTime(),
      );
      dispatcher.transact('auth.login', (tx) => {
        tx.db.update(users).set({ lastLoginAt: tx.nowIso }).where(eq(users.id, row.id)).run();
        tx.audit({ entity: 'user', entityId: row.id, after: { role: ROLE_LABEL[row.role] } });
      }, actorOfSession(session));
      return { sessionId: session.id, user: toUserInfo(ctxOf({ opened, dispatcher }), { ...row, lastLoginAt: d.now().toISOString() }), idleMinutes: d.vault.policy().idleMinutes };
    },

    'auth.unlock': (input, sessionId) => {
      const session = sessionId ? d.sessions.get(sessionId) : undefined;
      const cur = d.current();
      if (!session || !cur) throw new AppError('forbidden', '会话已失效，请重新登录', undefined, 'login_required');
      const check = d.vault.checkPassword(session.username, input.password, d.now());
      d.vault.takePending();
      const actor = actorOfSession(session);
      if (!check.ok) {
        cur.dispatcher.record('auth.unlock', actor, { entity: 'user', entityId: session.userId, after: { reason: check.reason } }, 'failed');
        if (check.lockedUntil) d.sessions.end(session.id);
        throw new AppError('validation', check.reason, [{ path: 'password', message: `「密码」${check.reason}` }]);
      }
      d.sessions.unlock(session.id, d.now().getTime());
      cur.dispatcher.record('auth.unlock', actor, { entity: 'user', entityId: session.userId }, 'ok');
      return { ok: true as const };
    },

    'auth.recover': (input) => {
      if (!d.vault.isSetUp()) throw refuse('本机尚未完成首次设置');
      const master = d.vault.checkRecoveryKey(input.recoveryKey, d.now());
      if (!master) {
        d.current()?.dispatcher.record('auth.recover', anonymous(input.username), { after: { reason: '恢复密钥错误' } }, 'failed');
        if (d.current()) d.vault.takePending();
        throw validationError([{ path: 'recoveryKey', message: '「恢复密钥」不正确' }]);
      }
      const { opened, dispatcher } = d.open(master);
      const row = userByName(ctxOf({ opened, dispatcher }), input.username);
      if (!row || row.role !== 'admin') throw validationError([{ path: 'username', message: '「用户名」恢复密钥只能用于重设系统管理员的密码' }]);
      d.accountVerified();
      dispatcher.transact('auth.recover', (tx) => {
        applyNewPassword(tx, row, input.newPassword, false);
        tx.db.update(users).set({ disabled: false }).where(eq(users.id, row.id)).run();
        tx.audit({ entity: 'user', entityId: row.id, after: { passwordResetByRecoveryKey: true } });
      }, anonymous('(恢复密钥)'));
      d.sessions.endAllFor(row.id);
      return { ok: true as const };
    },
  };
}

export function actorOfSession(s: Session): Actor {
  return { kind: 'user', id: s.userId, name: s.displayName, role: s.role, orgScopeId: s.orgScopeId, sessionId: s.id };
}

function ctxOf(cur: { opened: OpenedDb; dispatcher?: Dispatcher }, now: () => Date = () => new Date(0)) {
  // Read-only lookups (user by name, org names) that need no clock.
  return { db: cur.opened.db, sqlite: cur.opened.sqlite, actor: anonymous('system'), now, security: null };
}
