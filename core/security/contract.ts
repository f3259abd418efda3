import { z } from 'zod';
import { mutation, query } from '../contract/op.ts';
import { optionalText, requiredText } from '../contract/fields.ts';
import { ORG_LEVELS } from '../codes/tables.ts';
import { ROLES } from './roles.ts';
import { ref, target } from '../guard/refs.ts';

const username = z
  .string({ error: '「用户名」必须填写' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, { error: '「用户名」应为 3–32 位字母、数字或 _ . -，以字母开头' });
const password = z.string({ error: '「密码」必须填写' }).min(1, { error: '「密码」必须填写' }).max(128, { error: '「密码」不能超过 128 个字符' });
const role = z.enum(ROLES, { error: '「角色」应为系统管理员、录入员、审核员或审计员' });

export const userInfo = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role,
  roleLabel: z.string(),
  orgScopeId: z.string().nullable(),
  orgScopeName: z.string().nullable(),
  /** Where the account works from: its scope, narrowed to the community at a community installation; null = everywhere. */
  workScopeId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserInfo = z.infer<typeof userInfo>;

const policy = z.object({
  maxFailures: z.number({ error: '「失败次数上限」应为数字' }).int().min(3, { error: '「失败次数上限」不能小于 3' }).max(10, { error: '「失败次数上限」不能大于 10' }),
  lockMinutes: z.number({ error: '「锁定时长」应为数字' }).int().min(10, { error: '「锁定时长」不能少于 10 分钟' }).max(1440, { error: '「锁定时长」不能超过 1440 分钟' }),
  idleMinutes: z.number({ error: '「闲置锁定」应为数字' }).int().min(1, { error: '「闲置锁定」不能少于 1 分钟' }).max(60, { error: '「闲置锁定」不能超过 60 分钟' }),
});

const dateText = (label: string) => z.string().trim().regex(/^\d{4}-\d{2}-\d{2}/, { error: `「${label}」应为日期，如 2026-11-30` }).optional();

// One filter for the list and the export: the export holds exactly what the list showed.
const auditFilterInput = z.object({
  from: dateText('起始日期'),
  to: dateText('截止日期'),
  /** Matches an account's username or name, or the name typed at a failed login. */
  actor: optionalText('操作人', 60),
  /** An operation area such as `roster`, or one operation such as `roster.update`. */
  operation: optionalText('操作', 60),
  orgId: z.string().trim().max(64).nullish().transform((v) => v || null),
  outcome: z.enum(['ok', 'denied', 'failed'], { error: '「结果」应为成功、被拒绝或失败' }).optional(),
});

const auditRow = z.object({
  id: z.number().int(), at: z.string(), actor: z.string(), actorName: z.string().nullable(), operation: z.string(),
  /** The operation in Chinese, from the contract summary. */
  operationLabel: z.string(),
  /** The whole row as one Chinese sentence: who did what to whom. */
  sentence: z.string(),
  subject: z.string().nullable(), orgName: z.string().nullable(),
  entity: z.string().nullable(), entityId: z.string().nullable(), outcome: z.string(),
  /** Changed fields only; ID numbers, phones, addresses and remarks as keyed digests. */
  before: z.string().nullable(), after: z.string().nullable(),
  /** The changed fields in Chinese (no codes, sensitive values only as 已更改). */
  detail: z.string(),
});

const orgStep = z.object({
  level: z.enum(ORG_LEVELS, { error: '「层级」应为县、街道或社区' }),
  name: requiredText('单位名称', 60),
  code: z.string({ error: '「区划代码」必须填写' }).trim().regex(/^\d{12}$/, { error: '「区划代码」应为 12 位数字的统计用区划代码' }),
});

/** Operations the runtime answers itself, before the encrypted database is open. */
export const sessionContract = {
  'setup.status': query(
    '安装状态：是否已完成首次设置',
    z.object({}).default({}),
    z.object({ state: z.enum(['setup', 'ready']), orgName: z.string().nullable() }),
  ),
  'setup.init': mutation(
    '首次设置：绑定组织单位并创建系统管理员（无默认账号）',
    z.object({
      orgs: z.array(orgStep).min(1, { error: '「组织单位」至少填写县级单位' }).max(3),
      admin: z.object({ username, displayName: requiredText('姓名', 30), password }),
    }),
    z.object({ recoveryKey: z.string(), orgId: z.string() }),
  ),
  'auth.login': mutation(
    '登录',
    z.object({ username, password }),
    z.object({ sessionId: z.string(), user: userInfo, idleMinutes: z.number() }),
  ),
  'auth.unlock': mutation('闲置锁定后重新输入密码解锁', z.object({ password }), z.object({ ok: z.literal(true) })),
  'backup.restore': mutation(
    '从备份恢复（先做完整性检查；被替换的数据库另行保留）',
    z.object({ file: requiredText('备份文件', 500) }),
    z.object({ keptAside: z.string() }),
  ),
  'backup.restoreAtLogin': mutation(
    '数据库损坏时：验证密码后用最近一份完好的备份恢复',
    z.object({ username, password }),
    z.object({ restoredFrom: z.string(), keptAside: z.string() }),
  ),
  'auth.recover': mutation(
    '用恢复密钥重设系统管理员密码',
    z.object({ recoveryKey: requiredText('恢复密钥', 60), username, newPassword: password }),
    z.object({ ok: z.literal(true) }),
  ),
};

const backupInfo = z.object({
  file: z.string(), name: z.string(), size: z.number().int(), createdAt: z.string(),
  kind: z.enum(['auto', 'manual', 'exit', 'before-restore']),
});

export const securityContract = {
  'backup.list': query('备份列表（自动备份目录）', z.object({}).default({}), z.object({ folder: z.string(), rows: z.array(backupInfo) })),
  'backup.create': mutation(
    '立即备份（加密）到自动备份目录或指定文件夹（如U盘）',
    // A folder that does not exist is refused (a mistyped path must not be created silently)
    // unless the user asked for it to be created (`createFolder`), after being told where.
    z.object({ folder: optionalText('备份文件夹', 500), createFolder: z.boolean().default(false) }).prefault({}),
    backupInfo,
  ),
  'auth.me': query('当前登录用户', z.object({}).default({}), userInfo),
  'auth.logout': mutation('退出登录', z.object({}).default({}), z.object({ ok: z.literal(true) })),
  'auth.changePassword': mutation(
    '修改本人密码',
    z.object({ oldPassword: password, newPassword: password }),
    z.object({ ok: z.literal(true) }),
  ),
  'users.list': query('账号列表', z.object({}).default({}), z.array(userInfo)),
  'users.create': mutation(
    '新建账号（首次登录须修改密码）',
    z.object({ username, displayName: requiredText('姓名', 30), role, orgScopeId: ref('org_units', '管辖范围').nullish().transform((v) => v ?? null), initialPassword: password }),
    userInfo,
  ),
  'users.update': mutation(
    '修改账号的姓名、角色、管辖范围或停用状态',
    z.object({ id: target('users', '账号'), displayName: requiredText('姓名', 30), role, orgScopeId: ref('org_units', '管辖范围').nullish().transform((v) => v ?? null), disabled: z.boolean() }),
    userInfo,
  ),
  'users.resetPassword': mutation('重设账号密码（下次登录须修改）', z.object({ id: target('users', '账号'), newPassword: password }), userInfo),
  'settings.getSecurity': query('安全策略（登录失败锁定、闲置锁定）', z.object({}).default({}), policy),
  'settings.updateSecurity': mutation('修改安全策略', policy, policy),
  'audit.list': query(
    '查询审计日志',
    auditFilterInput.extend({
      limit: z.number({ error: '「行数」应为数字' }).int({ error: '「行数」应为整数' }).min(1, { error: '「行数」至少为 1' }).max(1000, { error: '「行数」不能超过 1000' }).default(200),
      offset: z.number({ error: '「起始行」应为数字' }).int({ error: '「起始行」应为整数' }).min(0, { error: '「起始行」不能为负数' }).default(0),
    }).prefault({}),
    z.object({
      total: z.number().int(),
      rows: z.array(auditRow),
    }),
  ),
  'audit.verify': query(
    '校验审计日志哈希链（发现篡改或删除）',
    z.object({}).default({}),
    z.object({
      ok: z.boolean(),
      rows: z.number().int(),
      problems: z.array(z.object({
        kind: z.enum(['gap', 'link', 'edit', 'break', 'truncated', 'head', 'unprotected']),
        id: z.number().int().nullable(), from: z.number().int().nullable(), to: z.number().int().nullable(), message: z.string(),
      })),
    }),
  ),
  'audit.export': mutation(
    '导出审计日志（.xlsx，留痕）',
    auditFilterInput.prefault({}),
    z.object({ fileName: z.string(), base64: z.string(), rows: z.number().int() }),
  ),
};

export type SetupInput = z.output<(typeof sessionContract)['setup.init']['input']>;
