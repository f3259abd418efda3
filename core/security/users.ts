import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { orgUnits, users, type UserRow } from '../../db/schema/index.ts';
import { AppError, notFound, validationError } from '../contract/errors.ts';
import type { Ctx, TxCtx } from '../context.ts';
import type { UserInfo } from './contract.ts';
import type { Role } from './roles.ts';
import { derive, newSalt, passwordProblems, reusesPrevious, sameVerifier } from './passwords.ts';
import { ROLE_LABEL } from './roles.ts';
import { workScopeRoot } from './scope.ts';

export function toUserInfo(ctx: Ctx, row: UserRow): UserInfo {
  const scope = row.orgScopeId ? ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, row.orgScopeId)).get() : undefined;
  return {
    id: row.id, username: row.username, displayName: row.displayName, role: row.role, roleLabel: ROLE_LABEL[row.role],
    orgScopeId: row.orgScopeId, orgScopeName: scope?.name ?? null, workScopeId: workScopeRoot(ctx, row.orgScopeId), mustChangePassword: row.mustChangePassword,
    disabled: row.disabled, lastLoginAt: row.lastLoginAt,
  };
}

export function userById(ctx: Ctx, id: string): UserRow {
  const row = ctx.db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw notFound('账号', id);
  return row;
}

export function userByName(ctx: Ctx, username: string): UserRow | undefined {
  return ctx.db.select().from(users).where(eq(users.username, username)).get();
}

export function checkPolicy(password: string, username: string, field = 'newPassword'): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw validationError(problems.map((message) => ({ path: field, message })));
}

export function verifyPassword(row: UserRow, password: string): boolean {
  return sameVerifier(derive(password, row.passwordSalt).verifier, row.passwordHash);
}

/**
 * Sets a new password: policy, no reuse of the current or the last five, a fresh salt, the
 * keyring re-wrapped first (so a failed commit leaves a harmless extra wrap, never a lost key).
 */
export function applyNewPassword(tx: TxCtx, row: UserRow, password: string, mustChange: boolean): void {
  checkPolicy(password, row.username);
  const history = [{ salt: row.passwordSalt, hash: row.passwordHash }, ...row.passwordHistory].slice(0, 5);
  if (reusesPrevious(password, history)) throw validationError([{ path: 'newPassword', message: '「新密码」不能与最近 5 次使用过的密码相同' }]);
  const salt = newSalt();
  const d = derive(password, salt);
  if (!tx.security) throw new AppError('internal', '密钥服务不可用');
  tx.security.vault.setAccountPassword(row.username, salt, d);
  tx.db
    .update(users)
    .set({ passwordSalt: salt, passwordHash: d.verifier.toString('base64'), passwordHistory: history, mustChangePassword: mustChange, passwordChangedAt: tx.nowIso, updatedAt: tx.nowIso })
    .where(eq(users.id, row.id))
    .run();
}

/** Creates an account: its verifier in the database and its wrap of the master key in the keyring. */
export function insertUser(
  tx: TxCtx,
  u: { username: string; displayName: string; role: Role; orgScopeId: string | null; password: string; mustChange: boolean },
  passwordField = 'initialPassword',
): UserRow {
  if (userByName(tx, u.username)) throw validationError([{ path: 'username', message: `「用户名」${u.username} 已存在` }]);
  checkPolicy(u.password, u.username, passwordField);
  if (!tx.security) throw new AppError('internal', '密钥服务不可用（未通过登录打开数据库）');
  const salt = newSalt();
  const d = derive(u.password, salt);
  tx.security.vault.setAccountPassword(u.username, salt, d);
  const id = randomUUID();
  tx.db.insert(users).values({
    id, username: u.username, displayName: u.displayName, role: u.role, orgScopeId: u.orgScopeId,
    passwordSalt: salt, passwordHash: d.verifier.toString('base64'), passwordHistory: [], mustChangePassword: u.mustChange,
    createdAt: tx.nowIso, updatedAt: tx.nowIso, passwordChangedAt: tx.nowIso,
  }).run();
  return userById(tx, id);
}
