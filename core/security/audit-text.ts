import { contract, isOpName } from '../contract/index.ts';
import { COLUMNS } from '../roster-io/columns.ts';
import { ROLE_LABEL } from './roles.ts';
import type { Role } from './roles.ts';
import { CHAIN_BREAK_OP } from './audit-chain.ts';
import { AREA_LABEL } from './audit-areas.ts';
import { backupLabel, fileSize, isCodeLike, isIsoTime, STATUS_WORD, zhDateTime } from './audit-values.ts';
import { findReport } from '../report/registry.ts';
import { LEVEL_LABEL } from '../org/rules.ts';

// The audit log for people: each row as one Chinese sentence saying who did what to whom
// ("演示录入员 修改了 新城社区 张伟（6104**********1234） 的 联系电话、籍贯"), operation names
// from the contract's summaries, never operation codes or raw JSON.


const FIELD_LABEL: Record<string, string> = {
  ...Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])),
  idNumber: '身份证号', phone: '联系电话', status: '在岗状态', statusDate: '状态日期', statusReason: '状态原因', remarks: '备注',
  displayName: '姓名', role: '角色', orgScopeId: '管辖范围', disabled: '停用状态', name: '名称',
  username: '用户名', passwordChanged: '密码已修改', mustChangePassword: '须修改密码', lockMinutes: '自动锁定分钟数',
};

/** An operation's Chinese name: its contract summary without the explanation in brackets. */
export function operationLabel(op: string): string {
  if (op === CHAIN_BREAK_OP) return '审计链断开';
  if (!isOpName(op)) return AREA_LABEL[op.split('.')[0]!] ? `${AREA_LABEL[op.split('.')[0]!]}维护` : '系统维护';
  return contract[op].summary.replace(/（[^）]*）/g, '').split('：')[0]!.trim();
}

export interface SentenceRow {
  operation: string;
  actorName: string | null;
  actorRole: Role | null;
  outcome: string;
  subject: string | null;
  orgName: string | null;
  before: string | null;
  after: string | null;
}

const parse = (s: string | null): Record<string, unknown> | null => {
  try {
    const v = s ? (JSON.parse(s) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

export const fieldLabel = (k: string) => FIELD_LABEL[k] ?? null;

function who(r: SentenceRow): string {
  const name = r.actorName ?? '未知用户';
  const role = r.actorRole ? ROLE_LABEL[r.actorRole] : null;
  return role && !name.includes(role) ? `${role} ${name}` : name;
}

export function auditSentence(r: SentenceRow): string {
  const actor = who(r);
  const whom = [r.orgName, r.subject].filter(Boolean).join(' ');
  const after = parse(r.after);
  const verb = r.operation.split('.')[1] ?? '';
  let text: string;
  if (r.operation === CHAIN_BREAK_OP) {
    text = '系统 发现审计链断开：记账的最后一条与实际不符（可能有记录被删除或改动）';
  } else if (r.operation === 'roster.reveal' && whom) {
    text = `${actor} 查看了 ${whom} 的${fieldLabel(String(after?.revealed)) ?? '敏感信息'}`;
  } else if (verb === 'update' && whom && r.outcome === 'ok') {
    const fields = Object.keys(after ?? {}).map(fieldLabel).filter(Boolean);
    text = fields.length ? `${actor} 修改了 ${whom} 的 ${fields.join('、')}` : `${actor} 修改了 ${whom}（无实际变化）`;
  } else if (verb === 'create' && whom && r.outcome === 'ok') {
    text = `${actor} 新增了 ${whom}`;
  } else if (r.operation === 'roster.retire' && whom && r.outcome === 'ok') {
    text = `${actor} 为 ${whom} 办理了${typeof after?.status === 'string' ? after.status : '离岗'}`;
  } else {
    text = `${actor} ${operationLabel(r.operation)}${whom ? `：${whom}` : ''}`;
  }
  if (r.outcome === 'denied') text += '（被拒绝）';
  if (r.outcome === 'failed') text += `（未成功${typeof after?.reason === 'string' ? `：${after.reason}` : ''}）`;
  return text;
}

// One change's value as a clerk reads it: 是/否, 空, role names, unit names for unit ids, report
// titles for report names, backups by when they were made, statuses and times in Chinese; lists
// and records by their size. A code no word is known for (an id, a file name) is never shown:
// null, and the field says only that it changed.
function shown(c: ChangeRow, names: Names | undefined, k: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return '空';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return `${v.length} 项`;
  if (typeof v === 'object') return '（记录）';
  if (typeof v !== 'string') return String(v);
  // An account's role, or an installation's (a county or a community, in key exchange).
  if (k === 'role' || k === 'level') return ROLE_LABEL[v as Role] ?? LEVEL_LABEL[v as keyof typeof LEVEL_LABEL] ?? (isCodeLike(v) ? null : v);
  if (ORG_KEYS.has(k)) return names?.org(v) ?? null;
  if (k === 'name' && c.operation.startsWith('report.')) return findReport(v)?.title ?? null;
  if (k === 'status' && STATUS_WORD[v]) return STATUS_WORD[v];
  if (isIsoTime(v)) return zhDateTime(v);
  return backupLabel(v) ?? (isCodeLike(v) ? null : v);
}

const isDigest = (v: unknown) => typeof v === 'string' && v.startsWith('摘要:');

// Keys holding an org unit's id; shown by the unit's name.
const ORG_KEYS = new Set(['orgId', 'orgScopeId', 'parentId', 'unitId', 'communityId', 'streetId', 'fromOrgId', 'toOrgId']);

// A field's name where one key means different things in different records.
function labelOf(c: ChangeRow, k: string): string | null {
  const area = c.operation.split('.')[0];
  if (k === 'status') return c.entity === 'person' || area === 'roster' ? '在岗状态' : '状态';
  if (k === 'name' && area === 'report') return '报表';
  if (k === 'orgId') return '单位';
  return fieldLabel(k);
}

export interface ChangeRow {
  operation: string;
  entity: string | null;
  before: string | null;
  after: string | null;
}

/** Names the audit log looks up for ids it shows (org units); absent in pure text tests. */
export interface Names {
  org(id: string): string | null;
}

function backupChanges(after: Record<string, unknown>): string {
  const name = typeof after.name === 'string' ? backupLabel(after.name) : null;
  const size = typeof after.size === 'number' ? `；大小：${fileSize(after.size)}` : '';
  return `备份：${name ?? '已写入'}${size}`;
}

/**
 * The changed fields in Chinese: "联系电话：已更改；在岗状态：在岗 → 离任". Fields without a Chinese
 * name are counted ("另有 2 项"), never shown by their code; sensitive values only as 已更改, and
 * codes with no word for them (ids, file names) as 已更改 / 已填写.
 */
export function auditChanges(c: ChangeRow, names?: Names): string {
  const before = parse(c.before) ?? {};
  const after = parse(c.after) ?? {};
  if (c.entity === 'backup' && typeof after.name === 'string') return backupChanges(after);
  const parts: string[] = [];
  let unnamed = 0;
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const label = labelOf(c, k);
    if (!label) {
      unnamed++;
      continue;
    }
    const [b, a] = [before[k], after[k]];
    const changed = k in before ? '已更改' : '已填写';
    if (isDigest(a) || isDigest(b)) parts.push(`${label}：${changed}（敏感值不显示）`);
    else {
      const [sb, sa] = [shown(c, names, k, b), shown(c, names, k, a)];
      if (sa === null || (k in before && sb === null)) parts.push(`${label}：${changed}`);
      else if (k in before) parts.push(`${label}：${sb} → ${sa}`);
      else parts.push(`${label}：${sa}`);
    }
  }
  if (unnamed) parts.push(`另有 ${unnamed} 项${parts.length ? '' : '记录内容'}`);
  return parts.join('；');
}
