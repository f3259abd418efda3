import { asc, eq } from 'drizzle-orm';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { users } from '../../db/schema/index.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { AppError, validationError } from '../contract/errors.ts';
import type { Ctx } from '../context.ts';
import { getOrgUnit } from '../org/handlers.ts';
import type { securityContract } from './contract.ts';
import { auditHandlers } from './audit-handlers.ts';
import { applyNewPassword, insertUser, toUserInfo, userById, verifyPassword } from './users.ts';
import { accountScopeIds, assertInScope } from './scope.ts';
import { backupDir, listBackups, writeBackup, type BackupInfo } from './backup.ts';

function currentUser(ctx: Ctx) {
  if (ctx.actor.kind !== 'user') throw new AppError('forbidden', '此操作需要以账号登录');
  return userById(ctx, ctx.actor.id);
}

function services(ctx: Ctx) {
  if (!ctx.security) throw new AppError('internal', '密钥服务不可用（未通过登录打开数据库）');
  return ctx.security;
}

export const securityHandlers: HandlersFor<typeof securityContract> = {
  'auth.me': (ctx) => toUserInfo(ctx, currentUser(ctx)),

  'auth.logout': (tx) => {
    const me = currentUser(tx);
    if (tx.actor.sessionId) services(tx).sessions.end(tx.actor.sessionId);
    tx.audit({ entity: 'user', entityId: me.id });
    return { ok: true as const };
  },

  'auth.changePassword': (tx, input) => {
    const me = currentUser(tx);
    if (!verifyPassword(me, input.oldPassword)) throw validationError([{ path: 'oldPassword', message: '「原密码」不正确' }]);
    applyNewPassword(tx, me, input.newPassword, false);
    const session = tx.actor.sessionId ? services(tx).sessions.get(tx.actor.sessionId) : undefined;
    if (session) session.mustChangePassword = false;
    tx.audit({ entity: 'user', entityId: me.id, after: { passwordChanged: true } });
    return { ok: true as const };
  },

  // A scoped administrator manages the accounts of its own units; an unscoped account is no unit's.
  'users.list': (ctx) => {
    const readable = accountScopeIds(ctx);
    return ctx.db
      .select()
      .from(users)
      .orderBy(asc(users.username))
      .all()
      .filter((u) => !readable || (u.orgScopeId !== null && readable.has(u.orgScopeId)))
      .map((u) => toUserInfo(ctx, u));
  },

  'users.create': (tx, input) => {
    if (input.orgScopeId) {
      getOrgUnit(tx, input.orgScopeId);
      assertInScope(tx, input.orgScopeId);
    } else if (accountScopeIds(tx)) throw new AppError('forbidden', '有管辖范围限制的管理员不能新建不限范围的账号');
    const row = insertUser(tx, { ...input, password: input.initialPassword, mustChange: true });
    const info = toUserInfo(tx, row);
    tx.audit({ entity: 'user', entityId: row.id, after: info });
    return info;
  },

  'users.update': (tx, input) => {
    const before = userById(tx, input.id);
    if (tx.actor.kind === 'user' && tx.actor.id === input.id && (input.disabled || input.role !== before.role))
      throw new AppError('conflict', '不能停用本人账号或修改本人的角色，请由另一位系统管理员操作');
    if (input.orgScopeId) getOrgUnit(tx, input.orgScopeId);
    else if (accountScopeIds(tx)) throw new AppError('forbidden', '有管辖范围限制的管理员不能把账号改为不限范围');
    tx.db.update(users).set({ displayName: input.displayName, role: input.role, orgScopeId: input.orgScopeId, disabled: input.disabled, updatedAt: tx.nowIso }).where(eq(users.id, input.id)).run();
    if (input.disabled || input.role !== before.role || input.orgScopeId !== before.orgScopeId) tx.security?.sessions.endAllFor(input.id);
    const after = toUserInfo(tx, userById(tx, input.id));
    tx.audit({ entity: 'user', entityId: input.id, before: toUserInfo(tx, before), after });
    return after;
  },

  'users.resetPassword': (tx, input) => {
    const row = userById(tx, input.id);
    applyNewPassword(tx, row, input.newPassword, true);
    services(tx).sessions.endAllFor(row.id);
    tx.audit({ entity: 'user', entityId: row.id, after: { passwordReset: true } });
    return toUserInfo(tx, userById(tx, row.id));
  },

  'backup.list': (ctx) => {
    const folder = backupDir(services(ctx).vault.dbFile);
    return { folder, rows: listBackups(folder) };
  },

  'backup.create': {
    async prepare(ctx, input) {
      // VACUUM INTO cannot run inside a transaction: copy first, then record it.
      const dbFile = services(ctx).vault.dbFile;
      const folder = input.folder ? resolve(input.folder) : backupDir(dbFile);
      if (input.folder && !input.createFolder) {
        if (!existsSync(folder))
          throw validationError([{ path: 'folder', message: `「备份文件夹」${folder} 不存在：请检查盘符和路径是否输错，U盘是否插好；确需新建时请选择“新建该文件夹并备份”` }]);
        if (!statSync(folder).isDirectory()) throw validationError([{ path: 'folder', message: `「备份文件夹」${folder} 不是文件夹` }]);
      }
      let info: BackupInfo;
      try {
        info = writeBackup(ctx.sqlite, dbFile, folder, 'manual', ctx.now(), !input.folder || input.createFolder);
      } catch (e) {
        throw validationError([{ path: 'folder', message: `「备份文件夹」${folder} 无法写入（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}），请检查U盘是否插好、是否只读` }]);
      }
      return (tx) => {
        tx.audit({ entity: 'backup', entityId: info.name, after: info });
        return info;
      };
    },
  },

  'settings.getSecurity': (ctx) => services(ctx).vault.policy(),

  'settings.updateSecurity': (tx, input) => {
    const before = services(tx).vault.policy();
    services(tx).vault.setPolicy(input);
    tx.audit({ entity: 'settings', entityId: 'security', before, after: input });
    return input;
  },

  ...auditHandlers,
};
